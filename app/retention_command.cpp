// `guichet retention [--dry-run]`: the retention job run once by hand, with the rules of the
// scripts folder; `--dry-run` says what it would delete and deletes nothing.
#include <cstdio>
#include <filesystem>

#include "app/command_options.hpp"
#include "app/commands.hpp"
#include "core/clock.hpp"
#include "core/rules.hpp"
#include "db/file_store.hpp"
#include "services/retention.hpp"

namespace guichet::app {

int cmd_retention(int argc, char** argv) {
  auto args = parse_layered(argc, argv, 2, {"--scripts"}, {"--dry-run"});
  if (!args.ok()) {
    std::fprintf(stderr, "retention : %s\n", args.error().message.c_str());
    return 2;
  }
  auto db = open_database(*args, 1);
  if (!db.ok()) {
    std::fprintf(stderr, "retention : %s\n", db.error().message.c_str());
    return 1;
  }
  SystemClock clock;
  Rules rules(RuleSetOptions{}, clock, nullptr);
  if (!load_folder_rules(**db, rules, clock, *args).ok()) {
    std::fprintf(stderr, "retention : règles inutilisables : les durées de conservation viennent des scripts\n");
    return 1;
  }
  db::FileStore files(**db, std::filesystem::path(database_location(*args).data_dir) / "files");
  services::RetentionService retention(**db, files, rules, clock);
  const bool dry_run = args->has("--dry-run");
  auto report = retention.run(dry_run);
  if (!report.ok()) {
    std::fprintf(stderr, "retention : %s\n", report.error().message.c_str());
    return 1;
  }
  for (const auto& step : report->steps) std::printf("%s\n", services::describe(step, dry_run).c_str());
  if (report->steps.empty()) std::printf("rien à supprimer : aucune durée de conservation n'est écoulée\n");
  else if (dry_run) std::printf("essai : rien n'a été supprimé\n");
  return 0;
}

}  // namespace guichet::app
