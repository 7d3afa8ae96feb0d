// Plugins in the running server, on both backends: every domain event reaches a subscribed
// plugin once per id, across a restart; a failing or hung plugin is retried without holding
// back requests; a script calls a plugin function; plugin routes answer over HTTP.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "tests/app/admin_client.hpp"

namespace guichet::testing {
namespace {

using namespace std::chrono_literals;
namespace json = boost::json;

class PluginsApi : public AdminApiBase {
 protected:
  void SetUp() override { start_at("2024-11-01T10:00:00+01:00", "tests/fixtures/plugins"); }
  void configure(app::ServeConfig& c) override {
    // A copy per test: each test gets its own instance of the plugin's static state.
    plugins_ = std::filesystem::path(c.data_dir).parent_path() / "plugins";
    std::filesystem::create_directories(plugins_);
    std::filesystem::copy_file(std::filesystem::path(TEST_PLUGIN_DIR) / "flaky.so", plugins_ / "flaky.so");
    c.plugins_dir = plugins_.string();
    c.plugin_timeouts.event = 300ms;
    c.event_delivery.poll = 100ms;
    c.event_delivery.first_backoff = 200ms;
    c.event_delivery.max_backoff = 400ms;
  }

  // What the plugin recorded: "id type aggregate attempt" lines.
  std::vector<std::string> seen() {
    auto r = get("/api/v1/plugins/flaky/seen");
    EXPECT_EQ(r.status, 200u) << r.body;
    std::vector<std::string> out;
    std::istringstream in(std::string(json::parse(r.body).as_string()));
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) out.push_back(line);
    return out;
  }
  // Waits (up to 10 s) until the plugin saw an event of each of `types`.
  std::vector<std::string> wait_for(const std::set<std::string>& types) {
    std::vector<std::string> lines;
    for (int i = 0; i < 200; ++i) {
      lines = seen();
      std::set<std::string> got;
      for (const auto& l : lines) got.insert(field(l, 1));
      if (std::includes(got.begin(), got.end(), types.begin(), types.end())) break;
      std::this_thread::sleep_for(50ms);
    }
    return lines;
  }
  static std::string field(const std::string& line, int n) {
    std::istringstream in(line);
    std::string f;
    for (int i = 0; i <= n; ++i) in >> f;
    return f;
  }
  int stats(const std::string& key) {
    auto r = get("/api/v1/plugins/flaky/stats");
    EXPECT_EQ(r.status, 200u);
    return static_cast<int>(json::parse(r.body).at(key).as_int64());
  }
  void set_mode(const std::string& body) {
    auto r = send("POST", "/api/v1/plugins/flaky/set", body);
    ASSERT_EQ(r.status, 200u) << r.body;
  }

