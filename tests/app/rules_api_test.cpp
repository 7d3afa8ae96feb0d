// The Operations and Rules endpoints over real HTTP on loopback.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "tests/app/server_fixture.hpp"

namespace guichet::testing {
namespace {

namespace json = boost::json;

json::object parse(const HttpResponse& r) { return json::parse(r.body).as_object(); }

std::string error_code(const HttpResponse& r) {
  auto o = parse(r);
  return std::string(o.at("error").at("code").as_string());
}

bool eventually(const std::function<bool()>& cond) {
  for (int i = 0; i < 200; ++i) {
    if (cond()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  return cond();
}

// The value of one sample line in a Prometheus text body (-1 when absent).
double metric(const std::string& body, const std::string& sample) {
  auto at = body.find("\n" + sample + " ");
  if (at == std::string::npos) return -1;
  return std::stod(body.substr(at + sample.size() + 2));
}

const char* kEval = "/api/v1/academies/testia/exams/demo/sessions/2025/evaluate";

class RulesApi : public ServerFixture {
 protected:
  void SetUp() override { start(); }
};

TEST_F(RulesApi, HealthAndReadinessAnswer) {
  EXPECT_EQ(get("/healthz").status, 200u);
  auto r = get("/readyz");
  ASSERT_EQ(r.status, 200u) << r.body;
  auto o = parse(r);
  EXPECT_EQ(o.at("status").as_string(), "ready");
  EXPECT_EQ(o.at("details").at("rules").at("version").as_string().size(), 16u);
}

TEST_F(RulesApi, ListsAcademiesAndDescribesOne) {
  auto list = parse(get("/api/v1/academies"));
  ASSERT_EQ(list.at("academies").as_array().size(), 1u);
  EXPECT_EQ(list.at("academies").as_array()[0].at("timezone").as_string(), "Europe/Paris");
  auto a = parse(get("/api/v1/academies/testia"));
  EXPECT_EQ(a.at("departments").as_array().size(), 2u);
  EXPECT_EQ(a.at("poles").as_array().size(), 2u);
  EXPECT_EQ(a.at("sessions").as_array()[0].at("closes_at").as_string(), "2024-11-13T19:00:00+01:00");
  EXPECT_EQ(a.at("sessions").as_array()[0].at("opens_at").as_string(), "2024-10-10T10:00:00+02:00");
  EXPECT_FALSE(a.at("document_types").as_array().empty());  // the default list when the script declares none
  EXPECT_FALSE(a.at("document_types").at(0).at("label").as_string().empty());
}

TEST_F(RulesApi, UnknownThingsAre404WithAFrenchMessage) {
  auto r = get("/api/v1/academies/atlantis");
  EXPECT_EQ(r.status, 404u);
  EXPECT_EQ(error_code(r), "unknown_academy");
  EXPECT_EQ(parse(r).at("error").at("message").as_string(), "Cette académie n'existe pas.");
  EXPECT_EQ(get("/api/v1/academies/testia/exams/demo/sessions/1999").status, 404u);
  EXPECT_EQ(get("/api/v1/nothing-here").status, 404u);
  EXPECT_EQ(error_code(get("/api/v1/nothing-here")), "not_found");
}

TEST_F(RulesApi, ServicesFollowTheWindowToTheSecond) {
  auto open = parse(get("/api/v1/services?at=2024-11-13T18:59:59%2B01:00"));
  EXPECT_EQ(open.at("services").as_array().size(), 1u);
  EXPECT_EQ(open.at("at").as_string(), "2024-11-13T17:59:59Z");
  auto closed = parse(get("/api/v1/services?at=2024-11-13T18:00:00Z"));
  EXPECT_TRUE(closed.at("services").as_array().empty());
  auto before = parse(get("/api/v1/services?at=2024-10-10T07:59:59Z"));
  EXPECT_TRUE(before.at("services").as_array().empty());
  auto bad = get("/api/v1/services?at=tomorrow");
  EXPECT_EQ(bad.status, 422u);
  EXPECT_TRUE(parse(bad).at("error").as_object().contains("fields"));
}

TEST_F(RulesApi, DescribesASession) {
  auto s = parse(get("/api/v1/academies/testia/exams/demo/sessions/2025"));
  EXPECT_EQ(s.at("edits_close_at").as_string(), "2024-11-13T19:00:00+01:00");
  EXPECT_EQ(s.at("final_registration").at("mode").as_string(), "upload");
  EXPECT_EQ(s.at("final_registration").at("deadline").as_string(), "2024-11-13T19:00:00+01:00");
  auto tabs = s.at("form").at("tabs").as_array();
  ASSERT_EQ(tabs.size(), 2u);  // candidature, coordonnées
  auto speciality = tabs[0].at("fields").as_array()[0].as_object();
  EXPECT_EQ(speciality.at("id").as_string(), "speciality");
  EXPECT_EQ(speciality.at("options").as_array().size(), 2u);
  EXPECT_EQ(s.at("specialities").as_array().size(), 2u);
  EXPECT_EQ(s.at("poles").as_array().size(), 2u);
}

TEST_F(RulesApi, EvaluatesAndExplains) {
  auto r = post_json(std::string(kEval) + "?explain=true",
                     R"({"at": "2024-11-13T18:59:59+01:00", "answers": {"speciality": "cuisine", "postal_code": "86000", "exemption": true}})");
  ASSERT_EQ(r.status, 200u) << r.body;
  auto v = parse(r);
  EXPECT_EQ(v.at("phase").as_string(), "open");
  EXPECT_TRUE(v.at("valid").as_bool());
  EXPECT_EQ(v.at("pieces").as_array().size(), 2u);
  EXPECT_EQ(v.at("pole").at("code").as_string(), "sud");
  EXPECT_EQ(v.at("explain").at("pieces").at("diplome").as_string(), "exams/demo.lua:28");
  EXPECT_EQ(v.at("explain").at("pole").as_string(), "exams/demo.lua:32");
  // Each date at the line that writes it, not the session{} line (26).
  EXPECT_EQ(v.at("explain").at("dates").at("opens_at").as_string(), "academies/testia.lua:28");
  EXPECT_EQ(v.at("explain").at("dates").at("closes_at").as_string(), "academies/testia.lua:28");
  EXPECT_EQ(v.at("explain").at("dates").at("edits_close_at").as_string(), "academies/testia.lua:28");
  EXPECT_EQ(v.at("explain").at("dates").at("deadline").as_string(), "academies/testia.lua:29");
  EXPECT_EQ(v.at("rule_set_version").as_string().size(), 16u);
}

TEST_F(RulesApi, EvaluateReportsResidenceAndClosure) {
  auto v = parse(post_json(kEval, R"({"at": "2024-11-13T18:00:00Z", "answers": {"speciality": "cuisine", "postal_code": "75001"}})"));
  EXPECT_EQ(v.at("phase").as_string(), "closed");
  EXPECT_FALSE(v.at("valid").as_bool());
  EXPECT_TRUE(v.at("wrong_academy").as_bool());
  EXPECT_NE(v.at("errors").at("postal_code").as_string().find("académie de résidence"), std::string::npos);
}

TEST_F(RulesApi, BadRequestsGetContractErrors) {
  auto wrong_type = http_request(app_->port(), "POST", kEval, "{}", {{"Content-Type", "text/plain"}});
  EXPECT_EQ(wrong_type.status, 415u);
  EXPECT_EQ(error_code(wrong_type), "unsupported_media_type");
  auto malformed = post_json(kEval, "{\"answers\": ");
  EXPECT_EQ(malformed.status, 400u);
  EXPECT_EQ(error_code(malformed), "malformed_json");
  auto unknown = post_json(kEval, R"({"answers": {}, "extra": 1})");
  EXPECT_EQ(unknown.status, 422u);
  EXPECT_EQ(parse(unknown).at("error").at("fields").at("extra").as_string(), "Champ inconnu.");
  auto bad_at = post_json(kEval, R"({"answers": {}, "at": "soon"})");
  EXPECT_EQ(bad_at.status, 422u);
  auto wrong_method = http_request(app_->port(), "GET", kEval);
  EXPECT_EQ(wrong_method.status, 405u);
  EXPECT_EQ(wrong_method.header("allow"), "POST");
  // No stack trace, no internals: the message is the French sentence only.
  EXPECT_EQ(malformed.body.find("boost"), std::string::npos);
}

TEST_F(RulesApi, MetricsCountRequestsEvaluationsAndReloads) {
  post_json(kEval, R"({"answers": {"speciality": "cuisine", "postal_code": "86000"}})");
  auto m = get("/metrics");
  ASSERT_EQ(m.status, 200u);
  EXPECT_NE(m.header("content-type").find("text/plain"), std::string::npos);
  EXPECT_NE(m.body.find("guichet_rule_evaluations_total{result=\"ok\"} 1"), std::string::npos) << m.body;
  EXPECT_NE(m.body.find("guichet_rules_reloads_total{result=\"ok\"} 1"), std::string::npos);
  EXPECT_NE(m.body.find("guichet_rules_info{version="), std::string::npos);
  EXPECT_NE(m.body.find("guichet_http_requests_total"), std::string::npos);
  EXPECT_NE(m.body.find("guichet_http_request_duration_seconds_bucket"), std::string::npos);
}

TEST_F(RulesApi, AnEditGoesLiveWithoutARestart) {
  auto v1 = parse(get("/readyz")).at("details").at("rules").at("version").as_string();
  // The folder's own cases pin the closing time: an editor moving it moves them too (else the
  // edit is refused, as a submitted version would be).
  std::string cases = read_script("tests/demo.lua");
  cases.replace(cases.find("2024-11-13T18:00:00Z"), 20, "2024-11-20T18:00:00Z");
  write_script("tests/demo.lua", cases);
  std::string text = read_script("academies/testia.lua");
  text.replace(text.find("2024-11-13 19:00\""), 16, "2024-11-20 19:00");
  text.replace(text.find("deadline = \"2024-11-13 19:00\""), 29, "deadline = \"2024-11-20 19:00\"");
  write_script("academies/testia.lua", text);
  ASSERT_TRUE(eventually([&] {
    return parse(get("/readyz")).at("details").at("rules").at("version").as_string() != v1;
  }));
  auto open = parse(get("/api/v1/services?at=2024-11-15T10:00:00Z"));
  EXPECT_EQ(open.at("services").as_array().size(), 1u);
}

TEST_F(RulesApi, ABrokenEditIsRefusedShownAndTheOldRulesKeepServing) {
  auto v1 = parse(get("/readyz")).at("details").at("rules").at("version").as_string();
  write_script("exams/demo.lua", "exam { api_level = 1, code = 'demo',\n  name = 42 }\n");
  ASSERT_TRUE(eventually([&] { return !parse(get("/readyz")).at("details").at("script_faults").as_array().empty(); }));
  auto ready = parse(get("/readyz"));
  EXPECT_EQ(ready.at("details").at("rules").at("version").as_string(), v1);
  EXPECT_NE(ready.at("details").at("script_faults").as_array()[0].as_string().find("exams/demo.lua:1:"),
            std::string::npos);
  EXPECT_NE(get("/metrics").body.find("guichet_rules_reloads_total{result=\"refused\"} 1"), std::string::npos);
  auto v = post_json(kEval, R"({"answers": {"speciality": "cuisine", "postal_code": "86000"}})");
  EXPECT_EQ(v.status, 200u);
}

TEST_F(RulesApi, SwapUnderLoadFailsNoRequest) {
  std::atomic<bool> done{false};
  std::atomic<int> failures{0}, requests{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 4; ++t)
    clients.emplace_back([&] {
      while (!done) {
        try {
          auto r = post_json(kEval, R"({"answers": {"speciality": "cuisine", "postal_code": "86000"}})");
          if (r.status != 200) failures++;
        } catch (...) {
          failures++;
        }
        requests++;
      }
    });
  std::string text = read_script("academies/testia.lua");
  // Edits further apart than the watcher's debounce, so each one is a swap under load.
  for (int i = 0; i < 5; ++i) {
    std::string edited = text;
    edited.replace(edited.find("Académie de test"), 16, "Académie de test " + std::to_string(i));
    write_script("academies/testia.lua", edited);
    std::this_thread::sleep_for(std::chrono::milliseconds(350));
  }
  done = true;
  for (auto& c : clients) c.join();
  EXPECT_GT(requests.load(), 50);
  EXPECT_EQ(failures.load(), 0);
  EXPECT_GE(metric(get("/metrics").body, "guichet_rules_reloads_total{result=\"ok\"}"), 4.0);
}

class SimulatedTime : public ServerFixture {};

TEST_F(SimulatedTime, ServerSaysSoAndUsesTheSimulatedClock) {
  start("tests/fixtures/minimal", "", "2024-11-13T18:59:58+01:00");
  auto r = get("/api/v1/services");
  EXPECT_FALSE(r.header("x-guichet-simulated-time").empty());
  EXPECT_EQ(parse(r).at("services").as_array().size(), 1u);
}

}  // namespace
}  // namespace guichet::testing

namespace guichet::testing {
namespace {

TEST_F(RulesApi, AnInstantPastYear9998IsRefusedNotEchoedAsYear10000) {
  auto r = get("/api/v1/services?at=9999-12-31T23:59:59Z");
  ASSERT_EQ(r.status, 422u) << r.body;
  EXPECT_NE(parse(r).at("error").at("fields").at("at").as_string().find("hors des limites"), std::string::npos);
  auto e = post_json(kEval, R"({"at": "9999-12-31T23:59:59Z", "answers": {"postal_code": "86000"}})");
  EXPECT_EQ(e.status, 422u) << e.body;
}

TEST_F(RulesApi, AHostileRuleIsStoppedCountedSuspendedAndTheServerKeepsServing) {
  // The residence rule loops for postal code 99999: each such evaluation trips the deadline.
  std::string text = read_script("academies/testia.lua");
  text.replace(text.find("    local d = v:department(a.postal_code)"), 0,
               "    if a.postal_code == '99999' then xpcall(function() while true do end end, "
               "function() while true do end end) end\n");
  write_script("academies/testia.lua", text);
  ASSERT_TRUE(eventually([&] { return get("/readyz").body.find("\"academies\":1") != std::string::npos &&
                                      post_json(kEval, R"({"answers": {"postal_code": "99999"}})").status != 200; }));
  // Trips until the breaker opens: 500 rules_error, then 503 rules_unavailable with Retry-After.
  HttpResponse last;
  for (int i = 0; i < 10; ++i) {
    last = post_json(kEval, R"({"answers": {"postal_code": "99999"}})");
    if (last.status == 503) break;
    EXPECT_EQ(last.status, 500u) << last.body;
    EXPECT_EQ(error_code(last), "rules_error");
  }
  ASSERT_EQ(last.status, 503u) << last.body;
  EXPECT_EQ(error_code(last), "rules_unavailable");
  EXPECT_FALSE(last.header("retry-after").empty());
  EXPECT_EQ(get("/healthz").status, 200u);
  auto ready = parse(get("/readyz"));
  auto faults = ready.at("details").at("academy_faults").as_array();
  ASSERT_EQ(faults.size(), 1u);
  EXPECT_EQ(faults[0].at("academy").as_string(), "testia");
  EXPECT_GE(faults[0].at("faults").at("timeout").as_int64(), 5);
  EXPECT_TRUE(faults[0].at("suspended").as_bool());
  EXPECT_NE(faults[0].at("last").at("message").as_string().find("testia.lua:"), std::string::npos);
  auto m = get("/metrics").body;
  EXPECT_GE(metric(m, "guichet_script_faults_total{academy=\"testia\",kind=\"timeout\"}"), 5) << m;
  EXPECT_EQ(metric(m, "guichet_script_academy_suspended{academy=\"testia\"}"), 1);
}

}  // namespace
}  // namespace guichet::testing
