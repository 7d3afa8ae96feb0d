// The script lifecycle over real HTTP on both backends: the folder seeds versions; staff
// submit, analyse, approve, activate (now or later) and roll back; the window guard; two
// servers on one PostgreSQL.
#include <boost/json.hpp>

#include "tests/app/admin_client.hpp"

namespace guichet::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

json::object body(const HttpResponse& r) { return json::parse(r.body).as_object(); }

// One case every variant below passes (the folder's own cases pin the seeded dates).
std::string one_case(const std::string& postal_code = "86000") {
  return R"(case {
  name = "ouvert début novembre",
  academy = "testia", exam = "demo", session = "2025", at = "2024-11-01 12:00",
  answers = { speciality = "cuisine", postal_code = ")" + postal_code + R"(" },
  expect = { phase = "open", valid = true },
})";
}

class RulesLifecycleApi : public AdminApiBase {
 protected:
  void SetUp() override {
    start_at("2024-11-01T10:00:00+01:00");
    editor_ = staff("testia", "regles@example.org", "rules_editor,auditor");
    token_ = token_of(editor_);
  }

  std::string seeded_script() {
    auto r = send("GET", "/api/v1/admin/rules/versions/1", "", bearer(token_));
    EXPECT_EQ(r.status, 200u) << r.body;
    return std::string(body(r).at("script").as_string());
  }
  std::string with(std::string script, const std::string& from, const std::string& to) {
    auto at = script.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) script.replace(at, from.size(), to);
    return script;
  }
  HttpResponse submit(const std::string& script, const std::string& tests, const std::string& token = "") {
    json::object b{{"script", script}, {"note", "essai"}};
    if (!tests.empty()) b["tests"] = json::array{json::object{{"path", "tests/demo.lua"}, {"text", tests}}};
    return send("POST", "/api/v1/admin/rules/versions", json::serialize(b), bearer(token.empty() ? token_ : token));
  }
  HttpResponse activate(int number, const std::string& payload = "", const std::string& token = "") {
    return send("POST", "/api/v1/admin/rules/versions/" + std::to_string(number) + "/activate", payload,
                bearer(token.empty() ? token_ : token));
  }
  std::string closes() {
    auto r = get("/api/v1/academies/testia/exams/demo/sessions/2025");
    return std::string(body(r).at("closes_at").as_string());
  }

  // The window and the pieces deadline a week later.
  std::string later(const std::string& script) {
    return with(with(script, "closes = \"2024-11-13 19:00\"", "closes = \"2024-11-20 19:00\""),
                "deadline = \"2024-11-13 19:00\"", "deadline = \"2024-11-20 19:00\"");
  }

  StaffMember editor_;
  std::string token_;
};

TEST_P(RulesLifecycleApi, TheFolderSeedsTheFirstVersion) {
  auto r = send("GET", "/api/v1/admin/rules/versions", "", bearer(token_));
  ASSERT_EQ(r.status, 200u) << r.body;
  const auto list = body(r);
  ASSERT_EQ(list.at("versions").as_array().size(), 1u);
  const auto& v = list.at("versions").at(0).as_object();
  EXPECT_EQ(v.at("number").as_int64(), 1);
  EXPECT_EQ(v.at("state").as_string(), "active");
  EXPECT_EQ(v.at("origin").as_string(), "folder");
  EXPECT_NE(seeded_script().find("code = \"testia\""), std::string::npos);
}

