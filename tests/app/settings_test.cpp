// The configuration file, the environment and the flags, as an operator meets them: `guichet
// config check` prints what serve would use with each value's source and the secrets masked;
// a wrong file is refused naming its line; serve and the admin commands read the same file;
// under systemd the server says when it is ready (sd_notify) and logs JSON lines.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <boost/json.hpp>

#include "services/totp.hpp"
#include "tests/app/server_process.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/run_command.hpp"

namespace {
namespace fs = std::filesystem;
using namespace std::chrono_literals;
using guichet::testing::slurp;

const std::string kSrc = GUICHET_SOURCE_DIR;

struct Folder {
  fs::path path;
  explicit Folder(const std::string& tag)
      : path(fs::temp_directory_path() / ("guichet-settings-" + tag + "-" + std::to_string(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~Folder() { fs::remove_all(path); }
  fs::path write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name) << text;
    return path / name;
  }
};

guichet::testing::CommandResult run(const std::string& env, const std::string& args) {
  return guichet::testing::run_command_status(env + " " + std::string(GUICHET_BINARY) + " " + args + " 2>&1");
}

TEST(Settings, ConfigCheckShowsEachValueWithItsSourceAndMasksTheSecrets) {
  Folder f("check");
  f.write("db-password", "s3cr3t-du-rectorat\n");
  auto toml = f.write("guichet.toml",
                      "# guichet\n"
                      "listen = \"127.0.0.1:8181\"\n"
                      "data_dir = \"/var/lib/guichet\"\n"
                      "database_url = \"postgresql://guichet@db.ac-test.fr/guichet\"\n"
                      "database_password_file = \"" + (f.path / "db-password").string() + "\"\n"
                      "threads = 3\n"
                      "trusted_proxies = [\"127.0.0.1\", \"10.1.0.0/16\"]\n"
                      "public_url = \"https://inscriptions.ac-test.fr\"\n");
  auto r = run("", "config check --config " + toml.string());
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("listen = \"127.0.0.1:8181\"  # " + toml.string() + ":2"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("threads = 3  # " + toml.string() + ":6"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("trusted_proxies = \"127.0.0.1, 10.1.0.0/16\""), std::string::npos) << r.out;
  // The password read from its file is in the URL serve uses, and never printed.
  EXPECT_NE(r.out.find("database_url = \"postgresql://guichet:****@db.ac-test.fr/guichet\""), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("s3cr3t"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("# cors_origins : valeur par défaut"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Configuration valide"), std::string::npos) << r.out;

  // The environment beats the file; a flag beats both.
  r = run("GUICHET_LISTEN=127.0.0.1:8282", "config check --config " + toml.string());
  EXPECT_NE(r.out.find("listen = \"127.0.0.1:8282\"  # GUICHET_LISTEN"), std::string::npos) << r.out;
  r = run("GUICHET_LISTEN=127.0.0.1:8282", "config check --config " + toml.string() + " --listen 127.0.0.1:8383");
  EXPECT_NE(r.out.find("listen = \"127.0.0.1:8383\"  # --listen"), std::string::npos) << r.out;
}

TEST(Settings, AWrongFileIsRefusedNamingItsLine) {
  Folder f("wrong");
  auto unknown = f.write("unknown.toml", "listen = \"127.0.0.1:8080\"\n\nlisten_port = 8080\n");
  auto r = run("", "config check --config " + unknown.string());
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find(unknown.string() + ":3 : clé inconnue « listen_port »"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("clés connues : listen, data_dir"), std::string::npos) << r.out;
  // serve refuses the same file the same way, before starting anything.
  r = run("", "serve --config " + unknown.string());
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find(":3 : clé inconnue « listen_port »"), std::string::npos) << r.out;

  auto typed = f.write("typed.toml", "threads = \"deux\"\n");
  r = run("", "config check --config " + typed.string());
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find(typed.string() + ":1 : « threads » attend un nombre entier"), std::string::npos) << r.out;

  auto broken = f.write("broken.toml", "listen = \"127.0.0.1:8080\"\ndata_dir = \n");
  r = run("", "config check --config " + broken.string());
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find(broken.string() + ":2 : syntaxe TOML invalide"), std::string::npos) << r.out;

  auto secret = f.write("secret.toml", "database_url = \"postgresql://guichet@localhost/guichet\"\n"
                                       "database_password_file = \"/nonexistent/pg-password\"\n");
  r = run("", "config check --config " + secret.string());
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find(":2 : fichier secret illisible : /nonexistent/pg-password"), std::string::npos) << r.out;

  // A value serve would refuse is refused by the check too.
  auto proxies = f.write("proxies.toml", "trusted_proxies = [\"10.0.0.0/33\"]\n");
  r = run("", "config check --config " + proxies.string());
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("10.0.0.0/33"), std::string::npos) << r.out;

