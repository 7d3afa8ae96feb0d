// Editing the scripts folder of a running server is as safe as submitting a version: every
// change passes the same gate (it loads, passes the consistency checks and the scripts' own
// tests), and one that closes an open window earlier or adds a piece in it is held until
// someone confirms it with a reason. Whatever is refused or held is listed on /readyz and in
// /metrics until fixed, reverted or confirmed. Both backends, real HTTP, real files.
#include <boost/json.hpp>

#include <functional>

#include "core/clock.hpp"
#include "core/rules.hpp"
#include "http/views/rule_version_view.hpp"
#include "services/rules_lifecycle.hpp"
#include "tests/app/admin_client.hpp"

namespace guichet::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

json::object body(const HttpResponse& r) { return json::parse(r.body).as_object(); }

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// Cases that do not pin the closing time (an editor moving a date updates the tests too).
const char* kLooseCases = R"(case {
  name = "ouvert mi-octobre",
  academy = "testia", exam = "demo", session = "2025", at = "2024-10-12 12:00",
  answers = { speciality = "cuisine", postal_code = "86000" },
  expect = { phase = "open", valid = true },
})";

class FolderGate : public AdminApiBase {
 protected:
  void SetUp() override {
    start_at("2024-11-01T10:00:00+01:00");
    editor_ = staff("testia", "regles@example.org", "rules_editor,auditor");
    token_ = token_of(editor_);
  }

  json::array pending() { return body(get("/readyz")).at("details").at("pending_changes").as_array(); }
  // The pending change of `file` once `pred` holds for it (or for its absence), within 20 s
  // (the server's next look at the folder; the browser tests may be loading the machine).
  std::optional<json::object> wait_pending(const std::string& file, const std::function<bool(const json::object*)>& pred) {
    for (int i = 0; i < 800; ++i) {
      std::optional<json::object> found;
      for (const auto& c : pending())
        if (c.at("file").as_string() == file) found = c.as_object();
      if (pred(found ? &*found : nullptr)) return found;
      std::this_thread::sleep_for(25ms);
    }
    ADD_FAILURE() << "pending changes: " << json::serialize(pending());
    return std::nullopt;
  }
  bool wait_cleared(const std::string& file) {
    for (int i = 0; i < 800; ++i) {
      bool listed = false;
      for (const auto& c : pending()) listed = listed || c.at("file").as_string() == file;
      if (!listed) return true;
      std::this_thread::sleep_for(25ms);
    }
    return false;
  }
  double metric(const std::string& series) {
    const std::string text = get("/metrics").body;
    auto at = text.find(series + " ");
    return at == std::string::npos ? -1 : std::stod(text.substr(at + series.size() + 1));
  }
  std::string closes() {
    return std::string(body(get("/api/v1/academies/testia/exams/demo/sessions/2025")).at("closes_at").as_string());
  }
  json::array versions() {
    return body(send("GET", "/api/v1/admin/rules/versions", "", bearer(token_))).at("versions").as_array();
  }
  HttpResponse evaluate(const std::string& answers) {
    return post_json("/api/v1/academies/testia/exams/demo/sessions/2025/evaluate",
                     R"({"at": "2024-11-01T12:00:00+01:00", "answers": )" + answers + "}");
  }

  StaffMember editor_;
  std::string token_;
};

TEST_P(FolderGate, AnAcademyFileThatDoesNotLoadIsRefusedListedAndClearedWhenReverted) {
  const std::string good = read_script("academies/testia.lua");
  // A comma removed: Lua's message, in French, with the line.
  write_script("academies/testia.lua", replaced(good, "number = 99,", "number = 99"));
  auto c = wait_pending("academies/testia.lua", [](const json::object* c) { return c != nullptr; });
  ASSERT_TRUE(c);
  EXPECT_EQ(c->at("state").as_string(), "refused");
  const std::string reason(c->at("reasons").at(0).as_string());
  EXPECT_EQ(reason.rfind("academies/testia.lua:", 0), 0u) << reason;
  EXPECT_NE(c->at("serving").as_string().find("version 1"), std::string::npos) << json::serialize(*c);
  EXPECT_FALSE(c->at("since").as_string().empty());
  EXPECT_EQ(metric("guichet_rules_pending_changes{state=\"refused\"}"), 1.0);
  EXPECT_EQ(get("/api/v1/academies/testia/exams/demo/sessions/2025").status, 200u);  // version 1 serves
  EXPECT_EQ(versions().size(), 1u);  // nothing recorded
  write_script("academies/testia.lua", good);
  EXPECT_TRUE(wait_cleared("academies/testia.lua"));
  EXPECT_EQ(metric("guichet_rules_pending_changes{state=\"refused\"}"), 0.0);
  EXPECT_TRUE(body(get("/readyz")).at("details").at("script_faults").as_array().empty());
}

