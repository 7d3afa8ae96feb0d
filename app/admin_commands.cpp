// guichet admin ...: what the servers' operators do from a shell, first of all creating an
// académie's first administrator (who then manages the rest through the API).
#include <boost/json.hpp>
#include <spdlog/sinks/stdout_sinks.h>
#include <soci/soci.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/args.hpp"
#include "app/command_options.hpp"
#include "app/commands.hpp"
#include "app/script_plugins.hpp"
#include "core/clock.hpp"
#include "db/database.hpp"
#include "core/rules.hpp"
#include "core/events.hpp"
#include "db/file_store.hpp"
#include "services/document_service.hpp"
#include "services/office_service.hpp"
#include "services/piece_service.hpp"
#include "services/rules_lifecycle.hpp"
#include "http/views/office_view.hpp"
#include "http/views/rule_version_view.hpp"
#include "services/staff_roles.hpp"
#include "services/staff_service.hpp"

namespace guichet::app {
namespace {

int usage() {
  std::fputs(
      "usage : guichet admin create-user --academy A --email MAIL --name NOM --roles ROLE[,ROLE...]\n"
      "                                  [--scripts DIR] [--data-dir DIR] [--database URL]\n"
      "                                  [--password-cost interactive|moderate|minimal]\n"
      "        le mot de passe est lu sur l'entrée standard (une ligne) ;\n"
      "        rôles : manager, rules_editor, auditor, admin\n"
      "       guichet admin publish --academy A --type TYPE --folder DOSSIER --author NOM\n"
      "        publie chaque <numéro d'inscription>.pdf du dossier comme nouvelle version du document\n",
      stderr);
  return 2;
}

int create_user(int argc, char** argv) {
  auto args = parse_layered(argc, argv, 3, {"--academy", "--email", "--name", "--roles", "--scripts", "--password-cost"}, {});
  if (!args.ok()) {
    std::fprintf(stderr, "%s\n", args.error().message.c_str());
    return usage();
  }
  auto academy = args->get("--academy"), email = args->get("--email"), name = args->get("--name"),
       roles_text = args->get("--roles");
  if (!academy || !email || !name || !roles_text) return usage();
  // The same costs as `serve`: the hashes a server verifies are made here alike.
  auto cost = password_cost(args->get("--password-cost").value_or("interactive"));
  if (!cost.ok()) {
    std::fprintf(stderr, "admin : %s\n", cost.error().message.c_str());
    return 2;
  }
  auto roles = services::parse_roles(*roles_text);
  if (!roles) {
    std::fprintf(stderr, "admin : rôles inconnus « %s » (manager, rules_editor, auditor, admin)\n", roles_text->c_str());
    return 2;
  }
  // The académie must be one the rules describe: a typo would make an account that sees nothing.
  std::string scripts = args->get("--scripts").value_or("scripts");
  if (!std::filesystem::exists(std::filesystem::path(scripts) / "academies" / (*academy + ".lua"))) {
    std::fprintf(stderr, "admin : l'académie « %s » n'a pas de script dans %s/academies\n", academy->c_str(),
                 scripts.c_str());
    return 1;
  }
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();

  auto db = open_database(*args, 1);
  if (!db.ok()) {
    std::fprintf(stderr, "admin : %s\n", db.error().message.c_str());
    return 1;
  }
  SystemClock clock;
  services::StaffConfig config;
  config.password_cost = *cost;
  services::StaffService staff(**db, clock, config);
  services::Actor cli{"cli", "ligne de commande", *academy, services::kAdmin};
  auto created = staff.create_user(cli, {*academy, *email, *name, *roles, password});
  if (!created.ok()) {
    std::fprintf(stderr, "admin : %s\n", created.error().message.c_str());
    for (const auto& [field, message] : created.error().fields)
      std::fprintf(stderr, "  %s : %s\n", field.c_str(), message.c_str());
    return 1;
  }
  // The secret is shown once: the person enrols it in an authenticator app now.
  boost::json::object out{{"id", created->user.id},
                          {"academy", created->user.academy},
                          {"email", created->user.email},
                          {"roles", services::roles_text(created->user.roles)},
                          {"totp_secret", created->totp_secret},
                          {"otpauth_uri", created->otpauth_uri}};
  std::printf("%s\n", boost::json::serialize(out).c_str());
  return 0;
}

int rules_usage() {
  std::fputs(
      "usage : guichet rules submit --academy A --author NOM [--note TEXTE] [--test FICHIER] FICHIER\n"
      "                             [--scripts DIR] [--data-dir DIR] [--database URL]\n"
      "        soumet une nouvelle version du script de l'académie (validée, puis mise en attente\n"
      "        d'activation par l'API)\n"
      "        guichet rules confirm --file CHEMIN --reason MOTIF --author NOM [--academy A]\n"
      "                             [--scripts DIR] [--data-dir DIR] [--database URL]\n"
      "        met en service une modification du dossier des scripts retenue par la garde des\n"
      "        fenêtres ouvertes (CHEMIN : academies/<académie>.lua, exams/<examen>.lua, lib/…)\n",
      stderr);
  return 2;
}

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// What `guichet rules` works with: the database, the folder's rules, their lifecycle. On
// PostgreSQL what it activates or confirms wakes the servers sharing the database at once.
struct RulesCommand {
  std::unique_ptr<Database> db;
  SystemClock clock;
  ScriptPlugins plugins;
  Rules rules;
  services::RulesLifecycle lifecycle;
  RulesCommand(std::unique_ptr<Database> d, const Args& args)
      : db(std::move(d)),
        plugins(args.get("--plugins")),
        rules(plugins.with({}), clock, nullptr),
        lifecycle(*db, rules, clock, args.get("--scripts").value_or("scripts"), plugins.with({})) {}
};

int print_refusal(const Error& e) {
  std::fprintf(stderr, "rules : %s\n", e.message.c_str());
  for (const auto& [where, message] : e.fields) std::fprintf(stderr, "  %s : %s\n", where.c_str(), message.c_str());
  return 1;
}

int rules_submit(int argc, char** argv) {
  auto args = parse_layered(argc, argv, 3, {"--academy", "--author", "--note", "--test", "--scripts", "--plugins"}, {});
  if (!args.ok()) {
    std::fprintf(stderr, "%s\n", args.error().message.c_str());
    return rules_usage();
  }
  auto academy = args->get("--academy"), author = args->get("--author");
  if (!academy || !author || args->positional.size() != 1) return rules_usage();
  auto script = read_file(args->positional[0]);
  if (!script) {
    std::fprintf(stderr, "rules : fichier illisible : %s\n", args->positional[0].c_str());
    return 1;
  }
  services::Submission sub;
  sub.script = *script;
  sub.note = args->get("--note").value_or("");
  sub.origin = "cli";
  if (auto test = args->get("--test")) {
    auto text = read_file(*test);
    if (!text) {
      std::fprintf(stderr, "rules : fichier illisible : %s\n", test->c_str());
      return 1;
    }
    sub.tests.push_back({"tests/" + std::filesystem::path(*test).filename().string(), *text});
  }
  auto db = open_database(*args, 1);
  if (!db.ok()) return print_refusal(db.error());
  RulesCommand command(std::move(*db), *args);
  // The folder's versions first, so the submission is judged against what is live.
  if (auto seeded = command.lifecycle.sync_folder(); !seeded.ok()) return print_refusal(seeded.error());
  services::Actor cli{"cli", *author + " (ligne de commande)", *academy, services::kRulesEditor};
  auto created = command.lifecycle.submit(cli, sub);
  if (!created.ok()) return print_refusal(created.error());
  std::printf("%s\n", boost::json::serialize(views::submitted_version(*created)).c_str());
  return 0;
}

// guichet rules confirm: the reason the folder cannot give, for a change the window guard held.
int rules_confirm(int argc, char** argv) {
  auto args = parse_layered(argc, argv, 3, {"--file", "--reason", "--author", "--academy", "--scripts", "--plugins"}, {});
  if (!args.ok()) {
    std::fprintf(stderr, "%s\n", args.error().message.c_str());
    return rules_usage();
  }
  auto file = args->get("--file"), reason = args->get("--reason"), author = args->get("--author");
  if (!file || !reason || !author || !args->positional.empty()) return rules_usage();
  // An académie's file belongs to that académie; shared files (exams, libraries) to all.
  std::string academy = args->get("--academy").value_or("");
  if (academy.empty() && file->rfind("academies/", 0) == 0 && file->size() > 14)
    academy = file->substr(10, file->size() - 14);
  auto db = open_database(*args, 1);
  if (!db.ok()) return print_refusal(db.error());
  RulesCommand command(std::move(*db), *args);
  services::Actor cli{"cli", *author + " (ligne de commande)", academy, services::kRulesEditor};
  auto done = command.lifecycle.confirm_folder_change(cli, *file, *reason);
  if (!done.ok()) return print_refusal(done.error());
  std::printf("%s\n", boost::json::serialize(views::folder_confirmation(*done)).c_str());
  return 0;
}

// guichet admin publish: a folder of PDFs named by registration number, as the office's
// systems leave them, published as one document type (each file a new version).
int publish_folder(int argc, char** argv) {
  auto args = parse_layered(argc, argv, 3, {"--academy", "--type", "--folder", "--author", "--scripts"}, {});
  if (!args.ok() || !args->get("--academy") || !args->get("--type") || !args->get("--folder") || !args->get("--author")) {
    std::fputs("usage : guichet admin publish --academy A --type TYPE --folder DOSSIER --author NOM\n"
               "                              [--scripts DIR] [--data-dir DIR] [--database URL]\n",
               stderr);
    return 2;
  }
  auto db = open_database(*args, 1);
  if (!db.ok()) {
    std::fprintf(stderr, "admin : %s\n", db.error().message.c_str());
    return 1;
  }
  SystemClock clock;
  EventBus events;
  Rules rules(RuleSetOptions{}, clock, nullptr);
  if (!load_folder_rules(**db, rules, clock, *args).ok()) {
    std::fprintf(stderr, "admin : règles inutilisables\n");
    return 1;
  }
  db::FileStore files(**db, std::filesystem::path(database_location(*args).data_dir) / "files");
  services::CandidateConfig cc;
  services::PieceService pieces(**db, files, clock, events, rules, cc);
  services::DocumentService documents(**db, files, clock, events, rules);
  services::OfficeService office(**db, clock, events, rules, pieces, documents, cc);
  services::Actor cli{"cli", *args->get("--author") + " (ligne de commande)", *args->get("--academy"), services::kManager};
  auto report = office.publish_folder(cli, *args->get("--type"), *args->get("--folder"));
  if (!report.ok()) {
    std::fprintf(stderr, "admin : %s\n", report.error().message.c_str());
    return 1;
  }
  std::printf("%s\n", boost::json::serialize(views::bulk_publication(*report)).c_str());
  return report->refused.empty() ? 0 : 3;  // 3: some files were refused (listed)
}

}  // namespace

int cmd_rules(int argc, char** argv) {
  if (argc < 3) return rules_usage();
  const std::string sub = argv[2];
  if (sub != "submit" && sub != "confirm") return rules_usage();
  spdlog::set_default_logger(spdlog::stderr_logger_mt("rules"));
  return sub == "submit" ? rules_submit(argc, argv) : rules_confirm(argc, argv);
}

int cmd_admin(int argc, char** argv) {
  if (argc < 3) return usage();
  // Standard output carries the result (JSON); the log goes to standard error.
  spdlog::set_default_logger(spdlog::stderr_logger_mt("admin"));
  std::string sub = argv[2];
  if (sub == "create-user") return create_user(argc, argv);
  if (sub == "publish") return publish_folder(argc, argv);
  return usage();
}

}  // namespace guichet::app
