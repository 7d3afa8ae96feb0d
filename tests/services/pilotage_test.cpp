// The dashboard, the reminders and the public figure (issue 18) on both backends, below HTTP:
// every figure is compared with what the test made in the database; the previous session's
// curve is aligned on days since its own opening; a reminder goes out once per candidate and
// day, even from two servers at once; another académie sees nothing.
#include <atomic>
#include <thread>

#include "db/dashboard_queries.hpp"
#include "services/pilotage.hpp"
#include "tests/services/office_fixture.hpp"

namespace guichet::testing {
namespace {

namespace fs = std::filesystem;

std::vector<long long> then(std::vector<long long> a, const std::vector<long long>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// testia's rules with a 2023 session of the same exam before 2025's, and published figures.
class PilotageTest : public OfficeTest {
 protected:
  void SetUp() override {
    OfficeTest::SetUp();
    use_rules(true);
    pilotage_ = std::make_unique<services::PilotageService>(*db_, clock_, *rules_, config_);
  }

  void use_rules(bool publish) {
    const fs::path dir = dir_.path() / (publish ? "rules-published" : "rules-private");
    fs::remove_all(dir);
    fs::copy(std::string(GUICHET_SOURCE_DIR) + "/tests/fixtures/minimal", dir, fs::copy_options::recursive);
    const fs::path academy = dir / "academies" / "testia.lua";
    std::ifstream in(academy);
    std::string text((std::istreambuf_iterator<char>(in)), {});
    in.close();
    if (publish) text.replace(text.find("  number = 99,"), 14, "  number = 99,\n  statistiques_publiques = true,");
    text += R"(
session {
  exam = "demo", session = "2023", title = "Session 2023",
  opens = "2022-10-18 10:00", closes = "2022-11-22 19:00",
  final_registration = { mode = "upload", deadline = "2022-11-22 19:00" },
  portal_url = "https://example.org",
}
)";
    std::ofstream(academy) << text;
    auto sources = read_sources(dir.string());
    ASSERT_TRUE(sources.ok());
    auto report = rules_->load(*sources);
    ASSERT_TRUE(report.activated) << (report.refused.empty() ? "" : report.refused[0].message);
  }

  // A registration of a new candidate in `session` at the clock's time; returns its id.
  std::string registered_in(const std::string& session, const std::string& email) {
    std::string account = active_account(email);
    auto r = registrations_->create(account, {"testia", "demo", session,
                                              boost::json::parse(R"({"speciality": "cuisine", "postal_code": "86000"})").as_object()},
                                    0);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? r->id : "";
  }

  std::string account_of(const std::string& registration_id) {
    std::string account;
    EXPECT_TRUE(db_->with_session([&](soci::session& s) {
      s << "SELECT account_id FROM registrations WHERE id = :id", soci::use(registration_id), soci::into(account);
      return Status::Ok();
    }).ok());
    return account;
  }

  services::Dashboard dashboard(const std::string& session = "2025", const std::string& exam = "") {
    auto d = pilotage_->dashboard(manager_, session, exam);
    EXPECT_TRUE(d.ok()) << (d.ok() ? "" : d.error().message);
    return d.ok() ? *d : services::Dashboard{};
  }

  static long long count_of(const std::vector<services::CountBy>& list, const std::string& code) {
    for (const auto& c : list)
      if (c.code == code) return c.count;
    return -1;
  }

  static std::vector<long long> counts(const std::vector<services::DayCount>& days) {
    std::vector<long long> out;
    for (const auto& d : days) out.push_back(d.count);
    return out;
  }

  std::vector<db::OutboxRow> reminders_to(const std::string& email) {
    std::vector<db::OutboxRow> out;
    for (auto& m : mails())
      if (m.kind == "pieces_reminder" && m.recipient == email) out.push_back(m);
    return out;
  }

  std::unique_ptr<services::PilotageService> pilotage_;
};

TEST_P(PilotageTest, TheDashboardCountsWhatTheDatabaseHoldsDayByDaySinceTheOpening) {
  // 2023: two on the opening day, one two days later (late at night in Paris: still that day).
  clock_.set(at("2022-10-18T12:00:00+02:00"));
  registered_in("2023", "a.2023@example.org");
  registered_in("2023", "b.2023@example.org");
  clock_.set(at("2022-10-20T23:30:00+02:00"));
  registered_in("2023", "c.2023@example.org");
  // 2025: three on the opening day, one on day 2, then one withdrawn by the office.
  clock_.set(at("2024-10-10T10:30:00+02:00"));
  const std::string first = registered_in("2025", "a@example.org");
  registered_in("2025", "b@example.org");
  registered_in("2025", "c@example.org");
  clock_.set(at("2024-10-12T00:30:00+02:00"));  // 22:30 UTC the day before: day 2 in Paris
  const std::string late = registered_in("2025", "d@example.org");
  ASSERT_TRUE(office_->withdraw(manager_, late, "Demande du candidat").ok());

  clock_.set(at("2024-10-13T10:00:00+02:00"));
  const services::Dashboard d = dashboard();
  EXPECT_EQ(d.session, "2025");
  EXPECT_EQ(d.academy_name, "Académie de test");
  EXPECT_EQ(d.timezone, "Europe/Paris");
  EXPECT_EQ(d.total, 3);
  EXPECT_EQ(d.withdrawn, 1);
  // Day 0 to today (day 3): the withdrawn one counts on the day it registered.
  EXPECT_EQ(counts(d.per_day), (std::vector<long long>{3, 0, 1, 0}));
  ASSERT_EQ(d.per_day.size(), 4u);
  EXPECT_EQ(d.per_day[0].date, "2024-10-10");
  EXPECT_EQ(d.per_day[2].date, "2024-10-12");
  EXPECT_EQ(d.per_day[3].cumulative, 4);
  // The previous session, on its own opening's axis.
  ASSERT_TRUE(d.previous_session.has_value());
  EXPECT_EQ(*d.previous_session, "2023");
  // Its whole window (18 October to 22 November 2022: days 0 to 35), whatever today is.
  ASSERT_EQ(d.previous_per_day.size(), 36u);
  EXPECT_EQ(counts(d.previous_per_day), then({2, 0, 1}, std::vector<long long>(33, 0)));
  EXPECT_EQ(d.previous_per_day[0].date, "2022-10-18");
  EXPECT_EQ(d.previous_per_day[35].date, "2022-11-22");
  EXPECT_EQ(d.previous_per_day[35].cumulative, 3);
  // 2023 looks back at nothing.
  EXPECT_FALSE(dashboard("2023").previous_session.has_value());

  EXPECT_EQ(count_of(d.by_exam, "demo"), 3);
  EXPECT_EQ(count_of(d.by_speciality, "cuisine"), 3);
  EXPECT_EQ(count_of(d.by_mode, "upload"), 3);
  long long by_office = 0;
  for (const auto& o : d.by_office) by_office += o.count;
  EXPECT_EQ(by_office, 3);
  ASSERT_EQ(d.windows.size(), 1u);
  EXPECT_EQ(d.windows[0].final_mode, "upload");
  ASSERT_GE(d.choices.size(), 2u);
  EXPECT_EQ(d.choices[0].session, "2025");  // newest first

  // Pieces: none given yet; the review queue is empty; every testia mail is counted.
  EXPECT_EQ(count_of(d.pieces, "none"), 3);
  EXPECT_EQ(d.review_count, 0);
  long long testia_mails = 0;
  for (const auto& m : mails()) testia_mails += m.academy == "testia";
  EXPECT_GT(testia_mails, 0);
  EXPECT_EQ(d.mails_queued + d.mails_sent + d.mails_failed, testia_mails);

  // One piece arrives: complete (identity is the one piece asked), in the review queue.
  clock_.set(at("2024-10-13T11:00:00+02:00"));
  auto up = pieces_->begin_upload(account_of(first), first, "identite", "carte.pdf", std::nullopt);
  ASSERT_TRUE(up.ok()) << up.error().message;
  ASSERT_TRUE((*up)->append("%PDF-1.4\nune carte").ok());
  ASSERT_TRUE((*up)->finish().ok());
  services::Dashboard after = dashboard();
  EXPECT_EQ(count_of(after.pieces, "none"), 2);
  EXPECT_EQ(count_of(after.pieces, "complete"), 1);
  EXPECT_EQ(after.review_count, 1);
  ASSERT_TRUE(after.review_oldest.has_value());
  EXPECT_EQ(*after.review_oldest, at("2024-10-13T11:00:00+02:00"));
  // Confirmed, then refused by the office: the state follows each change.
  ASSERT_TRUE(pieces_->confirm(account_of(first), first).ok());
  EXPECT_EQ(count_of(dashboard().pieces, "confirmed"), 1);
  ASSERT_TRUE(office_->review_piece(manager_, first, "identite", false, "Illisible").ok());
  services::Dashboard refused = dashboard();
  EXPECT_EQ(count_of(refused.pieces, "refused"), 1);
  EXPECT_EQ(count_of(refused.pieces, "confirmed"), 0);
  EXPECT_EQ(refused.review_count, 0);
}

TEST_P(PilotageTest, AnotherAcademySeesNothingAndRolesAreChecked) {
  clock_.set(at("2024-10-10T10:30:00+02:00"));
  registered_in("2025", "a@example.org");
  EXPECT_EQ(pilotage_->dashboard(elsewhere_, "2025", "").error().code, ErrorCode::not_found);
  EXPECT_EQ(pilotage_->dashboard(elsewhere_, "", "").error().code, ErrorCode::not_found);
  services::Actor editor{"e1", "Règles", "testia", services::kRulesEditor};
  EXPECT_EQ(pilotage_->dashboard(editor, "2025", "").error().code, ErrorCode::forbidden);
  // The auditor reads the figures but not the list of people to remind.
  EXPECT_TRUE(pilotage_->dashboard(auditor_, "2025", "").ok());
  EXPECT_EQ(pilotage_->reminder_candidates(auditor_, "2025", "", 7).error().code, ErrorCode::forbidden);
  EXPECT_EQ(pilotage_->dashboard(manager_, "1999", "").error().code, ErrorCode::not_found);
  EXPECT_EQ(pilotage_->dashboard(manager_, "2025", "inconnu").error().code, ErrorCode::not_found);
}

TEST_P(PilotageTest, ARemindedCandidateGetsOneMailADayAndItIsAudited) {
  clock_.set(at("2024-10-10T10:30:00+02:00"));
  const std::string a = registered_in("2025", "a@example.org");
  const std::string b = registered_in("2025", "b@example.org");
  // Eight days before the deadline: outside a 7-day list, inside a 10-day one.
  clock_.set(at("2024-11-05T18:00:00+01:00"));
  auto none = pilotage_->reminder_candidates(manager_, "2025", "", 7);
  ASSERT_TRUE(none.ok()) << none.error().message;
  EXPECT_TRUE(none->candidates.empty());
  auto list = pilotage_->reminder_candidates(manager_, "2025", "", 10);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->candidates.size(), 2u);
  EXPECT_EQ(list->candidates[0].pieces_state, "none");
  ASSERT_EQ(list->candidates[0].missing.size(), 1u);
  EXPECT_FALSE(list->candidates[0].reminded_today);
  EXPECT_EQ(pilotage_->reminder_candidates(manager_, "2025", "", 61).error().code, ErrorCode::validation_failed);

