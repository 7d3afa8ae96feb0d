// The `guichet` subcommands (api.md, "Command line"). Each returns the process exit code.
#pragma once

namespace guichet::app {

int cmd_serve(int argc, char** argv);
int cmd_check(int argc, char** argv);
int cmd_test(int argc, char** argv);
int cmd_eval(int argc, char** argv);
int cmd_migrate(int argc, char** argv);
int cmd_admin(int argc, char** argv);
int cmd_rules(int argc, char** argv);
int cmd_plugins(int argc, char** argv);
int cmd_config(int argc, char** argv);
int cmd_backup(int argc, char** argv);
int cmd_restore(int argc, char** argv);
int cmd_retention(int argc, char** argv);

}  // namespace guichet::app
