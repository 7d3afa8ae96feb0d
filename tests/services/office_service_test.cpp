// The exam office's services on both backends, below HTTP: search (filters, paging, the
// actor's académie only), withdrawal, identity correction, derogation, piece review and
// publication, each checked in what it returns, what it stores and what it audits.
#include <date/tz.h>

#include "tests/services/office_fixture.hpp"

namespace guichet::testing {
namespace {

namespace fs = std::filesystem;

std::string pdf(const std::string& text) { return "%PDF-1.4\n" + text; }

using Office = OfficeTest;

TEST_P(Office, SearchFiltersPagesAndKeepsToTheActorsAcademy) {
  registered("a.martin@example.org");
  registered("b.martin@example.org");
  registered("c.martin@example.org", R"({"speciality": "cuisine", "postal_code": "86000", "exemption": true})");

  services::RegistrationFilter f;
  f.limit = 2;
  auto first = office_->search(manager_, f);
  ASSERT_TRUE(first.ok()) << first.error().message;
  ASSERT_EQ(first->registrations.size(), 2u);
  EXPECT_EQ(first->registrations[0].registration_number, "A99-DEMO-2025-00001");
  EXPECT_EQ(first->registrations[1].registration_number, "A99-DEMO-2025-00002");
  ASSERT_TRUE(first->next.has_value());
  EXPECT_EQ(*first->next, "A99-DEMO-2025-00002");
  ASSERT_NE(first->zone, nullptr);
  EXPECT_EQ(first->zone->name(), "Europe/Paris");
  const auto& hit = first->registrations[0];
  EXPECT_EQ(hit.last_name, "Martin");
  EXPECT_EQ(hit.email, "a.martin@example.org");
  EXPECT_EQ(hit.status, "registered");
  EXPECT_EQ(hit.pole, "sud");
  EXPECT_EQ(hit.version, 1);
  EXPECT_FALSE(hit.pieces_confirmed_at.has_value());

  f.after = *first->next;
  auto second = office_->search(manager_, f);
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->registrations.size(), 1u);
  EXPECT_EQ(second->registrations[0].email, "c.martin@example.org");
  EXPECT_FALSE(second->next.has_value());  // a short page is the last

  services::RegistrationFilter by_number;
  by_number.text = "a99-demo-2025-00003";
  EXPECT_EQ(all(manager_, by_number).size(), 1u);
  services::RegistrationFilter by_name;
  by_name.text = "MART";
  EXPECT_EQ(all(manager_, by_name).size(), 3u);
  services::RegistrationFilter nobody;
  nobody.text = "Dupont";
  EXPECT_TRUE(all(manager_, nobody).empty());

  // Another académie's office sees none of them; a rules editor may not search.
  EXPECT_TRUE(all(elsewhere_).empty());
  services::Actor editor{"e1", "Règles", "testia", services::kRulesEditor};
  EXPECT_EQ(office_->search(editor, {}).error().code, ErrorCode::forbidden);
  services::RegistrationFilter bad;
  bad.limit = 0;
  bad.pieces = "perdues";
  auto refused = office_->search(manager_, bad);
  ASSERT_EQ(refused.error().code, ErrorCode::validation_failed);
  EXPECT_EQ(refused.error().fields.count("limit"), 1u);
  EXPECT_EQ(refused.error().fields.count("pieces"), 1u);
}

TEST_P(Office, AWithdrawalIsAVersionByTheStaffMemberAuditedAndMailed) {
  services::Actor agent = staff("gestion@example.org", services::kManager);
  std::string id = registered("elodie@example.org");
  EXPECT_EQ(office_->withdraw(agent, id, "").error().code, ErrorCode::validation_failed);
  EXPECT_EQ(office_->withdraw(elsewhere_, id, "Demande du candidat").error().code, ErrorCode::not_found);
  services::Actor auditor{"a2", "Audit", "testia", services::kAuditor};
  EXPECT_EQ(office_->withdraw(auditor, id, "Demande du candidat").error().code, ErrorCode::forbidden);

  clock_.set(at("2024-11-05T09:30:00+01:00"));
  ASSERT_TRUE(office_->withdraw(agent, id, "Demande du candidat").ok());
  EXPECT_EQ(office_->withdraw(agent, id, "Encore").error().code, ErrorCode::conflict);
  EXPECT_EQ(mails().back().kind, "registration_withdrawn");
  EXPECT_NE(std::find(seen_.begin(), seen_.end(), "registration.withdrawn"), seen_.end());

  services::RegistrationFilter withdrawn;
  withdrawn.status = "withdrawn";
  ASSERT_EQ(all(manager_, withdrawn).size(), 1u);
  EXPECT_EQ(all(manager_, withdrawn)[0].version, 2);

  auto history = office_->history(manager_, id);
  ASSERT_TRUE(history.ok()) << history.error().message;
  ASSERT_EQ(history->versions.size(), 2u);
  EXPECT_TRUE(history->versions[0].by_candidate);
  const auto& last = history->versions[1];
  EXPECT_FALSE(last.by_candidate);
  EXPECT_EQ(last.staff_id, agent.id);
  EXPECT_EQ(last.staff_name, "Agent gestion@example.org");
  EXPECT_EQ(last.reason, "Demande du candidat");
  EXPECT_EQ(last.saved_at, at("2024-11-05T09:30:00+01:00"));
  EXPECT_EQ(office_->history(elsewhere_, id).error().code, ErrorCode::not_found);

  auto entries = audited("registration.withdraw");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].actor_id, agent.id);
  EXPECT_EQ(entries[0].target_id, id);
  EXPECT_EQ(entries[0].reason, "Demande du candidat");
}