TEST_P(RulesLifecycleApi, AVersionThatDoesNotLoadOrFailsItsTestsIsRefused) {
  std::string script = seeded_script();
  auto broken = submit(with(script, "closes = \"2024-11-13 19:00\"", "closes = \"pas une date\""), one_case());
  ASSERT_EQ(broken.status, 422u) << broken.body;
  bool names_the_line = false;
  const auto broken_body = body(broken);
  for (const auto& [where, _] : broken_body.at("error").at("fields").as_object())
    names_the_line |= std::string(where).rfind("academies/testia.lua:", 0) == 0;
  EXPECT_TRUE(names_the_line) << broken.body;
  // Loads, but its own test case fails (the residence now excludes 86).
  auto failing = submit(with(script, R"(departments = { "86", "2A" })", R"(departments = { "2A" })"), one_case());
  ASSERT_EQ(failing.status, 422u) << failing.body;
  EXPECT_NE(failing.body.find("ouvert début novembre"), std::string::npos);
  // Another académie's code in this académie's file.
  auto stolen = submit(with(script, "code = \"testia\"", "code = \"autre\""), one_case());
  EXPECT_EQ(stolen.status, 422u) << stolen.body;
  // Nothing was stored.
  auto list = send("GET", "/api/v1/admin/rules/versions", "", bearer(token_));
  EXPECT_EQ(body(list).at("versions").as_array().size(), 1u);
}

TEST_P(RulesLifecycleApi, ADraftIsCheckedAndSimulatedWithoutBeingStored) {
  std::string script = seeded_script();
  auto post = [&](const std::string& path, const json::object& b, const std::string& token = "") {
    return send("POST", path, json::serialize(b), bearer(token.empty() ? token_ : token));
  };
  // « Vérifier »: the gate's verdict, each fault on its line, nothing stored.
  auto good = post("/api/v1/admin/rules/check", {{"script", script}});
  ASSERT_EQ(good.status, 200u) << good.body;
  EXPECT_TRUE(body(good).at("passed").as_bool());
  EXPECT_GT(body(good).at("tests_run").as_int64(), 0);
  auto broken = post("/api/v1/admin/rules/check",
                     {{"script", with(script, "closes = \"2024-11-13 19:00\"", "closes = \"pas une date\"")}});
  ASSERT_EQ(broken.status, 200u) << broken.body;
  EXPECT_FALSE(body(broken).at("passed").as_bool());
  const json::object fault = body(broken).at("faults").at(0).as_object();
  EXPECT_EQ(fault.at("file").as_string(), "academies/testia.lua");
  EXPECT_GT(fault.at("line").as_int64(), 0);
  auto failing = post("/api/v1/admin/rules/check",
                      {{"script", with(script, R"(departments = { "86", "2A" })", R"(departments = { "2A" })")},
                       {"tests", json::array{json::object{{"path", "tests/demo.lua"}, {"text", one_case()}}}}});
  ASSERT_EQ(failing.status, 200u) << failing.body;
  EXPECT_TRUE(body(failing).at("loads").as_bool());
  EXPECT_NE(failing.body.find("ouvert début novembre"), std::string::npos);
  EXPECT_EQ(post("/api/v1/admin/rules/check", {{"script", ""}}).status, 422u);
  // The folder's cases, which a rules editor updates when a change breaks one.
  auto cases = send("GET", "/api/v1/admin/rules/tests", "", bearer(token_));
  ASSERT_EQ(cases.status, 200u) << cases.body;
  bool has_case = false;
  const auto cases_body = body(cases);  // the loop below must not range over a temporary's member
  for (const auto& t : cases_body.at("tests").as_array())
    has_case |= std::string(t.at("path").as_string()).rfind("tests/", 0) == 0 && !t.at("text").as_string().empty();
  EXPECT_TRUE(has_case) << cases.body;

  // The simulator: the same answers judged by the live version and by the draft, at an
  // instant the draft's later close keeps open, each verdict with the lines behind it.
  json::object question{{"script", later(script)}, {"exam", "demo"}, {"session", "2025"},
                        {"at", "2024-11-15T12:00:00+01:00"},
                        {"answers", json::object{{"speciality", "cuisine"}, {"postal_code", "86000"}}}};
  auto sim = post("/api/v1/admin/rules/simulate", question);
  ASSERT_EQ(sim.status, 200u) << sim.body;
  EXPECT_EQ(body(sim).at("live").at("phase").as_string(), "closed");
  EXPECT_EQ(body(sim).at("draft").at("phase").as_string(), "open");
  std::string closes_line(body(sim).at("draft").at("explain").at("dates").at("closes_at").as_string());
  EXPECT_EQ(closes_line.rfind("academies/testia.lua:", 0), 0u) << closes_line;
  EXPECT_EQ(body(sim).at("draft").at("dates").at("closes_at").as_string(), "2024-11-20T19:00:00+01:00");
  EXPECT_EQ(body(sim).at("live").at("dates").at("closes_at").as_string(), "2024-11-13T19:00:00+01:00");
  // A draft that does not load: its faults, and the live verdict still given.
  question["script"] = with(script, "closes = \"2024-11-13 19:00\"", "closes = (");
  auto unloadable = post("/api/v1/admin/rules/simulate", question);
  ASSERT_EQ(unloadable.status, 200u) << unloadable.body;
  EXPECT_TRUE(body(unloadable).at("draft").is_null());
  EXPECT_FALSE(body(unloadable).at("draft_faults").as_array().empty());
  EXPECT_EQ(body(unloadable).at("live").at("phase").as_string(), "closed");
  question["script"] = script;
  question["exam"] = "inconnu";
  EXPECT_EQ(post("/api/v1/admin/rules/simulate", question).status, 404u);
  // Nothing was stored; a manager may neither check nor simulate.
  EXPECT_EQ(body(send("GET", "/api/v1/admin/rules/versions", "", bearer(token_))).at("versions").as_array().size(), 1u);
  std::string manager = token_of(staff("testia", "gestion@example.org", "manager"));
  EXPECT_EQ(post("/api/v1/admin/rules/check", {{"script", script}}, manager).status, 403u);
  question["exam"] = "demo";
  EXPECT_EQ(post("/api/v1/admin/rules/simulate", question, manager).status, 403u);
}

