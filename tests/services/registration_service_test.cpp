// Registrations on both backends: the window to the second, residence, validation, one per
// session, numbers, versions and history, If-Match, isolation, withdrawal, outbox.
#include <soci/soci.h>

#include <thread>

#include "db/registrations_repository.hpp"
#include "tests/services/service_fixture.hpp"
#include "tests/support/run_command.hpp"

#include <cctype>
#include <fstream>

namespace guichet::testing {
namespace {

using namespace std::chrono_literals;
namespace json = boost::json;

class Registrations : public ServiceTest {
 protected:
  services::RegistrationRequest request(const char* answers = R"({"speciality": "cuisine", "postal_code": "86000"})") {
    return {"testia", "demo", "2025", json::parse(answers).as_object()};
  }
};

TEST_P(Registrations, OnlyInsideTheWindowToTheSecond) {
  std::string id = active_account();
  clock_.set(at("2024-10-10T09:59:59+02:00"));
  EXPECT_EQ(registrations_->create(id, request(), 0).error().code, ErrorCode::service_closed);
  clock_.set(at("2024-11-13T19:00:00+01:00"));
  auto late = shown(registrations_->create(id, request(), 0));
  EXPECT_EQ(late.error().code, ErrorCode::service_closed);
  // Closed: said in the past, at the hour the rules closed.
  EXPECT_NE(late.error().message.find("a fermé le 13 novembre 2024 à 19 h 00"), std::string::npos)
      << late.error().message;
  clock_.set(at("2024-11-13T18:59:59+01:00"));
  EXPECT_TRUE(registrations_->create(id, request(), 0).ok());
}

TEST_P(Registrations, SavedWithNumbersOfficePiecesAndTheRuleSetVersion) {
  std::string id = active_account();
  clock_.set(at("2024-11-01T10:00:00+01:00"));
  auto r = shown(registrations_->create(id, request(R"({"speciality": "cuisine", "postal_code": "86000", "exemption": true})"), 0));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->at("version").as_int64(), 1);
  EXPECT_EQ(r->at("status").as_string(), "registered");
  EXPECT_EQ(r->at("registration_number").as_string(), "A99-DEMO-2025-00001");
  EXPECT_EQ(r->at("candidate_number").as_string(), "990000001");
  EXPECT_EQ(r->at("pole").at("code").as_string(), "sud");
  EXPECT_EQ(r->at("pole").at("email").as_string(), "sud@example.org");
  ASSERT_EQ(r->at("pieces").as_array().size(), 2u);
  EXPECT_EQ(r->at("rule_set_version").as_string(), rules_->current()->version());
  EXPECT_EQ(mails().back().kind, "registration_saved");
  EXPECT_NE(std::find(seen_.begin(), seen_.end(), "registration.created"), seen_.end());
}

TEST_P(Registrations, OutsideTheAcademyOfResidenceIsWrongAcademy) {
  std::string id = active_account();
  auto r = shown(registrations_->create(id, request(R"({"speciality": "cuisine", "postal_code": "75001"})"), 0));
  ASSERT_EQ(r.error().code, ErrorCode::wrong_academy);
  EXPECT_EQ(r.error().fields.count("postal_code"), 1u);
  auto corsica = shown(registrations_->create(id, request(R"({"speciality": "cuisine", "postal_code": "20000"})"), 0));
  EXPECT_TRUE(corsica.ok()) << corsica.error().message;  // 2A is in testia
}

TEST_P(Registrations, MissingFieldsAreNamed) {
  std::string id = active_account();
  auto r = shown(registrations_->create(id, request(R"({"postal_code": "86000"})"), 0));
  ASSERT_EQ(r.error().code, ErrorCode::validation_failed);
  EXPECT_EQ(r.error().fields.count("speciality"), 1u);
  EXPECT_TRUE(mails().size() == 1u);  // only the activation mail: nothing saved
}

TEST_P(Registrations, OnePerCandidateAndSessionAndCandidateNumberIsStable) {
  std::string a = active_account("a@example.org");
  std::string b = active_account("b@example.org");
  auto first = shown(registrations_->create(a, request(), 0));
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(registrations_->create(a, request(), 0).error().code, ErrorCode::already_registered);
  auto other = shown(registrations_->create(b, request(), 0));
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(other->at("registration_number").as_string(), "A99-DEMO-2025-00002");
  EXPECT_NE(other->at("candidate_number"), first->at("candidate_number"));
}

TEST_P(Registrations, ConcurrentSignUpsGetDistinctNumbers) {
  std::vector<std::string> ids;
  for (int i = 0; i < 6; ++i) ids.push_back(active_account("c" + std::to_string(i) + "@example.org"));
  std::vector<std::thread> threads;
  std::vector<std::string> numbers(ids.size());
  // One Lua state per thread: give each its own rules worker.
  rules_ = std::make_unique<Rules>(RuleSetOptions{{}, static_cast<unsigned>(ids.size())}, clock_, nullptr);
  ASSERT_TRUE(rules_->load(*read_sources(std::string(GUICHET_SOURCE_DIR) + "/tests/fixtures/minimal")).activated);
  registrations_ = std::make_unique<services::RegistrationService>(*db_, clock_, events_, *rules_, config_);
  for (size_t i = 0; i < ids.size(); ++i)
    threads.emplace_back([&, i] {
      auto r = shown(registrations_->create(ids[i], request(), static_cast<unsigned>(i)));
      if (r.ok()) numbers[i] = std::string(r->at("registration_number").as_string());
    });
  for (auto& t : threads) t.join();
  std::set<std::string> distinct(numbers.begin(), numbers.end());
  EXPECT_EQ(distinct.size(), ids.size());
  EXPECT_EQ(distinct.count(""), 0u);
}

TEST_P(Registrations, AModificationIsANewVersionAndKeepsHistory) {
  std::string id = active_account();
  auto r = shown(registrations_->create(id, request(), 0));
  ASSERT_TRUE(r.ok());
  std::string rid(r->at("id").as_string());
  auto m = shown(registrations_->modify(id, rid, json::parse(R"({"speciality": "electricite", "postal_code": "86000"})").as_object(), 1, 0));
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(m->at("version").as_int64(), 2);
  EXPECT_EQ(m->at("pole").at("code").as_string(), "nord");
  EXPECT_EQ(m->at("registration_number"), r->at("registration_number"));
  EXPECT_EQ(mails().back().kind, "registration_modified");
  int versions = 0;
  ASSERT_TRUE(db_->with_session([&](soci::session& s) {
    versions = db::count_versions(s, rid);
    return Status::Ok();
  }).ok());
  EXPECT_EQ(versions, 2);
  // A stale If-Match is refused; none takes the latest.
  EXPECT_EQ(registrations_->modify(id, rid, request().answers, 1, 0).error().code, ErrorCode::stale_version);
  auto third = shown(registrations_->modify(id, rid, request().answers, std::nullopt, 0));
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->at("version").as_int64(), 3);
}

