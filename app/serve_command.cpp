#include <cstdio>

#include "app/commands.hpp"

namespace guichet::app {

int cmd_serve(int, char**) {
  std::fprintf(stderr, "serve : pas encore branché\n");
  return 1;
}

int cmd_migrate(int, char**) {
  std::fprintf(stderr, "migrate : pas encore branché\n");
  return 1;
}

}  // namespace guichet::app
