// guichet: one executable, several subcommands. main only dispatches; app/ wires.
#include <cstdio>
#include <cstring>
#include <string>
#include <exception>

#include "app/commands.hpp"
#include "app/help.hpp"

namespace {
const char* kUsage =
    "usage : guichet <commande> [options]\n"
    "  serve   [--listen HOST:PORT] [--data-dir DIR] [--scripts DIR] [--database URL]\n"
    "          [--simulated-time TEMPS] [--threads N] [--log-format text|json]\n"
    "          [--trusted-proxies ADRESSES]  mandataires dont X-Forwarded-For est cru\n"
    "          [--web DIR|none] [--cors-origins ORIGINES]  portail servi à /, autres portails\n"
    "          [--config FICHIER]  /etc/guichet/guichet.toml par défaut s'il existe\n"
    "  config  check [--config FICHIER]  configuration effective (secrets masqués)\n"
    "  backup  --out ARCHIVE.zip  sauvegarde cohérente pendant le service (base et fichiers)\n"
    "  restore --from ARCHIVE.zip  dans un dossier de données ou une base vide\n"
    "  retention [--dry-run]     supprime ce dont la durée de conservation est écoulée\n"
    "  check   [DIR]             valide chaque script\n"
    "  test    [DIR]             exécute les cas de test des scripts\n"
    "  eval    --academy A --exam E --session S [--at TEMPS] [--answers FICHIER]\n"
    "          [--scripts DIR] [--explain]\n"
    "  migrate [--data-dir DIR] [--database URL]\n"
    "  admin   create-user --academy A --email MAIL --name NOM --roles ROLES\n"
    "          (mot de passe sur l'entrée standard ; affiche le secret TOTP)\n"
    "  admin   publish --academy A --type TYPE --folder DOSSIER --author NOM\n"
    "  plugins [--plugins DOSSIER]  liste les greffons, leur version et leur état\n"
    "  rules   submit --academy A --author NOM [--note TEXTE] [--test FICHIER] FICHIER\n";
}

int main(int argc, char** argv) {
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
    std::fputs(kUsage, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  // `guichet <commande> [sous-commande] --help`: that command's options, in French.
  for (int i = 2; i < argc; ++i) {
    if (std::strcmp(argv[i], "--help") && std::strcmp(argv[i], "-h")) continue;
    std::string help = guichet::app::command_help(argv[1], argc > 2 && argv[2][0] != '-' ? argv[2] : "");
    if (help.empty()) break;
    std::fputs(help.c_str(), stdout);
    return 0;
  }
  try {
    const char* cmd = argv[1];
    if (!std::strcmp(cmd, "serve")) return guichet::app::cmd_serve(argc, argv);
    if (!std::strcmp(cmd, "check")) return guichet::app::cmd_check(argc, argv);
    if (!std::strcmp(cmd, "test")) return guichet::app::cmd_test(argc, argv);
    if (!std::strcmp(cmd, "eval")) return guichet::app::cmd_eval(argc, argv);
    if (!std::strcmp(cmd, "migrate")) return guichet::app::cmd_migrate(argc, argv);
    if (!std::strcmp(cmd, "admin")) return guichet::app::cmd_admin(argc, argv);
    if (!std::strcmp(cmd, "rules")) return guichet::app::cmd_rules(argc, argv);
    if (!std::strcmp(cmd, "plugins")) return guichet::app::cmd_plugins(argc, argv);
    if (!std::strcmp(cmd, "config")) return guichet::app::cmd_config(argc, argv);
    if (!std::strcmp(cmd, "backup")) return guichet::app::cmd_backup(argc, argv);
    if (!std::strcmp(cmd, "restore")) return guichet::app::cmd_restore(argc, argv);
    if (!std::strcmp(cmd, "retention")) return guichet::app::cmd_retention(argc, argv);
  } catch (const std::exception& e) {
    // The edge: nothing escapes as a crash.
    std::fprintf(stderr, "guichet : erreur : %s\n", e.what());
    return 1;
  }
  std::fprintf(stderr, "guichet : commande inconnue « %s »\n%s", argv[1], kUsage);
  return 2;
}