TEST_P(Registrations, ConcurrentModificationsLoseNothing) {
  std::string id = active_account();
  auto r = shown(registrations_->create(id, request(), 0));
  ASSERT_TRUE(r.ok());
  std::string rid(r->at("id").as_string());
  rules_ = std::make_unique<Rules>(RuleSetOptions{{}, 4}, clock_, nullptr);
  ASSERT_TRUE(rules_->load(*read_sources(std::string(GUICHET_SOURCE_DIR) + "/tests/fixtures/minimal")).activated);
  registrations_ = std::make_unique<services::RegistrationService>(*db_, clock_, events_, *rules_, config_);
  std::vector<std::thread> writers;
  std::atomic<int> ok{0};
  for (unsigned w = 0; w < 4; ++w)
    writers.emplace_back([&, w] {
      if (registrations_->modify(id, rid, request().answers, std::nullopt, w).ok()) ok++;
    });
  for (auto& t : writers) t.join();
  EXPECT_EQ(ok.load(), 4);
  EXPECT_EQ(shown(registrations_->get(id, rid))->at("version").as_int64(), 5);
  int versions = 0;
  ASSERT_TRUE(db_->with_session([&](soci::session& s) {
    versions = db::count_versions(s, rid);
    return Status::Ok();
  }).ok());
  EXPECT_EQ(versions, 5);  // every write kept as its own version
}

TEST_P(Registrations, NoModificationAfterTheEditsDeadline) {
  std::string id = active_account();
  auto r = shown(registrations_->create(id, request(), 0));
  ASSERT_TRUE(r.ok());
  clock_.set(at("2024-11-13T19:00:00+01:00"));
  auto m = shown(registrations_->modify(id, std::string(r->at("id").as_string()), request().answers, std::nullopt, 0));
  EXPECT_EQ(m.error().code, ErrorCode::service_closed);
}