TEST_P(RulesLifecycleApi, ImpactActivationAndRollback) {
  registered("elodie@example.org", "Martin", "Élodie");
  registered("jean@example.org", "Durand", "Jean");
  std::string script = seeded_script();
  const std::string before = closes();
  // Version 2 keeps the window open longer: no guard; version 3 moves the residence to
  // Corsica only: both registrations (86) would become invalid.
  auto longer = submit(later(script), one_case());
  ASSERT_EQ(longer.status, 201u) << longer.body;
  EXPECT_EQ(body(longer).at("state").as_string(), "staged");
  EXPECT_EQ(body(longer).at("tests_run").as_int64(), 1);
  auto corsica = submit(with(script, R"(departments = { "86", "2A" })", R"(departments = { "2A" })"), one_case("20000"));
  ASSERT_EQ(corsica.status, 201u) << corsica.body;

  auto impact = send("GET", "/api/v1/admin/rules/versions/3/impact", "", bearer(token_));
  ASSERT_EQ(impact.status, 200u) << impact.body;
  const auto report = body(impact);
  EXPECT_EQ(report.at("registrations_checked").as_int64(), 2);
  EXPECT_EQ(report.at("validity").at("count").as_int64(), 2);
  EXPECT_EQ(report.at("validity").at("registrations").at(0).at("errors").as_object().count("postal_code"), 1u);
  auto impact2 = send("GET", "/api/v1/admin/rules/versions/2/impact", "", bearer(token_));
  const auto report2 = body(impact2);
  EXPECT_EQ(report2.at("validity").at("count").as_int64(), 0);
  ASSERT_EQ(report2.at("windows").as_array().size(), 2u);  // closes and, with it, edits_close
  EXPECT_FALSE(report2.at("guard").at("required").as_bool());

  auto on = activate(2);
  ASSERT_EQ(on.status, 200u) << on.body;
  EXPECT_EQ(body(on).at("state").as_string(), "active");
  EXPECT_NE(closes(), before);
  EXPECT_NE(closes().find("2024-11-20T19:00:00"), std::string::npos);
  EXPECT_EQ(activate(2).status, 409u);  // already live
  // Roll back to the seed: it closes the open window earlier again, so the guard asks for a
  // reason; then the original window is back.
  EXPECT_EQ(activate(1).status, 409u);
  auto back = activate(1, R"({"confirm_reason": "Retour à la version publiée"})");
  ASSERT_EQ(back.status, 200u) << back.body;
  EXPECT_EQ(closes(), before);
  auto list = send("GET", "/api/v1/admin/rules/versions", "", bearer(token_));
  std::map<int64_t, std::string> states;
  const auto list_body = body(list);
  for (const auto& v : list_body.at("versions").as_array()) states[v.at("number").as_int64()] = std::string(v.at("state").as_string());
  EXPECT_EQ(states[1], "active");
  EXPECT_EQ(states[2], "superseded");
  EXPECT_EQ(states[3], "staged");
  // Every step is in the audit log.
  auto audit = send("GET", "/api/v1/admin/audit?action=rules.", "", bearer(token_));
  std::vector<std::string> actions;
  const auto audit_body = body(audit);
  for (const auto& e : audit_body.at("entries").as_array()) actions.emplace_back(e.at("action").as_string());
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "rules.activate"), 3);  // the seed, 2, and 1 again
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "rules.submit"), 2);
}

