#include "app/command_options.hpp"

#include <cstdlib>
#include <filesystem>

#include "app/settings.hpp"
#include "db/migrations.hpp"
#include "services/rules_lifecycle.hpp"

namespace guichet::app {

Result<Args> parse_layered(int argc, char** argv, int first, std::set<std::string> options,
                           const std::set<std::string>& flags) {
  options.insert(kDatabaseOptions.begin(), kDatabaseOptions.end());
  auto args = parse_args(argc, argv, first, options, flags);
  if (!args.ok()) return args.error();
  return layered_args(*args);
}

DatabaseLocation database_location(const Args& args) {
  return DatabaseLocation{args.get("--database").value_or(""), args.get("--data-dir").value_or("data")};
}

Result<std::unique_ptr<Database>> open_database(const Args& args, std::size_t pool_size) {
  return open_database(database_location(args), pool_size);
}

Status load_folder_rules(Database& db, Rules& rules, const Clock& clock, const Args& args) {
  services::RulesLifecycle lifecycle(db, rules, clock, args.get("--scripts").value_or("scripts"), RuleSetOptions{});
  auto sources = lifecycle.sync_folder();
  if (!sources.ok()) return sources.error();
  if (!rules.load(*sources).activated) return Error{ErrorCode::rules_unavailable, "règles inutilisables"};
  return Status::Ok();
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