TEST_P(FolderGate, AnAcademyFileFailingTheConsistencyChecksOrItsTestsIsRefused) {
  const std::string good = read_script("academies/testia.lua");
  // The pieces deadline before the window closes: the consistency checks refuse it.
  write_script("academies/testia.lua",
               replaced(good, "deadline = \"2024-11-13 19:00\"", "deadline = \"2024-11-01 19:00\""));
  auto c = wait_pending("academies/testia.lua", [](const json::object* c) { return c != nullptr; });
  ASSERT_TRUE(c);
  EXPECT_EQ(c->at("state").as_string(), "refused") << json::serialize(*c);
  write_script("academies/testia.lua", good);
  ASSERT_TRUE(wait_cleared("academies/testia.lua"));
  // Loads, but the folder's own test cases fail (86 is no longer in the académie).
  write_script("academies/testia.lua", replaced(good, R"(departments = { "86", "2A" })", R"(departments = { "2A" })"));
  c = wait_pending("academies/testia.lua", [](const json::object* c) { return c != nullptr; });
  ASSERT_TRUE(c);
  EXPECT_EQ(c->at("state").as_string(), "refused");
  EXPECT_NE(json::serialize(c->at("reasons")).find("tests/demo.lua:"), std::string::npos) << json::serialize(*c);
  EXPECT_EQ(body(evaluate(R"({"speciality": "cuisine", "postal_code": "86000"})")).at("valid").as_bool(), true);
  EXPECT_EQ(versions().size(), 1u);
}

TEST_P(FolderGate, ADateTypoClosingAnOpenWindowIsHeldUntilConfirmedThroughTheApi) {
  registered("elodie@example.org", "Martin", "Élodie");
  write_script("tests/demo.lua", kLooseCases);
  const std::string before = closes();
  const std::string good = read_script("academies/testia.lua");
  // 2024-10-13 for 2024-11-13: the open session would close at once.
  write_script("academies/testia.lua",
               replaced(replaced(good, "closes = \"2024-11-13 19:00\"", "closes = \"2024-10-13 19:00\""),
                        "deadline = \"2024-11-13 19:00\"", "deadline = \"2024-10-13 19:00\""));
  auto c = wait_pending("academies/testia.lua", [](const json::object* c) { return c != nullptr; });
  ASSERT_TRUE(c);
  EXPECT_EQ(c->at("state").as_string(), "held") << json::serialize(*c);
  EXPECT_NE(json::serialize(c->at("reasons")).find("fermerait plus tôt"), std::string::npos) << json::serialize(*c);
  EXPECT_NE(c->at("confirm").as_string().find("confirm_reason"), std::string::npos);
  EXPECT_NE(c->at("confirm").as_string().find("guichet rules confirm --file academies/testia.lua"), std::string::npos);
  EXPECT_EQ(metric("guichet_rules_pending_changes{state=\"held\"}"), 1.0);
  EXPECT_EQ(closes(), before);  // not live
  auto list = versions();
  ASSERT_EQ(list.size(), 2u) << json::serialize(list);
  EXPECT_EQ(list.at(0).at("state").as_string(), "held");
  EXPECT_EQ(list.at(0).at("origin").as_string(), "folder");
  // Without a reason the API refuses too; with one it goes live and the listing clears.
  auto refused = send("POST", "/api/v1/admin/rules/versions/2/activate", "", bearer(token_));
  EXPECT_EQ(refused.status, 409u) << refused.body;
  auto confirmed = send("POST", "/api/v1/admin/rules/versions/2/activate",
                        R"({"confirm_reason": "Arrêté rectoral du 31 octobre"})", bearer(token_));
  ASSERT_EQ(confirmed.status, 200u) << confirmed.body;
  EXPECT_NE(closes().find("2024-10-13T19:00:00"), std::string::npos) << closes();
  EXPECT_TRUE(wait_cleared("academies/testia.lua"));
  EXPECT_EQ(versions().at(0).at("state").as_string(), "active");
}

TEST_P(FolderGate, AHeldChangeRevertedIsDiscardedAndCleared) {
  write_script("tests/demo.lua", kLooseCases);
  const std::string good = read_script("academies/testia.lua");
  write_script("academies/testia.lua",
               replaced(replaced(good, "closes = \"2024-11-13 19:00\"", "closes = \"2024-11-05 19:00\""),
                        "deadline = \"2024-11-13 19:00\"", "deadline = \"2024-11-05 19:00\""));
  ASSERT_TRUE(wait_pending("academies/testia.lua", [](const json::object* c) { return c != nullptr; }));
  write_script("academies/testia.lua", good);
  EXPECT_TRUE(wait_cleared("academies/testia.lua"));
  EXPECT_EQ(versions().at(0).at("state").as_string(), "discarded");
  EXPECT_EQ(metric("guichet_rules_pending_changes{state=\"held\"}"), 0.0);
}