TEST_P(RulesLifecycleApi, ClosingAnOpenWindowEarlierNeedsAConfirmedReason) {
  std::string elodie_id;
  registered("elodie@example.org", "Martin", "Élodie", &elodie_id);
  std::string script = seeded_script();
  auto earlier = submit(with(with(script, "closes = \"2024-11-13 19:00\"", "closes = \"2024-11-05 19:00\""),
                             "deadline = \"2024-11-13 19:00\"", "deadline = \"2024-11-05 19:00\""),
                        one_case());
  ASSERT_EQ(earlier.status, 201u) << earlier.body;
  auto impact = send("GET", "/api/v1/admin/rules/versions/2/impact", "", bearer(token_));
  const auto report = body(impact);
  EXPECT_TRUE(report.at("guard").at("required").as_bool());
  ASSERT_EQ(report.at("guard").at("notify").as_array().size(), 1u);
  EXPECT_EQ(report.at("guard").at("notify").at(0).at("email").as_string(), "elodie@example.org");
  EXPECT_EQ(report.at("guard").at("notify").at(0).at("id").as_string(), elodie_id);  // the back office links it
  const std::string before = closes();
  auto refused = activate(2);
  ASSERT_EQ(refused.status, 409u) << refused.body;
  EXPECT_EQ(body(refused).at("error").at("code").as_string(), "window_guard");
  EXPECT_EQ(closes(), before);
  auto confirmed = activate(2, R"({"confirm_reason": "Arrêté rectoral du 31 octobre"})");
  ASSERT_EQ(confirmed.status, 200u) << confirmed.body;
  EXPECT_NE(closes().find("2024-11-05T19:00:00"), std::string::npos);
}

TEST_P(RulesLifecycleApi, AnAcademyCanRequireASecondPerson) {
  auto admin = staff("testia", "chef@example.org", "admin");
  auto second = staff("testia", "second@example.org", "rules_editor");
  std::string admin_token = token_of(admin), second_token = token_of(second);
  EXPECT_EQ(send("PUT", "/api/v1/admin/rules/settings", R"({"require_approval": true})", bearer(token_)).status, 403u);
  ASSERT_EQ(send("PUT", "/api/v1/admin/rules/settings", R"({"require_approval": true})", bearer(admin_token)).status, 200u);
  std::string script = seeded_script();
  ASSERT_EQ(submit(later(script), one_case()).status, 201u);
  auto alone = activate(2);
  EXPECT_EQ(alone.status, 409u);
  EXPECT_EQ(body(alone).at("error").at("code").as_string(), "approval_required");
  // The author cannot approve their own version.
  EXPECT_EQ(send("POST", "/api/v1/admin/rules/versions/2/approve", "", bearer(token_)).status, 409u);
  ASSERT_EQ(send("POST", "/api/v1/admin/rules/versions/2/approve", "", bearer(second_token)).status, 200u);
  // Nor can the approver activate alone what they approved.
  EXPECT_EQ(activate(2, "", second_token).status, 409u);
  EXPECT_EQ(activate(2).status, 200u);
}

