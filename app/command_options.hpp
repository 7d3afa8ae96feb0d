// What every command reads the same way: where the database is (and opening it, migrated),
// and the cost of password hashes.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "app/args.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "services/crypto.hpp"

namespace guichet::app {

struct DatabaseLocation {
  std::string url;       // empty: SQLite in data_dir
  std::string data_dir;  // the SQLite database, stored files, the outbox
};

// --database, else GUICHET_DATABASE_URL, else SQLite in --data-dir (./data).
DatabaseLocation database_location(const Args& args);

// Creates the data folder, opens the database and applies its migrations.
Result<std::unique_ptr<Database>> open_database(const DatabaseLocation& where, std::size_t pool_size);

// "interactive" (the default), "moderate" or "minimal" (tests only); anything else is a usage error.
Result<services::PasswordCost> password_cost(const std::string& name);

}  // namespace guichet::app
