// Deadlines as a person reads them, on both backends: every 409, mail, calendar and PDF says
// the instant the rules enforce ("avant le 20 novembre 2024" for midnight, "avant le 13
// novembre 2024 à 19 h 00" otherwise), never a day later, in the past tense once it has passed;
// and what a session's notice names: its own contact office and where postal mail goes.
#include <soci/soci.h>

#include <fstream>

#include "db/file_store.hpp"
#include "services/piece_service.hpp"
#include "tests/services/service_fixture.hpp"
#include "tests/support/run_command.hpp"

namespace guichet::testing {
namespace {

namespace json = boost::json;
namespace fs = std::filesystem;

bool has(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

size_t count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

// No old wording, no day after a midnight deadline.
void expect_no_wrong_day(const std::string& text) {
  EXPECT_FALSE(has(text, "au plus tard")) << text;
  EXPECT_FALSE(has(text, "21 novembre 2024")) << text;
  EXPECT_FALSE(has(text, "20/11/2024")) << text;
  EXPECT_FALSE(has(text, "21/11/2024")) << text;
  EXPECT_FALSE(has(text, "13/11/2024")) << text;
}

class DeadlineTexts : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    // The minimal rules plus a postal session whose notice names its office and its address.
    fs::copy(fs::path(GUICHET_SOURCE_DIR) / "tests/fixtures/minimal", rules_dir_.path(), fs::copy_options::recursive);
    std::ofstream(rules_dir_.path() / "academies" / "testia.lua", std::ios::app) << R"(
session {
  exam = "demo", session = "2026", title = "Session 2026",
  opens = "2024-10-10 10:00", closes = "2024-11-13 19:00",
  final_registration = { mode = "postal", deadline = "2024-11-20",
                         instructions = "Envoyez le récapitulatif signé {date_limite}." },
  postal_address = { "Rectorat de test", "Bureau des examens", "BP 625", "86022 Poitiers Cedex" },
  contact = { name = "Bureau des examens professionnels", phones = { "05.00.00.00.01" }, email = "bureau@example.org" },
  portal_url = "https://example.org",
}
)";
    auto sources = read_sources(rules_dir_.path());
    ASSERT_TRUE(sources.ok());
    ASSERT_TRUE(rules_->reload(*sources).activated);
    files_ = std::make_unique<db::FileStore>(*db_, dir_.path() / "files");
    pieces_ = std::make_unique<services::PieceService>(*db_, *files_, clock_, events_, *rules_, config_);
    me_ = active_account();
  }

  Result<json::object> create(const std::string& session) {
    return shown(registrations_->create(
        me_, {"testia", "demo", session, json::parse(R"({"speciality": "cuisine", "postal_code": "86000"})").as_object()},
        0));
  }

  std::string last_mail_text(const std::string& kind) {
    std::string text;
    for (const auto& m : mails())
      if (m.kind == kind) text = mail::testing::plain_text(m.message);
    return text;
  }

  TempDir rules_dir_{"deadline-rules"};
  std::unique_ptr<db::FileStore> files_;
  std::unique_ptr<services::PieceService> pieces_;
  std::string me_;
};

TEST_P(DeadlineTexts, TheWindowIsSaidInTheFutureBeforeAndInThePastAfter) {
  clock_.set(at("2024-10-10T09:59:59+02:00"));
  auto early = create("2025");
  ASSERT_EQ(early.error().code, ErrorCode::service_closed);
  EXPECT_TRUE(has(early.error().message, "n'est pas encore ouvert : il ouvrira le 10 octobre 2024 à 10 h 00"))
      << early.error().message;
  EXPECT_TRUE(has(early.error().message, "avant le 13 novembre 2024 à 19 h 00")) << early.error().message;

  clock_.set(at("2024-11-13T19:00:00+01:00"));
  auto late = create("2025");
  ASSERT_EQ(late.error().code, ErrorCode::service_closed);
  EXPECT_TRUE(has(late.error().message, "a fermé le 13 novembre 2024 à 19 h 00 : aucune inscription n'est plus reçue"))
      << late.error().message;
}

TEST_P(DeadlineTexts, ModificationsAndUploadsSayWhenTheyClosed) {
  auto r = create("2025");
  ASSERT_TRUE(r.ok()) << r.error().message;
  std::string id(r->at("id").as_string());
  clock_.set(at("2024-11-13T19:00:00+01:00"));
  auto m = shown(registrations_->modify(me_, id, json::parse(R"({"speciality": "cuisine", "postal_code": "86000"})").as_object(),
                                  std::nullopt, 0));
  ASSERT_EQ(m.error().code, ErrorCode::service_closed);
  EXPECT_TRUE(has(m.error().message, "ne sont plus possibles : elles ont fermé le 13 novembre 2024 à 19 h 00"))
      << m.error().message;
  auto up = pieces_->begin_upload(me_, id, "identite", "scan.pdf", std::nullopt);
  ASSERT_FALSE(up.ok());
  EXPECT_EQ(up.error().code, ErrorCode::pieces_frozen);
  EXPECT_TRUE(has(up.error().message, "Le dépôt des pièces a fermé le 13 novembre 2024 à 19 h 00"))
      << up.error().message;
  auto pdf = registrations_->summary_pdf(me_, id);
  EXPECT_TRUE(has(pdf.error().message, "depuis la clôture des inscriptions, le 13 novembre 2024 à 19 h 00"))
      << pdf.error().message;
}