TEST_P(RulesLifecycleApi, AScheduledActivationGoesLiveOnTime) {
  std::string script = seeded_script();
  ASSERT_EQ(submit(later(script), one_case()).status, 201u);
  Instant now = server_now();
  std::string at = format_rfc3339(std::chrono::floor<std::chrono::seconds>(now) + 2s, *find_zone("Europe/Paris"));
  auto scheduled = activate(2, R"({"at": ")" + at + R"("})");
  ASSERT_EQ(scheduled.status, 200u) << scheduled.body;
  EXPECT_EQ(body(scheduled).at("state").as_string(), "scheduled");
  EXPECT_EQ(closes().find("2024-11-20"), std::string::npos);
  bool live = false;
  for (int i = 0; i < 60 && !live; ++i) {
    std::this_thread::sleep_for(100ms);
    live = closes().find("2024-11-20T19:00:00") != std::string::npos;
  }
  EXPECT_TRUE(live);
}

TEST_P(RulesLifecycleApi, RightsAndScoping) {
  std::string manager = token_of(staff("testia", "gestion@example.org", "manager"));
  std::string other = token_of(staff("autre", "regles@autre.example.org", "rules_editor,auditor"));
  std::string script = seeded_script();
  EXPECT_EQ(submit(script, one_case(), manager).status, 403u);
  EXPECT_EQ(send("GET", "/api/v1/admin/rules/versions", "", bearer(manager)).status, 200u);
  // Another académie sees none of testia's versions, and cannot submit a script for testia.
  EXPECT_EQ(send("GET", "/api/v1/admin/rules/versions/1", "", bearer(other)).status, 404u);
  EXPECT_EQ(activate(1, "", other).status, 404u);
  EXPECT_EQ(send("GET", "/api/v1/admin/rules/versions/1/impact", "", bearer(other)).status, 404u);
  EXPECT_EQ(send("POST", "/api/v1/admin/rules/versions/1/approve", "", bearer(other)).status, 404u);
  auto theirs = send("GET", "/api/v1/admin/rules/versions", "", bearer(other));
  EXPECT_TRUE(body(theirs).at("versions").as_array().empty());
  EXPECT_EQ(submit(script, one_case(), other).status, 422u);
}

INSTANTIATE_TEST_SUITE_P(Backends, RulesLifecycleApi, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         backend_name);

// The lifecycle fixture's exam asks for an envelope in postal sessions and sends Corse-du-Sud
// candidates to a "corse" office when the académie has one: an académie's version can then
// change pieces and offices, and the impact analysis must say so.
class ImpactOnPiecesAndOffices : public RulesLifecycleApi {
 protected:
  void SetUp() override {
    start_at("2024-11-01T10:00:00+01:00", "tests/fixtures/lifecycle");
    editor_ = staff("testia", "regles@example.org", "rules_editor,auditor");
    token_ = token_of(editor_);
  }
};

