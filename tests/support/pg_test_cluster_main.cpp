// The CTest fixture around the shared test cluster: `start FILE` / `stop FILE`.
#include <cstdio>
#include <string>

#include "tests/support/postgres_cluster.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: pg_test_cluster start|stop STATE_FILE\n");
    return 2;
  }
  std::string verb = argv[1];
  if (verb == "start") return guichet::testing::PostgresCluster::start_detached(argv[2]) ? 0 : 1;
  if (verb == "stop") return guichet::testing::PostgresCluster::stop_detached(argv[2]) ? 0 : 1;
  return 2;
}