TEST_P(DeadlineTexts, TheSavedMailSaysTheEnforcedDeadlinesAndTheContact) {
  auto upload = create("2025");
  ASSERT_TRUE(upload.ok()) << upload.error().message;
  std::string text = last_mail_text("registration_saved");
  EXPECT_TRUE(has(text, "vérifiez-le avant le 13 novembre 2024 à 19 h 00 (clôture des inscriptions)")) << text;
  EXPECT_TRUE(has(text, "« J'ai fourni toutes mes pièces » avant le 13 novembre 2024 à 19 h 00.")) << text;
  EXPECT_FALSE(has(text, "au plus tard")) << text;

  auto postal = create("2026");
  ASSERT_TRUE(postal.ok()) << postal.error().message;
  text = last_mail_text("registration_saved");
  EXPECT_TRUE(has(text, "avec les pièces justificatives demandées avant le 20 novembre 2024, à l'adresse suivante :"))
      << text;
  EXPECT_TRUE(has(text, "Rectorat de test\r\nBureau des examens\r\nBP 625\r\n86022 Poitiers Cedex")) << text;
  EXPECT_TRUE(has(text, "Bureau des examens professionnels")) << text;
  EXPECT_TRUE(has(text, "bureau@example.org")) << text;
  EXPECT_FALSE(has(text, "sud@example.org")) << text;
  expect_no_wrong_day(text);
  // The registration names the session's office to contact; the routed pole stays the file's.
  EXPECT_EQ(postal->at("contact").at("name").as_string(), "Bureau des examens professionnels");
  EXPECT_EQ(postal->at("pole").at("code").as_string(), "sud");
  EXPECT_EQ(upload->at("contact").at("name").as_string(), "Pôle sud");
  Error withdraw = registrations_->withdraw(me_, std::string(postal->at("id").as_string()));
  EXPECT_TRUE(has(withdraw.message, "Bureau des examens professionnels (bureau@example.org)")) << withdraw.message;
}

TEST_P(DeadlineTexts, APostalSessionsConflictSaysTheDeadlineOnceThenThatItExpired) {
  auto r = create("2026");
  ASSERT_TRUE(r.ok()) << r.error().message;
  std::string id(r->at("id").as_string());
  auto list = shown(pieces_->list(me_, id));
  ASSERT_EQ(list.error().code, ErrorCode::postal_session);
  const std::string& before = list.error().message;
  EXPECT_EQ(count(before, "20 novembre 2024"), 1u) << before;
  EXPECT_TRUE(has(before, "Envoyez le récapitulatif signé avant le 20 novembre 2024.")) << before;
  EXPECT_TRUE(has(before, "Rectorat de test, Bureau des examens, BP 625, 86022 Poitiers Cedex")) << before;
  expect_no_wrong_day(before);

  clock_.set(at("2024-11-20T00:00:00+01:00"));
  auto after = shown(pieces_->list(me_, id));
  ASSERT_EQ(after.error().code, ErrorCode::postal_session);
  EXPECT_TRUE(has(after.error().message, "elles devaient être envoyées par courrier avant le 20 novembre 2024 ; ce délai "
                                         "a expiré le 20 novembre 2024 à 0 h 00."))
      << after.error().message;
}

TEST_P(DeadlineTexts, TheCalendarPutsAMidnightDeadlineOnTheLastDayAllowed) {
  auto r = create("2026");
  ASSERT_TRUE(r.ok()) << r.error().message;
  auto ics = registrations_->calendar(me_, std::string(r->at("id").as_string()));
  ASSERT_TRUE(ics.ok());
  std::string unfolded;
  for (size_t i = 0; i < ics->bytes.size(); ++i) {
    if (ics->bytes.compare(i, 3, "\r\n ") == 0) {
      i += 2;
      continue;
    }
    unfolded += ics->bytes[i];
  }
  EXPECT_TRUE(has(unfolded, "DTSTART;VALUE=DATE:20241119\r\nDTEND;VALUE=DATE:20241120\r\n")) << unfolded;
  EXPECT_FALSE(has(unfolded, "20241120T000000")) << unfolded;
  EXPECT_TRUE(has(unfolded, "pièces justificatives avant le 20 novembre 2024 à : Rectorat de test\\, Bureau")) << unfolded;
  EXPECT_TRUE(has(unfolded, "DTSTART;TZID=Europe/Paris:20241113T190000")) << unfolded;
  EXPECT_TRUE(has(unfolded, "téléchargez votre récapitulatif avant le 13 novembre 2024 à 19 h 00.")) << unfolded;
  expect_no_wrong_day(unfolded);
}

TEST_P(DeadlineTexts, ThePdfSaysTheDeadlineTheAddressAndTheContact) {
  auto r = create("2026");
  ASSERT_TRUE(r.ok()) << r.error().message;
  auto pdf = registrations_->summary_pdf(me_, std::string(r->at("id").as_string()));
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  const fs::path path = dir_.path() / "recapitulatif.pdf";
  std::ofstream(path, std::ios::binary) << pdf->bytes;
  std::string text = run_command("pdftotext -enc UTF-8 '" + path.string() + "' - 2>/dev/null");
  std::string flat;  // lines joined: wrapping may fall anywhere
  for (char c : text) flat += c == '\n' ? ' ' : c;
  EXPECT_TRUE(has(flat, "par courrier avant le 20 novembre 2024, à l'adresse suivante :")) << text;
  for (const char* line : {"Rectorat de test", "Bureau des examens", "BP 625", "86022 Poitiers Cedex",
                           "Bureau des examens professionnels", "bureau@example.org"})
    EXPECT_TRUE(has(text, line)) << line << "\n" << text;
  expect_no_wrong_day(flat);
}

INSTANTIATE_TEST_SUITE_P(Backends, DeadlineTexts, ::testing::Values(Backend::sqlite, Backend::postgresql), backend_name);

}  // namespace
}  // namespace guichet::testing
