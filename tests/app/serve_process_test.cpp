// `guichet serve` and `guichet migrate` as real processes: the server answers on loopback,
// says when its clock is simulated, and drains and exits 0 on SIGTERM.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "tests/app/server_process.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/run_command.hpp"

namespace {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

const std::string kSrc = GUICHET_SOURCE_DIR;

std::string run(const std::string& args, int* code) {
  auto r = guichet::testing::run_command_status(std::string(GUICHET_BINARY) + " " + args + " 2>&1");
  *code = r.code;
  return r.out;
}

fs::path temp_dir(const std::string& tag) {
  fs::path dir = fs::temp_directory_path() / ("guichet-" + tag + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

using guichet::testing::slurp;

TEST(ServeProcess, MigrateCreatesTheEmbeddedDatabase) {
  fs::path dir = temp_dir("migrate");
  int code = -1;
  std::string out = run("migrate --data-dir " + (dir / "data").string(), &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_NE(out.find("migrations appliquées"), std::string::npos) << out;
  EXPECT_TRUE(fs::exists(dir / "data" / "guichet.sqlite3"));
  out = run("migrate --database mysql://x/y", &code);
  EXPECT_EQ(code, 1);
  EXPECT_NE(out.find("postgresql://"), std::string::npos) << out;
  fs::remove_all(dir);
}

TEST(ServeProcess, AnUnreadableTrustedProxyListIsAUsageError) {
  int code = -1;
  std::string out = run("serve --trusted-proxies 10.0.0.0/33 --data-dir /nonexistent", &code);
  EXPECT_EQ(code, 2) << out;
  EXPECT_NE(out.find("--trusted-proxies"), std::string::npos) << out;
  EXPECT_NE(out.find("10.0.0.0/33"), std::string::npos) << out;
  // The environment variable is read when the option is absent (and checked the same way).
  auto r = guichet::testing::run_command_status("GUICHET_TRUSTED_PROXIES=proxy.local " + std::string(GUICHET_BINARY) +
                                                " serve --data-dir /nonexistent 2>&1");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("proxy.local"), std::string::npos) << r.out;
}

TEST(ServeProcess, ServesThenDrainsOnSigterm) {
  fs::path dir = temp_dir("serve");
  fs::path log = dir / "serve.log";
  auto server = guichet::testing::start_server_process(
      log, {"--data-dir", (dir / "data").string(), "--scripts", kSrc + "/scripts", "--simulated-time",
            "2024-10-25T10:00:00+02:00"});
  pid_t pid = server.pid;
  unsigned short port = server.port;
  ASSERT_NE(port, 0) << slurp(log);
  auto ready = guichet::testing::http_request(port, "GET", "/readyz");
  EXPECT_EQ(ready.status, 200u) << ready.body;
  auto services = guichet::testing::http_request(port, "GET", "/api/v1/services");
  EXPECT_EQ(services.status, 200u);
  EXPECT_EQ(services.header("x-guichet-simulated-time").rfind("2024-10-25T08:0", 0), 0u)
      << services.header("x-guichet-simulated-time");
  EXPECT_NE(services.body.find("\"exam\":\"bac_pro\""), std::string::npos) << services.body;

  ASSERT_EQ(kill(pid, SIGTERM), 0);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  std::string text = slurp(log);
  EXPECT_NE(text.find("HORLOGE SIMULÉE"), std::string::npos);
  EXPECT_NE(text.find("arrêt en douceur"), std::string::npos);
  EXPECT_NE(text.find("route=/api/v1/services status=200"), std::string::npos) << text;  // access log flushed
  fs::remove_all(dir);
}

}  // namespace
