// "Nothing is acknowledged before it is durable": registrations are saved under load, the
// server is killed with SIGKILL at an arbitrary moment, restarted on the same data, and every
// registration that got its 201 is still there, with the same number. On both backends.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>

#include "tests/app/server_process.hpp"
#include "tests/mail/mail_test_util.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/postgres_cluster.hpp"

namespace guichet::testing {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace std::chrono_literals;

ServerProcess start_server(const fs::path& dir, const std::string& database, int generation) {
  std::vector<std::string> args = {"--data-dir", (dir / "data").string(), "--scripts",
                                   std::string(GUICHET_SOURCE_DIR) + "/tests/fixtures/minimal", "--simulated-time",
                                   "2024-11-01T10:00:00+01:00", "--password-cost", "minimal",
                                   // Many candidates sign up here: each comes "through the proxy"
                                   // with an address of its own (sign-ups are limited per client).
                                   "--trusted-proxies", "127.0.0.1"};
  if (!database.empty()) args.insert(args.end(), {"--database", database});
  return start_server_process(dir / ("serve-" + std::to_string(generation) + ".log"), args);
}

// Signs up and activates `email` (reading the activation mail from the outbox); returns a token.
std::string account(unsigned short port, const fs::path& outbox, const std::string& email) {
  static int clients = 0;
  const std::map<std::string, std::string> json_ct = {
      {"Content-Type", "application/json"}, {"X-Forwarded-For", "198.51.100." + std::to_string(++clients % 250)}};
  auto r = http_request(port, "POST", "/api/v1/accounts",
                        R"({"email": ")" + email + R"(", "password": "une phrase de passe solide", "last_name": "Durable",
                           "first_name": "Camille", "birth_date": "2000-01-01", "birth_place": "Niort", "nationality": "francaise"})",
                        json_ct);
  EXPECT_EQ(r.status, 201u) << r.body;
  std::string token;
  for (int i = 0; i < 100 && token.empty(); ++i) {
    if (fs::exists(outbox))
      for (const auto& e : fs::directory_iterator(outbox)) {
        std::string text = slurp(e.path());
        if (text.find("To: " + email) != std::string::npos) token = mail::testing::link_token(text);
      }
    if (token.empty()) std::this_thread::sleep_for(30ms);
  }
  EXPECT_EQ(http_request(port, "POST", "/api/v1/accounts/activate", R"({"token": ")" + token + R"("})", json_ct).status,
            200u);
  auto login = http_request(port, "POST", "/api/v1/auth/login",
                            R"({"email": ")" + email + R"(", "password": "une phrase de passe solide"})", json_ct);
  return std::string(json::parse(login.body).at("token").as_string());
}

class Durability : public ::testing::TestWithParam<bool> {};

TEST_P(Durability, EveryAcknowledgedRegistrationSurvivesSigkill) {
  fs::path dir = fs::temp_directory_path() / ("guichet-kill-" + std::to_string(::getpid()) + (GetParam() ? "-pg" : "-lite"));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string database = GetParam() ? PostgresCluster::instance().create_database("kill") : "";
  auto server = start_server(dir, database, 1);
  ASSERT_NE(server.port, 0) << slurp(dir / "serve-1.log");

  constexpr int kAccounts = 24;
  std::vector<std::string> tokens;
  for (int i = 0; i < kAccounts; ++i)
    tokens.push_back(account(server.port, dir / "data" / "outbox", "k" + std::to_string(i) + "@example.org"));

  // Three clients register as fast as they can; the server dies in the middle.
  std::mutex m;
  std::map<std::string, std::string> acknowledged;  // id -> registration number
  std::atomic<int> next{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 3; ++c)
    clients.emplace_back([&] {
      for (int i = next++; i < kAccounts; i = next++) {
        try {
          auto r = http_request(server.port, "POST", "/api/v1/registrations",
                                R"({"academy": "testia", "exam": "demo", "session": "2025",
                                    "answers": {"speciality": "cuisine", "postal_code": "86000"}})",
                                {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + tokens[i]}});
          if (r.status == 201) {
            auto body = json::parse(r.body);
            std::lock_guard lock(m);
            acknowledged[std::string(body.at("id").as_string())] = std::string(body.at("registration_number").as_string());
          }
        } catch (...) {
          // the server is gone: this one was never acknowledged
        }
      }
    });
  while (true) {
    {
      std::lock_guard lock(m);
      if (acknowledged.size() >= kAccounts / 3) break;
    }
    std::this_thread::sleep_for(1ms);
  }
  ASSERT_EQ(kill(server.pid, SIGKILL), 0);
  for (auto& t : clients) t.join();
  int status = 0;
  waitpid(server.pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));
  ASSERT_GE(acknowledged.size(), static_cast<size_t>(kAccounts / 3));

  auto again = start_server(dir, database, 2);
  ASSERT_NE(again.port, 0) << slurp(dir / "serve-2.log");
  std::map<std::string, std::string> found;
  for (int i = 0; i < kAccounts; ++i) {
    auto login = http_request(again.port, "POST", "/api/v1/auth/login",
                              R"({"email": "k)" + std::to_string(i) + R"(@example.org", "password": "une phrase de passe solide"})",
                              {{"Content-Type", "application/json"}});
    ASSERT_EQ(login.status, 200u) << login.body;
    std::string t(json::parse(login.body).at("token").as_string());
    auto list = http_request(again.port, "GET", "/api/v1/registrations", "", {{"Authorization", "Bearer " + t}});
    const json::value parsed = json::parse(list.body);
    for (const auto& r : parsed.at("registrations").as_array())
      found[std::string(r.at("id").as_string())] = std::string(r.at("registration_number").as_string());
  }
  for (const auto& [id, number] : acknowledged) {
    ASSERT_TRUE(found.count(id)) << "registration " << number << " got its 201 and was lost";
    EXPECT_EQ(found[id], number);
  }
  kill(again.pid, SIGTERM);
  waitpid(again.pid, &status, 0);
  fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Backends, Durability, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "PostgreSQL" : "SQLite"; });

}  // namespace
}  // namespace guichet::testing