TEST_P(ImpactOnPiecesAndOffices, AnOfficeOrAPieceMoreIsReportedAndAPieceMoreIsGuarded) {
  std::string poitiers_number = registered("elodie@example.org", "Martin", "Élodie");
  std::string ajaccio_number = registered("jean@example.org", "Durand", "Jean", nullptr, nullptr, "20000");
  ASSERT_FALSE(ajaccio_number.empty());
  std::string script = seeded_script();
  // Version 2: a "corse" office.
  auto office = submit(with(script, R"({ code = "sud", name = "Pôle sud", phones = { "01.02.03.04.06" }, email = "sud@example.org" },)",
                            R"({ code = "sud", name = "Pôle sud", phones = { "01.02.03.04.06" }, email = "sud@example.org" },
    { code = "corse", name = "Pôle Corse", phones = { "04.95.00.00.00" }, email = "corse@example.org" },)"),
                       one_case());
  ASSERT_EQ(office.status, 201u) << office.body;
  auto r2 = body(send("GET", "/api/v1/admin/rules/versions/2/impact", "", bearer(token_)));
  EXPECT_EQ(r2.at("registrations_checked").as_int64(), 2);
  EXPECT_EQ(r2.at("offices").at("count").as_int64(), 1);
  EXPECT_EQ(r2.at("offices").at("registrations").at(0).at("registration_number").as_string(), ajaccio_number);
  EXPECT_EQ(r2.at("offices").at("registrations").at(0).at("from").as_string(), "sud");
  EXPECT_EQ(r2.at("offices").at("registrations").at(0).at("to").as_string(), "corse");
  EXPECT_EQ(r2.at("pieces").at("count").as_int64(), 0);
  EXPECT_FALSE(r2.at("guard").at("required").as_bool());  // an office change alone is not guarded

  // Version 3: the session goes postal; every registration needs an envelope, in an open session.
  auto postal = submit(with(script, R"(final_registration = { mode = "upload", deadline = "2024-11-13 19:00" },)",
                            R"(final_registration = { mode = "postal", deadline = "2024-11-13 19:00",
    instructions = "Envoyez votre dossier par courrier." }, postal_address = { "Rectorat", "20000 Ajaccio" },)"),
                       one_case());
  ASSERT_EQ(postal.status, 201u) << postal.body;
  auto r3 = body(send("GET", "/api/v1/admin/rules/versions/3/impact", "", bearer(token_)));
  EXPECT_EQ(r3.at("pieces").at("count").as_int64(), 2);
  EXPECT_EQ(r3.at("pieces").at("registrations").at(0).at("added").at(0).as_string(), "enveloppe");
  EXPECT_EQ(r3.at("offices").at("count").as_int64(), 0);
  EXPECT_TRUE(r3.at("guard").at("required").as_bool());
  EXPECT_EQ(r3.at("guard").at("notify").as_array().size(), 2u);
  EXPECT_EQ(activate(3).status, 409u);
  EXPECT_EQ(activate(3, R"({"confirm_reason": "Décision du recteur"})").status, 200u);
  (void)poitiers_number;
}

INSTANTIATE_TEST_SUITE_P(Backends, ImpactOnPiecesAndOffices, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         backend_name);

// Two servers on one PostgreSQL database: an activation on one is live on the other within a
// second, through LISTEN/NOTIFY alone (the periodic check is set to a minute here).
class TwoServers : public AdminApiBase {
 protected:
  void configure(app::ServeConfig& c) override { c.rules_period = std::chrono::minutes(1); }
  void TearDown() override {
    if (second_) second_->stop();
    second_.reset();
    AdminApiBase::TearDown();
  }
  // The second server: same database, same scripts, its own data folder.
  void start_second() {
    app::ServeConfig c;
    c.port = 0;
    c.data_dir = (root_ / "data2").string();
    c.scripts_dir = (root_ / "scripts").string();
    c.database_url = url_;
    c.threads = 2;
    c.simulated_time = "2024-11-01T10:00:00+01:00";
    c.password_cost = "minimal";
    c.rules_period = std::chrono::minutes(1);
    auto app = app::ServerApp::start(c);
    ASSERT_TRUE(app.ok()) << app.error().message;
    second_ = std::move(*app);
  }
  std::string closes_on(unsigned short port) {
    auto r = http_request(port, "GET", "/api/v1/academies/testia/exams/demo/sessions/2025");
    return std::string(json::parse(r.body).at("closes_at").as_string());
  }
  // Milliseconds until the second server shows `expected`, or -1 after 5 s.
  long long until_second_shows(const std::string& expected) {
    auto start = std::chrono::steady_clock::now();
    while (std::chrono::steady_clock::now() - start < 5s) {
      if (closes_on(second_->port()).find(expected) != std::string::npos)
        return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
      std::this_thread::sleep_for(20ms);
    }
    return -1;
  }
  std::unique_ptr<app::ServerApp> second_;
};

