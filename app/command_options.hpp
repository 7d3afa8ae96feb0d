// What every command reads the same way: where the database is (and opening it, migrated),
// and the cost of password hashes.
#pragma once

#include <cstddef>
#include <memory>
#include <set>
#include <string>

#include "app/args.hpp"
#include "core/clock.hpp"
#include "core/rules.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "services/crypto.hpp"

namespace guichet::app {

struct DatabaseLocation {
  std::string url;       // empty: SQLite in data_dir
  std::string data_dir;  // the SQLite database, stored files, the outbox
};

// Where the database is, from `args` as parse_layered leaves them (flags, else GUICHET_*, else
// the configuration file; the URL carries its database_password_file): a PostgreSQL URL, else
// SQLite in the data folder (./data).
DatabaseLocation database_location(const Args& args);

// parse_args with kDatabaseOptions added, then the settings' layers filled in (layered_args):
// the commands that open the database read the server's configuration file as `serve` does.
Result<Args> parse_layered(int argc, char** argv, int first, std::set<std::string> options,
                           const std::set<std::string>& flags);

// The options every command that opens the database accepts besides its own.
inline const std::set<std::string> kDatabaseOptions{"--data-dir", "--database", "--database-password-file",
                                                    "--config"};

// Creates the data folder, opens the database and applies its migrations.
Result<std::unique_ptr<Database>> open_database(const DatabaseLocation& where, std::size_t pool_size);
Result<std::unique_ptr<Database>> open_database(const Args& args, std::size_t pool_size);

// The rules of the scripts folder (--scripts, ./scripts) as the server would serve them, the
// folder's versions recorded in `db` first: what the commands that act on registrations judge by.
Status load_folder_rules(Database& db, Rules& rules, const Clock& clock, const Args& args);

// "interactive" (the default), "moderate" or "minimal" (tests only); anything else is a usage error.
Result<services::PasswordCost> password_cost(const std::string& name);

}  // namespace guichet::app