  r = run("", "config check --config /nonexistent/guichet.toml");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("fichier de configuration introuvable"), std::string::npos) << r.out;
}

// What a packaged server does: every setting from the file, nothing on the command line; the
// admin command finds the same data folder through the same file.
TEST(Settings, ServeAndTheAdminCommandsReadTheSameFile) {
  Folder f("serve");
  auto toml = f.write("guichet.toml", "listen = \"127.0.0.1:0\"\n"
                                      "data_dir = \"" + (f.path / "data").string() + "\"\n"
                                      "scripts = \"" + kSrc + "/scripts\"\n"
                                      "web = \"none\"\n"
                                      "password_cost = \"minimal\"\n"
                                      "log_format = \"json\"\n");
  auto created = guichet::testing::run_command_status("echo 'une phrase de passe solide' | " + std::string(GUICHET_BINARY) +
                                                      " admin create-user --config " + toml.string() +
                                                      " --academy poitiers --email bureau@ac-poitiers.fr --name Bureau"
                                                      " --roles manager 2>&1");
  EXPECT_EQ(created.code, 0) << created.out;
  EXPECT_TRUE(fs::exists(f.path / "data" / "guichet.sqlite3"));

  fs::path log = f.path / "serve.log";
  // start_server_process adds --listen 127.0.0.1:0 (the file says the same).
  auto server = guichet::testing::start_server_process(log, {"--config", toml.string()});
  ASSERT_NE(server.port, 0) << slurp(log);
  auto ready = guichet::testing::http_request(server.port, "GET", "/readyz");
  EXPECT_EQ(ready.status, 200u) << ready.body;
  // The account made by the admin command is in the database the server opened: it logs in.
  const std::string secret(boost::json::parse(created.out.substr(created.out.find('{'))).at("totp_secret").as_string());
  const auto now = std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
  const std::string code = guichet::services::totp_code(secret, guichet::services::totp_step(now));
  auto login = guichet::testing::http_request(
      server.port, "POST", "/api/v1/admin/auth/login",
      R"({"email":"bureau@ac-poitiers.fr","password":"une phrase de passe solide","code":")" + code + "\"}",
      {{"Content-Type", "application/json"}});
  EXPECT_EQ(login.status, 200u) << login.body;
  // log_format = "json": every line of the log is a JSON object.
  kill(server.pid, SIGTERM);
  int status = 0;
  waitpid(server.pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  std::ifstream lines(log);
  int json_lines = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    EXPECT_EQ(line.front(), '{') << line;
    ++json_lines;
  }
  EXPECT_GT(json_lines, 2);
}

// Type=notify: READY=1 reaches systemd's socket once the server answers, STOPPING=1 at SIGTERM;
// JOURNAL_STREAM (stderr is the journal) makes JSON lines the default.
TEST(Settings, UnderSystemdTheServerSaysWhenItIsReadyAndLogsJson) {
  Folder f("notify");
  const fs::path socket_path = f.path / "notify.sock";
  int sock = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  ASSERT_GE(sock, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", socket_path.c_str());
  ASSERT_EQ(::bind(sock, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  timeval timeout{20, 0};
  setsockopt(sock, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);

  ::setenv("NOTIFY_SOCKET", socket_path.c_str(), 1);
  ::setenv("JOURNAL_STREAM", "8:12345", 1);
  fs::path log = f.path / "serve.log";
  auto server = guichet::testing::start_server_process(
      log, {"--config", "none", "--data-dir", (f.path / "data").string(), "--scripts", kSrc + "/scripts", "--web",
            "none", "--password-cost", "minimal"});
  ::unsetenv("NOTIFY_SOCKET");
  ::unsetenv("JOURNAL_STREAM");
  ASSERT_NE(server.port, 0) << slurp(log);

  char buffer[512];
  ssize_t n = ::recv(sock, buffer, sizeof buffer - 1, 0);
  ASSERT_GT(n, 0) << "aucun message sd_notify";
  std::string ready(buffer, static_cast<std::size_t>(n));
  EXPECT_NE(ready.find("READY=1"), std::string::npos) << ready;
  EXPECT_NE(ready.find("MAINPID=" + std::to_string(server.pid)), std::string::npos) << ready;
  // Ready means serving.
  EXPECT_EQ(guichet::testing::http_request(server.port, "GET", "/readyz").status, 200u);

  kill(server.pid, SIGTERM);
  n = ::recv(sock, buffer, sizeof buffer - 1, 0);
  ASSERT_GT(n, 0);
  EXPECT_NE(std::string(buffer, static_cast<std::size_t>(n)).find("STOPPING=1"), std::string::npos);
  int status = 0;
  waitpid(server.pid, &status, 0);
  ::close(sock);
  const std::string text = slurp(log);
  EXPECT_EQ(text.front(), '{') << text.substr(0, 300);
  EXPECT_NE(text.find("arrêt en douceur\""), std::string::npos) << text.substr(0, 2000);
}

}  // namespace