TEST_P(Office, AnIdentityCorrectionIsCheckedStoredFoundAndAudited) {
  std::string id = registered("elodie@example.org");
  services::IdentityCorrection bad;
  bad.birth_date = "12/03/2001";
  bad.nationality = "martienne";
  bad.reason = "Erreur de saisie";
  auto refused = office_->correct_identity(manager_, id, bad);
  ASSERT_EQ(refused.error().code, ErrorCode::validation_failed);
  EXPECT_EQ(refused.error().fields.count("birth_date"), 1u);
  EXPECT_EQ(refused.error().fields.count("nationality"), 1u);

  services::IdentityCorrection c;
  c.last_name = "Martin-Dupuis";
  c.reason = "Nom d'usage";
  EXPECT_EQ(office_->correct_identity(elsewhere_, id, c).error().code, ErrorCode::not_found);
  auto done = office_->correct_identity(manager_, id, c);
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_EQ(done->last_name, "Martin-Dupuis");
  EXPECT_EQ(done->first_name, "Élodie");        // what was not given is kept
  EXPECT_EQ(done->birth_date, "2001-03-12");
  EXPECT_EQ(done->nationality, "francaise");

  services::RegistrationFilter by_name;
  by_name.text = "martin-dup";
  ASSERT_EQ(all(manager_, by_name).size(), 1u);  // the search keys follow
  EXPECT_EQ(all(manager_, by_name)[0].last_name, "Martin-Dupuis");
  auto entries = audited("candidate.correct_identity");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_NE(entries[0].before_json.find("\"Martin\""), std::string::npos);
  EXPECT_NE(entries[0].after_json.find("\"Martin-Dupuis\""), std::string::npos);
}

TEST_P(Office, ADerogationLetsOneCandidateRegisterAfterTheClose) {
  std::string late = active_account("tard@example.org");
  clock_.set(at("2024-11-20T10:00:00+01:00"));  // the window closed on the 13th
  services::DerogationRequest d{"tard@example.org", "demo", "2025", at("2024-11-25T18:00:00+01:00"), "Hospitalisation"};
  EXPECT_EQ(office_->grant_derogation(manager_, {"personne@example.org", "demo", "2025", d.until, "x"}).error().code,
            ErrorCode::not_found);
  EXPECT_EQ(office_->grant_derogation(manager_, {d.email, "demo", "2025", at("2024-11-19T10:00:00+01:00"), "x"})
                .error().code, ErrorCode::validation_failed);
  EXPECT_EQ(office_->grant_derogation(manager_, {d.email, "demo", "2025", d.until, ""}).error().code, ErrorCode::validation_failed);
  auto refused = registrations_->create(late, {"testia", "demo", "2025",
                                               boost::json::parse(R"({"speciality": "cuisine", "postal_code": "86000"})").as_object()}, 0);
  EXPECT_EQ(refused.error().code, ErrorCode::service_closed);

  auto granted = office_->grant_derogation(manager_, d);
  ASSERT_TRUE(granted.ok()) << granted.error().message;
  EXPECT_EQ(granted->account_id, late);
  EXPECT_EQ(granted->email, "tard@example.org");
  EXPECT_EQ(granted->until, d.until);
  ASSERT_NE(granted->zone, nullptr);
  EXPECT_EQ(granted->zone->name(), "Europe/Paris");
  auto now_open = registrations_->create(late, {"testia", "demo", "2025",
                                                boost::json::parse(R"({"speciality": "cuisine", "postal_code": "86000"})").as_object()}, 0);
  EXPECT_TRUE(now_open.ok()) << now_open.error().message;
  EXPECT_EQ(audited("registration.derogation").size(), 1u);
}