TEST_P(Registrations, AnotherCandidateSeesNothing) {
  std::string a = active_account("a@example.org");
  std::string b = active_account("b@example.org");
  auto r = shown(registrations_->create(a, request(), 0));
  ASSERT_TRUE(r.ok());
  std::string rid(r->at("id").as_string());
  EXPECT_EQ(registrations_->get(b, rid).error().code, ErrorCode::not_found);
  EXPECT_EQ(registrations_->modify(b, rid, request().answers, std::nullopt, 0).error().code, ErrorCode::not_found);
  EXPECT_EQ(registrations_->summary_pdf(b, rid).error().code, ErrorCode::not_found);
  EXPECT_EQ(registrations_->withdraw(b, rid).code, ErrorCode::not_found);
  EXPECT_TRUE(registrations_->list(b)->empty());
  EXPECT_EQ(registrations_->list(a)->size(), 1u);
}

TEST_P(Registrations, WithdrawalIsForTheOfficeAndSaysWhich) {
  std::string id = active_account();
  auto r = shown(registrations_->create(id, request(), 0));
  Error e = registrations_->withdraw(id, std::string(r->at("id").as_string()));
  EXPECT_EQ(e.code, ErrorCode::withdrawal_by_office_only);
  EXPECT_NE(e.message.find("Pôle sud"), std::string::npos) << e.message;
}

TEST_P(Registrations, TheSummaryIsAPdfUntilTheCloseOnly) {
  std::string id = active_account();
  auto r = shown(registrations_->create(id, request(), 0));
  std::string rid(r->at("id").as_string());
  auto pdf = registrations_->summary_pdf(id, rid);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  EXPECT_EQ(pdf->bytes.rfind("%PDF", 0), 0u);
  clock_.set(at("2024-11-13T19:00:00+01:00"));
  EXPECT_EQ(registrations_->summary_pdf(id, rid).error().code, ErrorCode::document_unavailable);
}

// What the candidate checks: every answer under its tab, labels rather than codes, named by
// registration number and version.
TEST_P(Registrations, TheSummaryPrintsEveryAnswerAndIsNamedByNumberAndVersion) {
  std::string id = active_account();
  auto r = shown(registrations_->create(id, request(R"({"speciality": "electricite", "postal_code": "86000"})"), 0));
  ASSERT_TRUE(r.ok()) << r.error().message;
  std::string rid(r->at("id").as_string());
  auto first = registrations_->summary_pdf(id, rid);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->file_name, "recapitulatif-A99-DEMO-2025-00001-v1.pdf");
  auto text = [&](const std::string& bytes) {
    const auto path = dir_.path() / "recap.pdf";
    std::ofstream(path, std::ios::binary) << bytes;
    std::string out;
    for (char c : run_command("pdftotext -enc UTF-8 -layout '" + path.string() + "' - 2>/dev/null"))
      if (!std::isspace(static_cast<unsigned char>(c))) out += c;
    return out;
  };
  std::string v1 = text(first->bytes);
  EXPECT_NE(v1.find("Vosréponses"), std::string::npos) << v1;
  EXPECT_NE(v1.find("Candidature"), std::string::npos) << v1;  // the tab
  EXPECT_NE(v1.find("Électricité"), std::string::npos) << v1;  // the speciality's label
  EXPECT_EQ(v1.find("electricite"), std::string::npos) << v1;  // not its code
  EXPECT_NE(v1.find("DispenseNon"), std::string::npos) << v1;  // an unticked checkbox

  ASSERT_TRUE(registrations_->modify(id, rid, json::parse(R"({"speciality": "cuisine", "postal_code": "86000",
      "exemption": true})").as_object(), std::nullopt, 0).ok());
  auto second = registrations_->summary_pdf(id, rid);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->file_name, "recapitulatif-A99-DEMO-2025-00001-v2.pdf");
  std::string v2 = text(second->bytes);
  EXPECT_NE(v2.find("DispenseOui"), std::string::npos) << v2;
  EXPECT_NE(v2.find("SpécialitéCuisine"), std::string::npos) << v2;
}

INSTANTIATE_TEST_SUITE_P(Backends, Registrations, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         backend_name);

}  // namespace
}  // namespace guichet::testing