  auto preview = pilotage_->reminder_preview(manager_, a);
  ASSERT_TRUE(preview.ok()) << preview.error().message;
  EXPECT_EQ(preview->to, "a@example.org");
  EXPECT_NE(preview->text.find(list->candidates[0].missing[0]), std::string::npos) << preview->text;
  EXPECT_EQ(pilotage_->reminder_preview(elsewhere_, a).error().code, ErrorCode::not_found);

  auto sent = pilotage_->send_reminders(manager_, {a, "inconnue"});
  ASSERT_TRUE(sent.ok()) << sent.error().message;
  EXPECT_EQ(sent->sent, 1);
  ASSERT_EQ(sent->skipped.size(), 1u);
  EXPECT_EQ(sent->skipped[0].reason, "not_found");
  ASSERT_EQ(reminders_to("a@example.org").size(), 1u);
  EXPECT_EQ(reminders_to("a@example.org")[0].academy, "testia");
  EXPECT_EQ(audited("piece.remind").size(), 1u);

  // Later the same day (Paris): skipped; the list says so.
  clock_.set(at("2024-11-05T23:30:00+01:00"));
  auto again = pilotage_->send_reminders(manager_, {a});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->sent, 0);
  ASSERT_EQ(again->skipped.size(), 1u);
  EXPECT_EQ(again->skipped[0].reason, "already_today");
  EXPECT_EQ(reminders_to("a@example.org").size(), 1u);
  auto listed = pilotage_->reminder_candidates(manager_, "2025", "", 10);
  ASSERT_TRUE(listed.ok());
  for (const auto& c : listed->candidates) EXPECT_EQ(c.reminded_today, c.registration_id == a) << c.registration_number;
  // Another manager of another académie reaches nothing.
  auto foreign = pilotage_->send_reminders(elsewhere_, {b});
  ASSERT_TRUE(foreign.ok());
  EXPECT_EQ(foreign->sent, 0);
  EXPECT_TRUE(reminders_to("b@example.org").empty());
  // The next day, again.
  clock_.set(at("2024-11-06T08:00:00+01:00"));
  ASSERT_EQ(pilotage_->send_reminders(manager_, {a})->sent, 1);
  EXPECT_EQ(reminders_to("a@example.org").size(), 2u);
}