TEST_P(TwoServers, AnActivationOnOneIsLiveOnTheOtherWithinASecond) {
  if (GetParam() != Backend::postgresql) GTEST_SKIP() << "several servers share a PostgreSQL database";
  start_at("2024-11-01T10:00:00+01:00");
  start_second();
  auto editor = staff("testia", "regles@example.org", "rules_editor");
  std::string token = token_of(editor);
  auto v1 = send("GET", "/api/v1/admin/rules/versions/1", "", bearer(token));
  std::string script(body(v1).at("script").as_string());
  for (auto [from, to] : {std::pair{"closes = \"2024-11-13 19:00\"", "closes = \"2024-11-20 19:00\""},
                          std::pair{"deadline = \"2024-11-13 19:00\"", "deadline = \"2024-11-20 19:00\""}})
    script.replace(script.find(from), std::string(from).size(), to);
  json::object sub{{"script", script},
                   {"tests", json::array{json::object{{"path", "tests/demo.lua"}, {"text", one_case()}}}}};
  ASSERT_EQ(send("POST", "/api/v1/admin/rules/versions", json::serialize(sub), bearer(token)).status, 201u);
  ASSERT_NE(closes_on(second_->port()).find("2024-11-13T19:00:00"), std::string::npos);

  ASSERT_EQ(send("POST", "/api/v1/admin/rules/versions/2/activate", "", bearer(token)).status, 200u);
  long long ms = until_second_shows("2024-11-20T19:00:00");
  EXPECT_GE(ms, 0) << "never live on the second server";
  EXPECT_LT(ms, 1000);
  // And the rollback too.
  auto back = send("POST", "/api/v1/admin/rules/versions/1/activate", R"({"confirm_reason": "retour"})", bearer(token));
  ASSERT_EQ(back.status, 200u) << back.body;
  ms = until_second_shows("2024-11-13T19:00:00");
  EXPECT_GE(ms, 0);
  EXPECT_LT(ms, 1000);
}

INSTANTIATE_TEST_SUITE_P(Backends, TwoServers, ::testing::Values(Backend::sqlite, Backend::postgresql), backend_name);

}  // namespace
}  // namespace guichet::testing

namespace guichet::testing {
namespace {

TEST_P(RulesLifecycleApi, AFaultyAcademyFileInTheFolderIsShownUntilReverted) {
  // The folder is seeded into the database; a broken académie file used to vanish silently.
  std::string good = read_script("academies/testia.lua");
  std::string broken = good;
  broken.replace(broken.find("academy {"), 9, "academy {{");
  write_script("academies/testia.lua", broken);
  auto faults = [&] { return body(get("/readyz")).at("details").at("script_faults").as_array(); };
  bool shown = false;
  for (int i = 0; i < 200 && !shown; ++i) {
    for (const auto& f : faults()) shown = shown || f.as_string().find("academies/testia.lua:") != std::string::npos;
    if (!shown) std::this_thread::sleep_for(25ms);
  }
  EXPECT_TRUE(shown) << json::serialize(faults());
  EXPECT_EQ(get("/api/v1/academies/testia/exams/demo/sessions/2025").status, 200u);  // the live version serves
  write_script("academies/testia.lua", good);
  bool cleared = false;
  for (int i = 0; i < 200 && !cleared; ++i) {
    cleared = faults().empty();
    if (!cleared) std::this_thread::sleep_for(25ms);
  }
  EXPECT_TRUE(cleared) << json::serialize(faults());
}

}  // namespace
}  // namespace guichet::testing
