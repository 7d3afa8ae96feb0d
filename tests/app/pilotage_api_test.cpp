// The dashboard, the reminders and the public figure over real HTTP on both backends: who may
// call what, the JSON the pages read, a reminder reaching the outbox once, and an académie
// publishing its figure by editing its script while the server runs.
#include <boost/json.hpp>

#include <fstream>

#include "tests/app/admin_client.hpp"

namespace guichet::testing {
namespace {

namespace json = boost::json;

json::object body(const HttpResponse& r) { return json::parse(r.body).as_object(); }

class PilotageApi : public AdminApiBase {
 protected:
  // Five days before testia's pieces deadline (2024-11-13 19:00).
  void SetUp() override { start_at("2024-11-08T10:00:00+01:00"); }

  long long pieces_count(const json::object& dashboard, const std::string& state) {
    for (const auto& p : dashboard.at("pieces").as_array())
      if (p.at("state").as_string() == state) return p.at("count").as_int64();
    return -1;
  }
};

TEST_P(PilotageApi, TheDashboardAndTheRemindersAnswerTheirRolesOnly) {
  std::string id;
  ASSERT_FALSE(registered("lea.martin@example.org", "Martin", "Léa", &id).empty());
  const std::string manager = token_of(staff("testia", "gestion@example.org", "manager"));
  const std::string auditor = token_of(staff("testia", "audit@example.org", "auditor"));
  const std::string editor = token_of(staff("testia", "regles@example.org", "rules_editor"));
  const std::string foreign = token_of(staff("ailleurs", "gestion@ailleurs.example.org", "manager,auditor"));

  EXPECT_EQ(get("/api/v1/admin/dashboard").status, 401u);
  EXPECT_EQ(send("GET", "/api/v1/admin/dashboard", "", bearer(editor)).status, 403u);
  EXPECT_EQ(send("GET", "/api/v1/admin/dashboard?session=2025", "", bearer(foreign)).status, 404u);
  auto d = send("GET", "/api/v1/admin/dashboard", "", bearer(auditor));
  ASSERT_EQ(d.status, 200u) << d.body;
  const json::object dash = body(d);
  EXPECT_EQ(dash.at("session").as_string(), "2025");  // the session open now
  EXPECT_TRUE(dash.at("exam").is_null());
  EXPECT_NE(std::string(dash.at("as_of").as_string()).find("+01:00"), std::string::npos) << d.body;
  EXPECT_EQ(dash.at("registrations").at("total").as_int64(), 1);
  EXPECT_EQ(pieces_count(dash, "none"), 1);
  // Nobody's name in what an auditor reads.
  EXPECT_EQ(d.body.find("Martin"), std::string::npos);
  EXPECT_EQ(d.body.find("lea.martin"), std::string::npos);

  // The reminders: managers only.
  EXPECT_EQ(send("GET", "/api/v1/admin/reminders?session=2025", "", bearer(auditor)).status, 403u);
  auto bad = send("GET", "/api/v1/admin/reminders?session=2025&within_days=99", "", bearer(manager));
  EXPECT_EQ(bad.status, 422u) << bad.body;
  auto list = send("GET", "/api/v1/admin/reminders?session=2025", "", bearer(manager));
  ASSERT_EQ(list.status, 200u) << list.body;
  const json::object listed_first = body(list);
  const auto& candidates = listed_first.at("candidates").as_array();
  ASSERT_EQ(candidates.size(), 1u);
  EXPECT_EQ(candidates[0].at("registration_id").as_string(), id);
  EXPECT_EQ(candidates[0].at("last_name").as_string(), "Martin");
  EXPECT_EQ(candidates[0].at("missing").as_array().size(), 2u);  // identity and diploma (exemption)
  auto preview = send("GET", "/api/v1/admin/registrations/" + id + "/reminder", "", bearer(manager));
  ASSERT_EQ(preview.status, 200u) << preview.body;
  EXPECT_EQ(body(preview).at("to").as_string(), "lea.martin@example.org");
  EXPECT_EQ(send("GET", "/api/v1/admin/registrations/" + id + "/reminder", "", bearer(foreign)).status, 404u);

  EXPECT_EQ(send("POST", "/api/v1/admin/reminders", R"({"registration_ids": "tous"})", bearer(manager)).status, 422u);
  EXPECT_EQ(send("POST", "/api/v1/admin/reminders", R"({"registration_ids": []})", bearer(manager)).status, 422u);
  const std::string ids = json::serialize(json::object{{"registration_ids", json::array{json::value(id)}}});
  auto sent = send("POST", "/api/v1/admin/reminders", ids, bearer(manager));
  ASSERT_EQ(sent.status, 200u) << sent.body;
  EXPECT_EQ(body(sent).at("sent").as_int64(), 1);
  const std::string mail = await_mail([](const std::string& m) {
    return m.find("To: lea.martin@example.org") != std::string::npos && m.find("X-Guichet-Kind: pieces_reminder") != std::string::npos;
  });
  EXPECT_FALSE(mail.empty());
  auto twice = send("POST", "/api/v1/admin/reminders", ids, bearer(manager));
  ASSERT_EQ(twice.status, 200u) << twice.body;
  EXPECT_EQ(body(twice).at("sent").as_int64(), 0);
  EXPECT_EQ(body(twice).at("skipped").as_array()[0].at("reason").as_string(), "already_today");
  auto listed = send("GET", "/api/v1/admin/reminders?session=2025", "", bearer(manager));
  EXPECT_TRUE(body(listed).at("candidates").as_array()[0].at("reminded_today").as_bool());
}

TEST_P(PilotageApi, AnAcademyPublishesItsFigureByEditingItsScript) {
  EXPECT_EQ(code(get("/api/v1/academies/nulle-part/figures")), "unknown_academy");
  auto hidden = get("/api/v1/academies/testia/figures");
  EXPECT_EQ(hidden.status, 404u);
  EXPECT_EQ(code(hidden), "not_found");

  // The académie opts in while the server runs: the edit goes live without a restart.
  const auto script = root_ / "scripts" / "academies" / "testia.lua";
  std::ifstream in(script);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  in.close();
  text.replace(text.find("  number = 99,"), 14, "  number = 99,\n  statistiques_publiques = true,");
  std::ofstream(script) << text;
  HttpResponse shown;
  for (int i = 0; i < 100 && shown.status != 200; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    shown = get("/api/v1/academies/testia/figures");
  }
  ASSERT_EQ(shown.status, 200u) << shown.body;
  EXPECT_EQ(shown.header("cache-control"), "public, max-age=600");
  const json::object figures = body(shown);
  const auto& sessions = figures.at("sessions").as_array();
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_TRUE(sessions[0].at("registrations").is_null());
  EXPECT_EQ(sessions[0].at("text").as_string(), "Moins de 10 inscriptions enregistrées");
}

INSTANTIATE_TEST_SUITE_P(Backends, PilotageApi, ::testing::Values(Backend::sqlite, Backend::postgresql), backend_name);

}  // namespace
}  // namespace guichet::testing