TEST_P(Office, PiecesAreFoundToReviewThenRejected) {
  std::string id = registered("elodie@example.org");
  services::RegistrationFilter to_review, rejected;
  to_review.pieces = "to_review";
  rejected.pieces = "rejected";
  EXPECT_TRUE(all(manager_, to_review).empty());

  // The candidate uploads a file (the account is the registration's).
  std::string candidate;
  ASSERT_TRUE(db_->with_session([&](soci::session& s) {
    s << "SELECT account_id FROM registrations WHERE id = :id", soci::use(id), soci::into(candidate);
    return Status::Ok();
  }).ok());
  auto up = pieces_->begin_upload(candidate, id, "identite", "carte.pdf", std::nullopt);
  ASSERT_TRUE(up.ok()) << up.error().message;
  ASSERT_TRUE((*up)->append(pdf("carte d'identité")).ok());
  ASSERT_TRUE((*up)->finish().ok());
  EXPECT_EQ(all(manager_, to_review).size(), 1u);

  EXPECT_EQ(office_->review_piece(manager_, id, "identite", false, std::string(1001, 'x')).error().code,
            ErrorCode::validation_failed);
  EXPECT_EQ(office_->review_piece(elsewhere_, id, "identite", false, "Illisible").error().code, ErrorCode::not_found);
  ASSERT_TRUE(office_->review_piece(manager_, id, "identite", false, "Illisible").ok());
  EXPECT_TRUE(all(manager_, to_review).empty());  // judged since it arrived
  EXPECT_EQ(all(manager_, rejected).size(), 1u);
  EXPECT_TRUE(office_->pieces(manager_, id).ok());
  auto entries = audited("piece.review");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].reason, "Illisible");
  EXPECT_NE(entries[0].after_json.find("rejected"), std::string::npos);
}

TEST_P(Office, DocumentsArePublishedInVersionsOfTheDeclaredTypes) {
  std::string id = registered("elodie@example.org");
  auto unknown = office_->publish(manager_, id, "diplome", pdf("x"), "diplome.pdf");
  ASSERT_EQ(unknown.error().code, ErrorCode::validation_failed);
  EXPECT_NE(unknown.error().message.find("convocation (Convocation)"), std::string::npos) << unknown.error().message;
  EXPECT_EQ(office_->publish(elsewhere_, id, "convocation", pdf("x"), "c.pdf").error().code, ErrorCode::not_found);

  clock_.set(at("2024-11-02T08:00:00+01:00"));
  auto v1 = office_->publish(manager_, id, "convocation", pdf("convocation 1"), "convocation.pdf");
  ASSERT_TRUE(v1.ok()) << v1.error().message;
  EXPECT_EQ(*v1, 1);
  EXPECT_EQ(mails().back().kind, "document_published");
  auto v2 = office_->publish(manager_, id, "convocation", pdf("convocation 2"), "convocation.pdf");
  ASSERT_TRUE(v2.ok());
  EXPECT_EQ(*v2, 2);

  auto docs = office_->documents(manager_, id);
  ASSERT_TRUE(docs.ok()) << docs.error().message;
  ASSERT_EQ(docs->documents.size(), 2u);  // every version
  for (const auto& d : docs->documents) {
    EXPECT_EQ(d.type, "convocation");
    EXPECT_EQ(d.title, "Convocation");
    EXPECT_EQ(d.file_name, "convocation.pdf");
    EXPECT_EQ(d.published_by, "staff:" + manager_.id);
    EXPECT_EQ(d.published_at, at("2024-11-02T08:00:00+01:00"));
  }
  EXPECT_EQ(docs->zone->name(), "Europe/Paris");
  EXPECT_EQ(audited("document.publish").size(), 2u);
}

TEST_P(Office, AFolderIsPublishedFileByFileAndEachRefusalIsSaid) {
  registered("elodie@example.org");
  std::string number = all(manager_)[0].registration_number;
  fs::path folder = dir_.path() / "convocations";
  fs::create_directories(folder);
  std::ofstream(folder / (number + ".pdf"), std::ios::binary) << pdf("convocation");
  std::ofstream(folder / "A99-DEMO-2025-99999.pdf", std::ios::binary) << pdf("personne");
  std::ofstream(folder / "lisez-moi.txt") << "rien";

  EXPECT_EQ(office_->publish_folder(manager_, "diplome", folder.string()).error().code, ErrorCode::validation_failed);
  services::Actor auditor{"a2", "Audit", "testia", services::kAuditor};
  EXPECT_EQ(office_->publish_folder(auditor, "convocation", folder.string()).error().code, ErrorCode::forbidden);
  auto report = office_->publish_folder(manager_, "convocation", folder.string());
  ASSERT_TRUE(report.ok()) << report.error().message;
  ASSERT_EQ(report->published.size(), 1u);
  EXPECT_EQ(report->published[0].file, number + ".pdf");
  EXPECT_EQ(report->published[0].registration_number, number);
  EXPECT_EQ(report->published[0].version, 1);
  ASSERT_EQ(report->refused.size(), 2u);
  EXPECT_EQ(report->refused[0].file, "A99-DEMO-2025-99999.pdf");
  EXPECT_NE(report->refused[0].message.find("A99-DEMO-2025-99999"), std::string::npos);
  EXPECT_EQ(report->refused[1].file, "lisez-moi.txt");

  // The other académie's office cannot publish to this one's registrations.
  auto elsewhere = office_->publish_folder(elsewhere_, "convocation", folder.string());
  ASSERT_TRUE(elsewhere.ok()) << elsewhere.error().message;
  EXPECT_TRUE(elsewhere->published.empty());
  EXPECT_EQ(elsewhere->refused.size(), 3u);
}

INSTANTIATE_TEST_SUITE_P(Backends, Office, ::testing::Values(Backend::sqlite, Backend::postgresql), backend_name);

}  // namespace
}  // namespace guichet::testing
