#include "app/help.hpp"

namespace guichet::app {
namespace {

const char* kServe =
    "usage : guichet serve [options]\n"
    "Démarre le serveur : l'API JSON, les règles et leur rechargement à chaud.\n"
    "Chaque option peut aussi venir du fichier de configuration (clé au nom de l'option, avec _ :\n"
    "listen, data_dir, database_url…) ou de l'environnement (GUICHET_LISTEN…) ; l'option l'emporte\n"
    "sur l'environnement, qui l'emporte sur le fichier.\n"
    "  --config FICHIER          fichier TOML (sinon GUICHET_CONFIG, sinon /etc/guichet/guichet.toml\n"
    "                            s'il existe) ; none : aucun\n"
    "  --listen HÔTE:PORT        adresse d'écoute (127.0.0.1:8080)\n"
    "  --data-dir DOSSIER        données : base SQLite, fichiers, courriels (./data)\n"
    "  --scripts DOSSIER         scripts des règles (./scripts), surveillés\n"
    "  --database URL            postgresql://… (sinon GUICHET_DATABASE_URL, sinon SQLite)\n"
    "  --database-password-file FICHIER\n"
    "                            mot de passe de la base lu dans ce fichier (hors de la ligne de commande)\n"
    "  --simulated-time TEMPS    horloge simulée pour les règles et les échéances (RFC 3339)\n"
    "  --threads N               fils d'entrée-sortie (un par cœur)\n"
    "  --log-format text|json    format du journal (json sous systemd, text sinon)\n"
    "  --public-url URL          adresse du portail dans les liens des courriels\n"
    "  --backoffice-url URL      adresse de la gestion dans les invitations du personnel\n"
    "  --mail-from ADRESSE       expéditeur des courriels\n"
    "  --outbox-dir DOSSIER      dossier des courriels .eml (<données>/outbox)\n"
    "  --plugins DOSSIER         greffons à charger, chacun configuré par <nom>.json\n"
    "  --password-cost interactive|moderate|minimal\n"
    "                            coût du hachage des mots de passe (minimal : tests seulement)\n"
    "  --trusted-proxies LISTE   mandataires (adresses, plages CIDR) dont X-Forwarded-For est cru\n"
    "                            (sinon GUICHET_TRUSTED_PROXIES ; aucun par défaut)\n"
    "  --web DOSSIER|none        fichiers du portail servis à / (./web/dist) ; none : l'API seule\n"
    "  --cors-origins LISTE      origines d'autres portails autorisées à appeler l'API\n"
    "                            (sinon GUICHET_CORS_ORIGINS ; aucune par défaut)\n";

const char* kConfig =
    "usage : guichet config check [--config FICHIER] [options de serve]\n"
    "Affiche la configuration effective de serve (fichier, puis environnement GUICHET_*, puis options),\n"
    "la source de chaque valeur et les secrets masqués, puis la juge comme serve : statut 2 et un message\n"
    "nommant la ligne fautive (clé inconnue, type erroné, fichier secret illisible).\n";

const char* kBackup =
    "usage : guichet backup --out ARCHIVE.zip [options]\n"
    "Écrit une sauvegarde cohérente pendant que le serveur tourne : SQLite par sa copie en ligne avec\n"
    "chaque fichier stocké qu'elle cite, PostgreSQL par pg_dump (les fichiers sont dans la base) ;\n"
    "plus les courriels en attente et un manifest.json avec l'empreinte SHA-256 de chaque fichier.\n"
    "  --out ARCHIVE.zip         l'archive à écrire (refusée si elle existe)\n"
    "  --config FICHIER          la base du serveur (/etc/guichet/guichet.toml s'il existe)\n"
    "  --data-dir DOSSIER        données (./data)\n"
    "  --database URL            postgresql://… (sinon GUICHET_DATABASE_URL, sinon SQLite)\n";

const char* kRestore =
    "usage : guichet restore --from ARCHIVE.zip [options]\n"
    "Restaure une sauvegarde dans un dossier de données vide (SQLite) ou une base vide (PostgreSQL,\n"
    "par pg_restore), vérifie l'empreinte de chaque fichier, puis applique les migrations manquantes.\n"
    "  --from ARCHIVE.zip        l'archive écrite par guichet backup\n"
    "  --config FICHIER          la base du serveur (/etc/guichet/guichet.toml s'il existe)\n"
    "  --data-dir DOSSIER        données (./data)\n"
    "  --database URL            postgresql://… (sinon GUICHET_DATABASE_URL, sinon SQLite)\n";

const char* kRetention =
    "usage : guichet retention [--dry-run] [options]\n"
    "Supprime ce dont la durée de conservation fixée par le script de l'académie (« conservation ») est\n"
    "écoulée : pièces et documents, puis inscriptions, comptes inactifs sans inscription ; chaque\n"
    "suppression est inscrite au journal d'audit. Le serveur le fait chaque jour de lui-même.\n"
    "  --dry-run                 dit ce qui serait supprimé, sans rien supprimer\n"
    "  --scripts DOSSIER         scripts des règles (./scripts)\n"
    "  --config FICHIER          la base et les scripts du serveur (/etc/guichet/guichet.toml s'il existe)\n"
    "  --data-dir DOSSIER        données (./data)\n"
    "  --database URL            postgresql://… (sinon GUICHET_DATABASE_URL, sinon SQLite)\n";

const char* kCheck =
    "usage : guichet check [DOSSIER] [--plugins DOSSIER]\n"
    "Valide chaque script du dossier (./scripts) ; statut 1 et « fichier:ligne : message » en cas de faute.\n"
    "  --plugins DOSSIER         donne aux scripts les fonctions des greffons, comme le serveur\n";

const char* kTest =
    "usage : guichet test [DOSSIER] [--plugins DOSSIER]\n"
    "Exécute les cas de test des scripts (tests/*.lua) ; finit par « N passed, N failed ».\n"
    "  --plugins DOSSIER         donne aux scripts les fonctions des greffons, comme le serveur\n";

const char* kEval =
    "usage : guichet eval --academy A --exam E --session S [options]\n"
    "Affiche le verdict des règles sur une inscription, sans rien enregistrer.\n"
    "  --academy A               code de l'académie (poitiers)\n"
    "  --exam E                  code de l'examen (cap, bac_pro, cs, bp)\n"
    "  --session S               libellé de la session (2025)\n"
    "  --at TEMPS                instant évalué (RFC 3339 ; maintenant par défaut)\n"
    "  --answers FICHIER         réponses au formulaire (JSON)\n"
    "  --explain                 dit quelle ligne de script a décidé quoi\n"
    "  --scripts DOSSIER         scripts des règles (./scripts)\n"
    "  --plugins DOSSIER         donne aux scripts les fonctions des greffons\n";

const char* kMigrate =
    "usage : guichet migrate [--data-dir DOSSIER] [--database URL]\n"
    "Applique les migrations numérotées de la base.\n"
    "  --data-dir DOSSIER        données de la base SQLite (./data)\n"
    "  --database URL            postgresql://… (sinon GUICHET_DATABASE_URL, sinon SQLite)\n"
    "  --database-password-file FICHIER\n"
    "                            mot de passe de la base lu dans ce fichier (hors de la ligne de commande)\n"
    "  --config FICHIER          la base et les scripts du serveur (/etc/guichet/guichet.toml s'il existe)\n";

const char* kPlugins =
    "usage : guichet plugins [--plugins DOSSIER]\n"
    "Liste les greffons d'un dossier : nom, version, ABI, chargé ou refusé et pourquoi.\n"
    "  --plugins DOSSIER         dossier des greffons\n";

const char* kCreateUser =
    "usage : guichet admin create-user --academy A --email ADRESSE --name NOM --roles RÔLES [options]\n"
    "Crée un compte du personnel ; le mot de passe est lu sur l'entrée standard ; affiche une fois\n"
    "le secret TOTP et son URI otpauth://.\n"
    "  --academy A               académie du compte\n"
    "  --email ADRESSE           adresse de connexion\n"
    "  --name NOM                nom affiché\n"
    "  --roles RÔLES             parmi manager, rules_editor, auditor, admin (séparés par des virgules)\n"
    "  --scripts DOSSIER         scripts des règles (./scripts)\n"
    "  --data-dir DOSSIER        données (./data)\n"
    "  --database URL            postgresql://… (sinon GUICHET_DATABASE_URL, sinon SQLite)\n"
    "  --database-password-file FICHIER\n"
    "                            mot de passe de la base lu dans ce fichier (hors de la ligne de commande)\n"
    "  --config FICHIER          la base et les scripts du serveur (/etc/guichet/guichet.toml s'il existe)\n"
    "  --password-cost interactive|moderate|minimal\n"
    "                            coût du hachage du mot de passe, comme pour serve (interactive)\n";

const char* kPublish =
    "usage : guichet admin publish --academy A --type TYPE --folder DOSSIER --author NOM [options]\n"
    "Publie chaque <numéro d'inscription>.pdf du dossier comme nouvelle version du document TYPE ;\n"
    "statut 3 quand des fichiers sont refusés.\n"
    "  --academy A               académie\n"
    "  --type TYPE               type de document\n"
    "  --folder DOSSIER          dossier des PDF\n"
    "  --author NOM              auteur inscrit au journal\n"
    "  --scripts DOSSIER         scripts des règles (./scripts)\n"
    "  --data-dir DOSSIER        données (./data)\n"
    "  --database URL            postgresql://… (sinon GUICHET_DATABASE_URL, sinon SQLite)\n"
    "  --database-password-file FICHIER\n"
    "                            mot de passe de la base lu dans ce fichier (hors de la ligne de commande)\n"
    "  --config FICHIER          la base et les scripts du serveur (/etc/guichet/guichet.toml s'il existe)\n";

const char* kSubmit =
    "usage : guichet rules submit --academy A --author NOM [options] FICHIER\n"
    "Soumet une nouvelle version du script d'une académie : validée (elle se charge, les cas de\n"
    "test passent), enregistrée et mise en attente d'activation.\n"
    "  --academy A               académie\n"
    "  --author NOM              auteur de la version\n"
    "  --note TEXTE              note jointe à la version\n"
    "  --test FICHIER            cas de test joints\n"
    "  --scripts DOSSIER         scripts des règles (./scripts)\n"
    "  --data-dir DOSSIER        données (./data)\n"
    "  --database URL            postgresql://… (sinon GUICHET_DATABASE_URL, sinon SQLite)\n"
    "  --database-password-file FICHIER\n"
    "                            mot de passe de la base lu dans ce fichier (hors de la ligne de commande)\n"
    "  --config FICHIER          la base et les scripts du serveur (/etc/guichet/guichet.toml s'il existe)\n"
    "  --plugins DOSSIER         donne aux scripts les fonctions des greffons\n";

const char* kConfirm =
    "usage : guichet rules confirm --file CHEMIN --reason MOTIF --author NOM [options]\n"
    "Met en service une modification du dossier des scripts que la garde des fenêtres ouvertes a\n"
    "retenue (elle ferme plus tôt une session ouverte, ou y ajoute une pièce) : le dossier ne peut\n"
    "pas donner de motif, cette commande l'enregistre. Les serveurs qui partagent la base la\n"
    "mettent en service aussitôt.\n"
    "  --file CHEMIN             academies/<académie>.lua, exams/<examen>.lua ou lib/<nom>.lua\n"
    "  --reason MOTIF            pourquoi (par exemple l'arrêté qui modifie la session)\n"
    "  --author NOM              qui confirme\n"
    "  --scripts DOSSIER         scripts des règles (./scripts)\n"
    "  --data-dir DOSSIER        données (./data)\n"
    "  --database URL            postgresql://… (sinon GUICHET_DATABASE_URL, sinon SQLite)\n"
    "  --database-password-file FICHIER\n"
    "                            mot de passe de la base lu dans ce fichier (hors de la ligne de commande)\n"
    "  --config FICHIER          la base et les scripts du serveur (/etc/guichet/guichet.toml s'il existe)\n"
    "  --plugins DOSSIER         donne aux scripts les fonctions des greffons\n";

}  // namespace

std::string command_help(const std::string& command, const std::string& sub) {
  if (command == "serve") return kServe;
  if (command == "config") return kConfig;
  if (command == "backup") return kBackup;
  if (command == "restore") return kRestore;
  if (command == "retention") return kRetention;
  if (command == "check") return kCheck;
  if (command == "test") return kTest;
  if (command == "eval") return kEval;
  if (command == "migrate") return kMigrate;
  if (command == "plugins") return kPlugins;
  if (command == "admin" && sub == "create-user") return kCreateUser;
  if (command == "admin" && sub == "publish") return kPublish;
  if (command == "admin") return std::string(kCreateUser) + "\n" + kPublish;
  if (command == "rules" && sub == "confirm") return kConfirm;
  if (command == "rules" && sub == "submit") return kSubmit;
  if (command == "rules") return std::string(kSubmit) + "\n" + kConfirm;
  return {};
}

}  // namespace guichet::app