  std::filesystem::path plugins_;
};

TEST_P(PluginsApi, EveryEventTypeReachesThePluginOncePerIdAcrossARestart) {
  std::string reg_id, candidate;
  registered("elodie@example.org", "Martin", "Élodie", &reg_id, &candidate);
  ASSERT_FALSE(reg_id.empty());
  auto h = bearer(candidate);
  h["If-Match"] = "\"v1\"";
  ASSERT_EQ(send("PUT", "/api/v1/registrations/" + reg_id,
                 R"({"answers": {"speciality": "electricite", "postal_code": "86000"}})", h)
                .status,
            200u);
  auto pdf = bearer(candidate);
  pdf["Content-Type"] = "application/pdf";
  std::string pieces = "/api/v1/registrations/" + reg_id + "/pieces";
  ASSERT_EQ(send("PUT", pieces + "/identite", "%PDF-1.4\ncarte", pdf).status, 201u);
  ASSERT_EQ(send("POST", pieces + "/confirm", "", bearer(candidate)).status, 200u);
  std::string token = token_of(staff("testia", "gestion@example.org", "manager"));
  std::string base = "/api/v1/admin/registrations/" + reg_id;
  ASSERT_EQ(send("POST", base + "/pieces/identite/review", R"({"verdict": "accepted"})", bearer(token)).status, 200u);
  auto doc = bearer(token);
  doc["Content-Type"] = "application/pdf";
  ASSERT_EQ(send("PUT", base + "/documents/convocation", "%PDF-1.4\nconvocation", doc).status, 201u);
  ASSERT_EQ(send("POST", base + "/withdraw", R"({"reason": "Demande du candidat"})", bearer(token)).status, 200u);
  // A script edit: the folder's new version is activated.
  write_script("academies/testia.lua", read_script("academies/testia.lua") + "\n-- modifié\n");

  const std::set<std::string> all_types = {
      "account.created",  "account.activated", "registration.created", "registration.modified", "pieces.uploaded",
      "pieces.confirmed", "pieces.reviewed",   "document.published",   "registration.withdrawn", "rules.activated"};
  auto before = wait_for(all_types);
  std::set<std::string> types;
  for (const auto& l : before) types.insert(field(l, 1));
  EXPECT_TRUE(std::includes(types.begin(), types.end(), all_types.begin(), all_types.end()))
      << ::testing::PrintToString(before);
  // In order for the registration: created, modified, uploaded, confirmed, reviewed, published, withdrawn.
  std::vector<std::string> registration_types;
  for (const auto& l : before)
    if (field(l, 2) == "registration:" + reg_id) registration_types.push_back(field(l, 1));
  EXPECT_EQ(registration_types,
            (std::vector<std::string>{"registration.created", "registration.modified", "pieces.uploaded",
                                      "pieces.confirmed", "pieces.reviewed", "document.published",
                                      "registration.withdrawn"}));

  // A restart: nothing is delivered again; what happens next is.
  restart();
  ASSERT_EQ(post_json("/api/v1/accounts",
                      json::serialize(json::object{{"email", "second@example.org"},
                                                   {"password", kPassword},
                                                   {"last_name", "Durand"},
                                                   {"first_name", "Paul"},
                                                   {"birth_date", "2000-01-01"},
                                                   {"birth_place", "Niort"},
                                                   {"nationality", "francaise"}}))
                .status,
            201u);
  std::vector<std::string> after;
  for (int i = 0; i < 200; ++i) {
    after = seen();
    if (after.size() > before.size()) break;
    std::this_thread::sleep_for(50ms);
  }
  std::this_thread::sleep_for(300ms);  // time for a wrong redelivery to show
  after = seen();
  ASSERT_EQ(after.size(), before.size() + 1) << ::testing::PrintToString(after);
  EXPECT_EQ(field(after.back(), 1), "account.created");
  std::map<std::string, int> per_id;
  for (const auto& l : after) ++per_id[field(l, 0)];
  for (const auto& [id, n] : per_id) EXPECT_EQ(n, 1) << id;
}

TEST_P(PluginsApi, AFailingPluginIsRetriedWithoutHoldingBackRequests) {
  set_mode(R"({"mode":"retry"})");
  std::string reg_id;
  registered("elodie@example.org", "Martin", "Élodie", &reg_id);
  ASSERT_FALSE(reg_id.empty());  // requests went through while the plugin refused everything
  std::this_thread::sleep_for(500ms);
  EXPECT_TRUE(seen().empty());
  EXPECT_GE(stats("calls"), 2);  // tried, backed off, tried again
  set_mode(R"({"mode":"ok"})");
  auto lines = wait_for({"account.created", "account.activated", "registration.created"});
  ASSERT_EQ(lines.size(), 3u) << ::testing::PrintToString(lines);
  EXPECT_EQ(field(lines[0], 1), "account.created");
  EXPECT_GT(std::stoi(field(lines[0], 3)), 1) << lines[0];  // its attempt number
  EXPECT_EQ(field(lines[1], 1), "account.activated");
  EXPECT_EQ(field(lines[2], 1), "registration.created");
}

TEST_P(PluginsApi, AHungPluginIsLeftBehindByTheWatchdogAndRetried) {
  set_mode(R"({"mode":"hang","hang_ms":1500})");  // each call outlives the 300 ms watchdog
  std::string reg_id;
  registered("elodie@example.org", "Martin", "Élodie", &reg_id);
  ASSERT_FALSE(reg_id.empty());
  for (int i = 0; i < 100 && stats("hangs") < 1; ++i) std::this_thread::sleep_for(20ms);
  EXPECT_GE(stats("hangs"), 1);
  // Requests still go through while a delivery is stuck in the plugin.
  std::string other;
  registered("paul@example.org", "Durand", "Paul", &other);
  EXPECT_FALSE(other.empty());
  EXPECT_TRUE(seen().empty());
  set_mode(R"({"mode":"ok"})");
  auto lines = wait_for({"account.created", "account.activated", "registration.created"});
  std::map<std::string, int> per_type;
  for (const auto& l : lines) ++per_type[field(l, 1)];
  EXPECT_EQ(per_type["account.created"], 2);
  EXPECT_EQ(per_type["registration.created"], 2);
  ASSERT_FALSE(lines.empty());
  EXPECT_GT(std::stoi(field(lines[0], 3)), 1) << lines[0];
}

TEST_P(PluginsApi, AScriptUsesAPluginFunction) {
  std::string known_id, unknown_id, t1, t2;
  registered("a@example.org", "Martin", "Élodie", &known_id, &t1, "86000");
  registered("b@example.org", "Durand", "Paul", &unknown_id, &t2, "86100");
  auto codes = [&](const std::string& id, const std::string& token) {
    std::set<std::string> out;
    auto r = send("GET", "/api/v1/registrations/" + id + "/pieces", "", bearer(token));
    auto b = json::parse(r.body);
    for (const auto& p : b.at("pieces").as_array()) out.insert(std::string(p.at("code").as_string()));
    return out;
  };
  // The plugin knows 86000, not 86100: the script asks for a proof of address for the latter.
  EXPECT_EQ(codes(known_id, t1), (std::set<std::string>{"identite", "diplome"}));
  EXPECT_EQ(codes(unknown_id, t2), (std::set<std::string>{"identite", "diplome", "domicile"}));
}

TEST_P(PluginsApi, ARouteSeesTheHeadersButNotGuichetsCredentials) {
  auto r = send("GET", "/api/v1/plugins/flaky/headers", "",
                {{"X-Api-Key", "cle-du-greffon"}, {"Authorization", "Bearer secret-de-session"}, {"Cookie", "s=1"}});
  ASSERT_EQ(r.status, 200u) << r.body;
  auto h = json::parse(r.body).as_object();
  EXPECT_EQ(h.at("x-api-key").as_string(), "cle-du-greffon");
  EXPECT_FALSE(h.contains("authorization"));
  EXPECT_FALSE(h.contains("cookie"));
  EXPECT_EQ(r.body.find("secret-de-session"), std::string::npos);
}

TEST_P(PluginsApi, TheBackOfficeShowsThePluginsAndTheirDelivery) {
  set_mode(R"({"mode":"retry"})");
  registered("elodie@example.org", "Martin", "Élodie");
  for (int i = 0; i < 100 && stats("calls") < 1; ++i) std::this_thread::sleep_for(20ms);
  std::string admin = token_of(staff("testia", "admin@example.org", "admin"));
  auto r = send("GET", "/api/v1/admin/plugins", "", bearer(admin));
  ASSERT_EQ(r.status, 200u) << r.body;
  auto b = json::parse(r.body);
  EXPECT_EQ(b.at("host_abi").as_string(), "1.1");
  const auto& flaky = b.at("plugins").at(0);
  EXPECT_EQ(flaky.at("name").as_string(), "flaky");
  EXPECT_EQ(flaky.at("state").as_string(), "loaded");
  EXPECT_GE(flaky.at("events").at("failed_attempts").as_int64(), 1) << r.body;
  EXPECT_NE(flaky.at("events").at("last_error").as_string(), "");
  // A manager is not shown it; no session, no answer.
  std::string manager = token_of(staff("testia", "gestion@example.org", "manager"));
  EXPECT_EQ(send("GET", "/api/v1/admin/plugins", "", bearer(manager)).status, 403u);
  EXPECT_EQ(send("GET", "/api/v1/admin/plugins").status, 401u);
}

TEST_P(PluginsApi, RoutesOfUnknownPluginsAreNotFound) {
  EXPECT_EQ(get("/api/v1/plugins/flaky/nope").status, 404u);
  auto absent = get("/api/v1/plugins/absent/seen");
  EXPECT_EQ(absent.status, 404u);
  EXPECT_NE(absent.body.find("not_found"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, PluginsApi, ::testing::Values(Backend::sqlite, Backend::postgresql), backend_name);

}  // namespace
}  // namespace guichet::testing