TEST_P(FolderGate, AnExamFileIsGatedTooAndAHeldOneIsConfirmedByTheCommand) {
  registered("elodie@example.org", "Martin", "Élodie");
  write_script("tests/demo.lua", kLooseCases);
  const std::string good = read_script("exams/demo.lua");
  // A piece used but missing from the catalogue's syntax: refused, the live exam serves.
  write_script("exams/demo.lua", replaced(good, "require_pieces = function(a, v)", "require_pieces = function(a, v"));
  auto c = wait_pending("exams/demo.lua", [](const json::object* c) { return c != nullptr; });
  ASSERT_TRUE(c);
  EXPECT_EQ(c->at("state").as_string(), "refused");
  EXPECT_EQ(std::string(c->at("reasons").at(0).as_string()).rfind("exams/demo.lua:", 0), 0u) << json::serialize(*c);
  EXPECT_EQ(evaluate(R"({"speciality": "cuisine", "postal_code": "86000"})").status, 200u);
  // Every candidate of the open session must now send a piece more: held.
  write_script("exams/demo.lua",
               replaced(replaced(good, "v:piece(\"identite\")", "v:piece(\"identite\") v:piece(\"domicile\")"),
                        "pieces = {", "pieces = {\n    { code = \"domicile\", label = \"Justificatif de domicile\", explanation = \"Récent.\" },"));
  c = wait_pending("exams/demo.lua", [](const json::object* c) { return c && c->at("state").as_string() == "held"; });
  ASSERT_TRUE(c) << evaluate(R"({"speciality": "cuisine", "postal_code": "86000"})").body;
  EXPECT_NE(c->at("confirm").as_string().find("guichet rules confirm --file exams/demo.lua"), std::string::npos);
  auto pieces = [&] {
    return json::serialize(body(evaluate(R"({"speciality": "cuisine", "postal_code": "86000"})")).at("pieces"));
  };
  EXPECT_EQ(pieces().find("domicile"), std::string::npos);  // not live

  // What `guichet rules confirm` does, at the server's (simulated) time.
  {
    auto db = Database::open(url_, (root_ / "data").string(), 1);
    ASSERT_TRUE(db.ok());
    ManualClock clock(server_now());
    Rules rules(RuleSetOptions{}, clock, nullptr);
    services::RulesLifecycle lifecycle(**db, rules, clock, (root_ / "scripts").string(), RuleSetOptions{});
    services::Actor cli{"cli", "Agent (ligne de commande)", "", services::kRulesEditor};
    auto none = lifecycle.confirm_folder_change(cli, "exams/cap.lua", "Motif");
    EXPECT_FALSE(none.ok());
    auto done = lifecycle.confirm_folder_change(cli, "exams/demo.lua", "Note de service du 30 octobre");
    ASSERT_TRUE(done.ok()) << done.error().message;
    EXPECT_EQ(views::folder_confirmation(*done).at("confirm_reason").as_string(), "Note de service du 30 octobre");
  }
  // The running server sees the confirmation at its next look.
  EXPECT_TRUE(wait_cleared("exams/demo.lua"));
  for (int i = 0; i < 800 && pieces().find("domicile") == std::string::npos; ++i) std::this_thread::sleep_for(25ms);
  EXPECT_NE(pieces().find("domicile"), std::string::npos);
}

TEST_P(FolderGate, AnEditThatOnlyFailsForSomeAnswersIsRefusedBeforeItGoesLive) {
  write_script("tests/demo.lua", kLooseCases);  // the cases only try "cuisine"
  const std::string good = read_script("exams/demo.lua");
  write_script("exams/demo.lua", replaced(good, "v:piece(\"identite\")",
                                          "v:piece(\"identite\")\n    if a.speciality == \"electricite\" then "
                                          "v:piece(\"casier\") end"));
  auto c = wait_pending("exams/demo.lua", [](const json::object* c) { return c != nullptr; });
  ASSERT_TRUE(c);
  EXPECT_EQ(c->at("state").as_string(), "refused");
  const std::string reasons = json::serialize(c->at("reasons"));
  EXPECT_NE(reasons.find("exams/demo.lua:"), std::string::npos) << reasons;
  EXPECT_NE(reasons.find("casier"), std::string::npos) << reasons;
  auto electricite = evaluate(R"({"speciality": "electricite", "postal_code": "86000"})");
  EXPECT_EQ(electricite.status, 200u) << electricite.body;  // the live exam serves
}

INSTANTIATE_TEST_SUITE_P(Backends, FolderGate, ::testing::Values(Backend::sqlite, Backend::postgresql), backend_name);

}  // namespace
}  // namespace guichet::testing
