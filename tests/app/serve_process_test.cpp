// `guichet serve` and `guichet migrate` as real processes: the server answers on loopback,
// says when its clock is simulated, and drains and exits 0 on SIGTERM.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/sha.h>
#include <sys/socket.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>
#include <atomic>
#include <map>
#include <mutex>
#include <set>

#include <boost/json.hpp>
#include <fmt/format.h>
#include <soci/soci.h>

#include "db/database.hpp"
#include "tests/mail/mail_test_util.hpp"

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

namespace {

// A served guichet (SQLite, testia's demo 2025 open) with one candidate registered: what the
// SIGTERM tests load.
struct ServedCandidate {
  fs::path dir, log;
  guichet::testing::ServerProcess server;
  std::map<std::string, std::string> auth;  // Bearer token and JSON content type
  std::string registration_id;
};

void serve_with_a_candidate(const std::string& tag, ServedCandidate& out) {
  namespace json = boost::json;
  out.dir = temp_dir(tag);
  const fs::path& dir = out.dir;
  fs::copy(kSrc + "/tests/fixtures/minimal", dir / "scripts", fs::copy_options::recursive);
  out.log = dir / "serve.log";
  out.server = guichet::testing::start_server_process(
      out.log, {"--config", "none", "--data-dir", (dir / "data").string(), "--scripts", (dir / "scripts").string(),
                "--web", "none", "--password-cost", "minimal", "--simulated-time", "2024-11-01T10:00:00+01:00"});
  ASSERT_NE(out.server.port, 0) << slurp(out.log);
  const unsigned short port = out.server.port;
  auto post = [&](const std::string& target, const std::string& body) {
    return guichet::testing::http_request(port, "POST", target, body, {{"Content-Type", "application/json"}});
  };
  auto r = post("/api/v1/accounts", R"({"email": "charge@example.org", "password": "une phrase de passe solide",
      "last_name": "Martin", "first_name": "Élodie", "birth_date": "2001-03-12", "birth_place": "Poitiers",
      "nationality": "francaise"})");
  ASSERT_EQ(r.status, 201u) << r.body;
  std::string activation;
  for (int i = 0; i < 100 && activation.empty(); ++i) {
    for (const auto& e : fs::directory_iterator(dir / "data" / "outbox"))
      if (activation.empty()) activation = guichet::mail::testing::link_token(slurp(e.path()));
    if (activation.empty()) std::this_thread::sleep_for(50ms);
  }
  ASSERT_FALSE(activation.empty());
  ASSERT_EQ(post("/api/v1/accounts/activate", R"({"token": ")" + activation + R"("})").status, 200u);
  auto login = post("/api/v1/auth/login", R"({"email": "charge@example.org", "password": "une phrase de passe solide"})");
  ASSERT_EQ(login.status, 200u) << login.body;
  out.auth = {{"Authorization", "Bearer " + std::string(json::parse(login.body).at("token").as_string())},
              {"Content-Type", "application/json"}};
  auto created = guichet::testing::http_request(
      port, "POST", "/api/v1/registrations",
      R"({"academy": "testia", "exam": "demo", "session": "2025", "answers": {"speciality": "cuisine",
          "postal_code": "86000", "exemption": true}})",
      out.auth);
  ASSERT_EQ(created.status, 201u) << created.body;
  out.registration_id = std::string(json::parse(created.body).at("id").as_string());
}

