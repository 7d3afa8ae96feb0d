// A throwaway PostgreSQL cluster for the test run: initdb in a temporary folder (as user
// `postgres` when the tests run as root), a free loopback port, trust authentication, no
// fsync. Never assumes a server is already running.
//
// ctest runs each test case as its own process, so the suite shares one cluster: a CTest
// fixture runs `pg_test_cluster start FILE` first and `pg_test_cluster stop FILE` last, and
// tests find it through GUICHET_TEST_PG_STATE=FILE. A test binary run by hand, without that
// variable, starts a private cluster on first use and removes it at exit.
#pragma once

#include <string>

namespace guichet::testing {

class PostgresCluster {
 public:
  // Starts the cluster on first call; aborts the test process with a clear message when
  // PostgreSQL's server binaries are missing or the cluster cannot start.
  static PostgresCluster& instance();

  // A fresh, empty database; returns its postgresql:// URL.
  std::string create_database(const std::string& prefix = "t");
  unsigned short port() const { return port_; }
  // A URL for a database that does not exist on this cluster's port with a wrong password:
  // for tests of connection failures.
  std::string admin_url() const;

  ~PostgresCluster();

  // For the fixture program: start a cluster that outlives this process, described in `file`;
  // and stop the one `file` describes.
  static bool start_detached(const std::string& file);
  static bool stop_detached(const std::string& file);

 private:
  PostgresCluster(bool start_now);
  void start();
  void stop();
  bool attach(const std::string& file);
  bool owned_ = true;
  std::string root_, bindir_;
  unsigned short port_ = 0;
  bool as_postgres_ = false;
  int counter_ = 0;
};

}  // namespace guichet::testing
