// A throwaway PostgreSQL cluster for the test run: initdb in a temporary folder (as user
// `postgres` when the tests run as root), a free loopback port, trust authentication, no
// fsync. Never assumes a server is already running.
//
// ctest runs each test case as its own process, so the suite shares one cluster: a CTest
// fixture runs `pg_test_cluster start FILE` first and `pg_test_cluster stop FILE` last, and
// tests find it through GUICHET_TEST_PG_STATE=FILE. A test binary run by hand, without that
// variable, starts a private cluster on first use and removes it at exit.
//
// Server binaries: $GUICHET_PG_BINDIR, else the highest /usr/lib/postgresql/<N>/bin, else
// `pg_config --bindir`. Missing, or a cluster that will not start, aborts the test process
// with a message saying why: PostgreSQL tests fail, they never skip.
#pragma once

#include <atomic>
#include <memory>
#include <string>

namespace guichet::testing {

class PostgresCluster {
 public:
  // The process-wide cluster, started on first call (or the fixture's, when there is one).
  static PostgresCluster& instance();

  // A cluster of its own, for tests that stop and restart the server; removed on destruction.
  static std::unique_ptr<PostgresCluster> start_private();

  // A fresh, empty database; returns its URL, postgresql://postgres@127.0.0.1:PORT/NAME.
  // Thread-safe.
  std::string create_database(const std::string& prefix = "t");
  unsigned short port() const { return port_; }
  // The URL of the maintenance database `postgres` (superuser, no password).
  std::string admin_url() const;

  // Stops the server (fast shutdown: connections are cut) and starts it again on the same
  // port, keeping the data. For outage tests on a private cluster.
  void stop_server();
  void start_server();

  ~PostgresCluster();
  PostgresCluster(const PostgresCluster&) = delete;
  PostgresCluster& operator=(const PostgresCluster&) = delete;

  // For the fixture program: start a cluster that outlives this process, described in `file`;
  // and stop the one `file` describes, removing its folder.
  static bool start_detached(const std::string& file);
  static bool stop_detached(const std::string& file);

 private:
  PostgresCluster() = default;
  void create();   // initdb, then start_server()
  void destroy();  // immediate stop, folder removed
  bool attach(const std::string& file);
  std::string as_owner(const std::string& command) const;
  void watch_this_process();

  bool owned_ = true;
  std::string root_, bindir_;
  unsigned short port_ = 0;
  bool as_postgres_ = false;
  std::atomic<int> counter_{0};
};

}  // namespace guichet::testing