TEST_P(PilotageTest, TwoServersRemindingAtOnceSendOneMail) {
  clock_.set(at("2024-10-10T10:30:00+02:00"));
  const std::string a = registered_in("2025", "a@example.org");
  clock_.set(at("2024-11-10T10:00:00+01:00"));
  // Two services on two connections pools, as two servers on one database.
  std::unique_ptr<Database> other = open(4);
  services::PilotageService second(*other, clock_, *rules_, config_);
  std::atomic<int> total{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&, i] {
      auto r = (i % 2 ? second : *pilotage_).send_reminders(manager_, {a});
      if (r.ok()) total += r->sent;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(total.load(), 1);
  EXPECT_EQ(reminders_to("a@example.org").size(), 1u);
}

TEST_P(PilotageTest, ThePublicFigureIsAnonymousAndOnlyWhereTheAcademyPublishesIt) {
  clock_.set(at("2024-10-10T10:30:00+02:00"));
  for (int i = 0; i < 9; ++i) registered_in("2025", "c" + std::to_string(i) + "@example.org");
  auto few = pilotage_->public_figures("testia");
  ASSERT_TRUE(few.ok()) << few.error().message;
  ASSERT_EQ(few->sessions.size(), 1u);  // only the session open now
  EXPECT_EQ(few->sessions[0].session, "2025");
  EXPECT_FALSE(few->sessions[0].registrations.has_value());
  EXPECT_EQ(few->sessions[0].text, "Moins de 10 inscriptions enregistrées");

  // Cached: a tenth registration shows after the cache's time only (a new service here).
  registered_in("2025", "c9@example.org");
  EXPECT_FALSE(pilotage_->public_figures("testia")->sessions[0].registrations.has_value());
  services::PilotageService fresh(*db_, clock_, *rules_, config_);
  auto ten = fresh.public_figures("testia");
  ASSERT_TRUE(ten.ok());
  ASSERT_TRUE(ten->sessions[0].registrations.has_value());
  EXPECT_EQ(*ten->sessions[0].registrations, 10);
  EXPECT_EQ(ten->sessions[0].text, "10 inscriptions enregistrées");

  EXPECT_EQ(fresh.public_figures("nulle-part").error().code, ErrorCode::unknown_academy);
  use_rules(false);
  services::PilotageService unpublished(*db_, clock_, *rules_, config_);
  EXPECT_EQ(unpublished.public_figures("testia").error().code, ErrorCode::not_found);
}

TEST_P(PilotageTest, RegistrationsSavedBeforeTheStateWasKeptGetItFromTheJob) {
  clock_.set(at("2024-10-10T10:30:00+02:00"));
  const std::string a = registered_in("2025", "a@example.org");
  ASSERT_TRUE(db_->with_session([&](soci::session& s) {
    s << "UPDATE registrations SET piece_state = NULL";
    return Status::Ok();
  }).ok());
  EXPECT_EQ(count_of(dashboard().pieces, "unknown"), 1);
  auto n = pilotage_->fill_piece_states(1000);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 1);
  EXPECT_EQ(count_of(dashboard().pieces, "none"), 1);
  EXPECT_EQ(count_of(dashboard().pieces, "unknown"), -1);  // absent once every state is known
  EXPECT_EQ(*pilotage_->fill_piece_states(1000), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, PilotageTest, ::testing::Values(Backend::sqlite, Backend::postgresql), backend_name);

}  // namespace
}  // namespace guichet::testing
