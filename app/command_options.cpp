#include "app/command_options.hpp"

#include <cstdlib>
#include <filesystem>

#include "db/migrations.hpp"

namespace guichet::app {

DatabaseLocation database_location(const Args& args) {
  DatabaseLocation where{args.get("--database").value_or(""), args.get("--data-dir").value_or("data")};
  if (where.url.empty())
    if (const char* env = std::getenv("GUICHET_DATABASE_URL")) where.url = env;
  return where;
}

Result<std::unique_ptr<Database>> open_database(const DatabaseLocation& where, std::size_t pool_size) {
  // Also on PostgreSQL: the data folder holds the outbox and the temporary files.
  std::error_code ec;
  std::filesystem::create_directories(where.data_dir, ec);
  auto db = Database::open(where.url, where.data_dir, pool_size);
  if (!db.ok()) return db.error();
  if (Status s = migrate(**db); !s.ok()) return s.error();
  return db;
}

Result<services::PasswordCost> password_cost(const std::string& name) {
  if (name == "interactive") return services::PasswordCost::interactive();
  if (name == "moderate") return services::PasswordCost::moderate();
  if (name == "minimal") return services::PasswordCost::minimal();
  return Error{ErrorCode::usage, "--password-cost attend interactive, moderate ou minimal"};
}

}  // namespace guichet::app