// SIGTERM while candidates keep saving: every modification the server acknowledged (200 with
// its version) is in the database afterwards; the server ends with status 0; requests after
// the stop began are refused, never acknowledged then lost.
TEST(ServeProcess, SigtermUnderLoadLosesNoAcknowledgedRequest) {
  namespace json = boost::json;
  ServedCandidate c;
  ASSERT_NO_FATAL_FAILURE(serve_with_a_candidate("sigterm", c));
  const fs::path& dir = c.dir;
  const fs::path& log = c.log;
  auto& server = c.server;
  const unsigned short port = server.port;
  const auto& auth = c.auth;
  const std::string& id = c.registration_id;

  // Four clients save modifications as fast as they can; each keeps the versions it was told.
  std::mutex mutex;
  std::set<long long> acknowledged;
  std::atomic<bool> stopped_answering{false};
  std::atomic<int> after_refusals{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 4; ++c)
    clients.emplace_back([&, c] {
      for (int n = 0; n < 2000 && !stopped_answering; ++n) {
        try {
          auto put = guichet::testing::http_request(
              port, "PUT", "/api/v1/registrations/" + id,
              R"({"answers": {"speciality": "cuisine", "postal_code": "86)" + std::to_string(100 + (c * 7 + n) % 800) +
                  R"(", "exemption": true}})",
              auth);
          if (put.status == 200u) {
            std::lock_guard lock(mutex);
            acknowledged.insert(json::parse(put.body).at("version").as_int64());
          } else {
            ++after_refusals;  // 503 while draining: not acknowledged
          }
        } catch (const std::exception&) {
          stopped_answering = true;  // the listener is closed
        }
      }
    });
  std::this_thread::sleep_for(400ms);
  ASSERT_EQ(kill(server.pid, SIGTERM), 0);
  int status = 0;
  ASSERT_EQ(waitpid(server.pid, &status, 0), server.pid);
  stopped_answering = true;
  for (auto& t : clients) t.join();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << slurp(log).substr(0, 3000);
  ASSERT_GT(acknowledged.size(), 5u) << "la charge n'a rien écrit avant l'arrêt";

  // Every acknowledged version is in the history, and the registration is at the last one.
  auto db = guichet::Database::open("", (dir / "data").string(), 1);
  ASSERT_TRUE(db.ok());
  std::set<long long> stored;
  long long current = 0;
  ASSERT_TRUE((*db)->with_session([&](soci::session& s) {
                   soci::rowset<int> rows = (s.prepare << "SELECT version FROM registration_versions WHERE registration_id = :id",
                                             soci::use(id));
                   for (int v : rows) stored.insert(v);
                   s << "SELECT version FROM registrations WHERE id = :id", soci::use(id), soci::into(current);
                   return guichet::Status::Ok();
                 }).ok());
  for (long long v : acknowledged) EXPECT_TRUE(stored.count(v)) << "version " << v << " acquittée puis perdue";
  EXPECT_EQ(current, *acknowledged.rbegin());
  fs::remove_all(dir);
}

// SIGTERM while a piece is arriving: the upload already begun (headers read, half the body in)
// finishes within the bounded drain, is answered 201 and stored with its bytes; the server then
// ends with status 0.
TEST(ServeProcess, SigtermLetsAnUploadInFlightFinish) {
  ServedCandidate c;
  ASSERT_NO_FATAL_FAILURE(serve_with_a_candidate("sigterm-upload", c));
  const std::string pdf = "%PDF-1.4\n" + std::string(3 * 1024 * 1024, 'x') + "\n%%EOF\n";
  const std::string head = "PUT /api/v1/registrations/" + c.registration_id +
                           "/pieces/identite HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " +
                           c.auth.at("Authorization") +
                           "\r\nContent-Type: application/octet-stream\r\n"
                           "Content-Disposition: attachment; filename=\"carte.pdf\"\r\nContent-Length: " +
                           std::to_string(pdf.size()) + "\r\nConnection: close\r\n\r\n";
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(c.server.port);
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to), 0);
  timeval timeout{15, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  auto send_all = [&](std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  };
  const std::size_t half = pdf.size() / 2;
  ASSERT_TRUE(send_all(head) && send_all(std::string_view(pdf).substr(0, half)));
  std::this_thread::sleep_for(300ms);  // the server is reading the body
  ASSERT_EQ(kill(c.server.pid, SIGTERM), 0);
  std::this_thread::sleep_for(300ms);  // the stop has begun
  EXPECT_TRUE(send_all(std::string_view(pdf).substr(half))) << "connexion coupée pendant l'envoi";
  std::string answer;
  char buffer[4096];
  for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) answer.append(buffer, static_cast<std::size_t>(n));
  ::close(fd);
  EXPECT_EQ(answer.rfind("HTTP/1.1 201", 0), 0u) << answer.substr(0, 600) << "\n" << slurp(c.log).substr(0, 3000);
  int status = 0;
  ASSERT_EQ(waitpid(c.server.pid, &status, 0), c.server.pid);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << slurp(c.log).substr(0, 3000);

  // The file is stored whole: its SHA-256 is that of the bytes sent.
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(pdf.data()), pdf.size(), digest);
  std::string expected;
  for (unsigned char b : digest) expected += fmt::format("{:02x}", b);
  auto db = guichet::Database::open("", (c.dir / "data").string(), 1);
  ASSERT_TRUE(db.ok());
  std::string stored;
  long long size = 0;
  ASSERT_TRUE((*db)->with_session([&](soci::session& s) {
                   s << "SELECT f.sha256, f.size FROM piece_files p JOIN stored_files f ON f.id = p.file_id "
                        "WHERE p.registration_id = :id",
                       soci::use(c.registration_id), soci::into(stored), soci::into(size);
                   return guichet::Status::Ok();
                 }).ok());
  EXPECT_EQ(stored, expected);
  EXPECT_EQ(size, static_cast<long long>(pdf.size()));
  fs::remove_all(c.dir);
}

}  // namespace
