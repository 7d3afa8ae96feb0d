// Temporary: used only while http/ and db/ are not built yet (development bootstrap).
#include <cstdio>
#include "app/commands.hpp"
namespace guichet::app {
int cmd_serve(int, char**) { std::fprintf(stderr, "serve : indisponible dans cette construction\n"); return 1; }
int cmd_migrate(int, char**) { std::fprintf(stderr, "migrate : indisponible dans cette construction\n"); return 1; }
int cmd_plugins(int, char**) { std::fprintf(stderr, "plugins : indisponible dans cette construction\n"); return 1; }
int cmd_rules(int, char**) { std::fprintf(stderr, "rules : indisponible dans cette construction\n"); return 1; }
int cmd_admin(int, char**) { std::fprintf(stderr, "admin : indisponible dans cette construction\n"); return 1; }
}  // namespace guichet::app
