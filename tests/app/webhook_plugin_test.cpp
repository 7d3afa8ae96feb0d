// The shipped webhook plugin in the running server, against a receiver on loopback that checks
// each signature and timestamp independently (tests/plugins/webhook_receiver.py): chosen events
// arrive signed, a receiver that fails at first gets them again, and a wrong secret is refused.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <filesystem>
#include <fstream>
#include <set>

#include "tests/app/admin_client.hpp"
#include "tests/support/child_process.hpp"

namespace guichet::testing {
namespace {

using namespace std::chrono_literals;
namespace json = boost::json;

const std::string kSecret = "un secret partagé assez long";

class WebhookPlugin : public AdminApiBase {
 protected:
  void SetUp() override {}
  void start_with(int receiver_failures, const std::string& plugin_secret = kSecret) {
    work_ = std::filesystem::temp_directory_path() / ("guichet-webhook-" + std::to_string(::getpid()) + "-" +
                                                      std::to_string(counter_++));
    std::filesystem::remove_all(work_);
    std::filesystem::create_directories(work_ / "plugins");
    receiver_ = std::make_unique<ChildProcess>(std::vector<std::string>{
        "/usr/bin/python3", std::string(GUICHET_SOURCE_DIR) + "/tests/plugins/webhook_receiver.py", "--secret", kSecret,
        "--port-file", (work_ / "port").string(), "--log", (work_ / "received.jsonl").string(), "--fail",
        std::to_string(receiver_failures)});
    std::string port = wait_for_file(work_ / "port");
    ASSERT_FALSE(port.empty()) << "the receiver did not start";
    std::filesystem::copy_file(std::filesystem::path(SHIPPED_PLUGIN_DIR) / "webhook.so", work_ / "plugins" / "webhook.so");
    std::ofstream(work_ / "plugins" / "webhook.json") << json::serialize(json::object{
        {"endpoints", json::array{json::object{{"url", "http://127.0.0.1:" + port + "/hooks/guichet"},
                                               {"secret", plugin_secret},
                                               {"events", json::array{"account.", "registration.created"}},
                                               {"academies", json::array{"testia"}}}}},
        {"timeout_ms", 2000}});
    start_at("2024-11-01T10:00:00+01:00");
  }
  void configure(app::ServeConfig& c) override {
    c.plugins_dir = (work_ / "plugins").string();
    c.event_delivery.poll = 100ms;
    c.event_delivery.first_backoff = 100ms;
    c.event_delivery.max_backoff = 200ms;
  }
  void TearDown() override {
    AdminApiBase::TearDown();
    receiver_.reset();
    std::error_code ec;
    std::filesystem::remove_all(work_, ec);
  }
  // The receiver's log: one JSON object per request.
  std::vector<json::object> received(size_t at_least) {
    std::vector<json::object> out;
    for (int i = 0; i < 200; ++i) {
      out.clear();
      std::ifstream in(work_ / "received.jsonl");
      for (std::string line; std::getline(in, line);)
        if (!line.empty()) out.push_back(json::parse(line).as_object());
      size_t accepted = 0;
      for (const auto& o : out) accepted += o.contains("accepted");
      if (accepted >= at_least) break;
      std::this_thread::sleep_for(50ms);
    }
    return out;
  }

  std::filesystem::path work_;
  std::unique_ptr<ChildProcess> receiver_;
  static inline int counter_ = 0;
};

TEST_P(WebhookPlugin, ChosenEventsArriveSignedAndAFailingReceiverGetsThemAgain) {
  ASSERT_NO_FATAL_FAILURE(start_with(2));  // the first two requests get a 503
  std::string reg_id;
  registered("elodie@example.org", "Martin", "Élodie", &reg_id);
  ASSERT_FALSE(reg_id.empty());
  auto log = received(3);
  std::vector<std::string> types;
  std::set<std::string> ids;
  int refused_503 = 0;
  for (const auto& o : log) {
    if (o.contains("refused")) {
      EXPECT_EQ(o.at("refused").as_string(), "503") << json::serialize(o);  // never a bad signature
      ++refused_503;
      continue;
    }
    const auto& ev = o.at("accepted").as_object();
    types.emplace_back(ev.at("type").as_string());
    ids.insert(std::string(ev.at("id").as_string()));
    if (ev.at("type").as_string() == "registration.created") {
      EXPECT_EQ(ev.at("data").at("registration_id").as_string(), reg_id);
      EXPECT_EQ(ev.at("data").at("academy").as_string(), "testia");
    }
  }
  EXPECT_EQ(refused_503, 2);
  // Only the chosen types (not pieces, not modifications), in order, each once.
  EXPECT_EQ(types, (std::vector<std::string>{"account.created", "account.activated", "registration.created"}));
  EXPECT_EQ(ids.size(), 3u);
}

TEST_P(WebhookPlugin, AWrongSecretIsRefusedByTheReceiverAndKeptForLater) {
  ASSERT_NO_FATAL_FAILURE(start_with(0, "un autre secret, pas le bon"));
  registered("elodie@example.org", "Martin", "Élodie");
  std::vector<json::object> log;
  for (int i = 0; i < 100 && log.size() < 2; ++i) {
    log = received(0);
    std::this_thread::sleep_for(50ms);
  }
  ASSERT_GE(log.size(), 2u);  // refused (401), parked, and tried again
  for (const auto& o : log) EXPECT_EQ(o.at("refused").as_string(), "signature");
}

INSTANTIATE_TEST_SUITE_P(Backends, WebhookPlugin, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         backend_name);

}  // namespace
}  // namespace guichet::testing
