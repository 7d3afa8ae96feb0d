// "Mes justificatifs" and published documents on both backends: states, limits, content
// sniffing, confirmation and freeze, rejection reopening one piece, modifications changing the
// list, postal sessions, reminders sent once by two servers, storage failures losing nothing.
#include <soci/soci.h>

#include <fstream>
#include <thread>

#include "db/file_store.hpp"
#include "services/document_service.hpp"
#include "services/piece_service.hpp"
#include "tests/services/service_fixture.hpp"

namespace guichet::testing {
namespace {

namespace json = boost::json;
namespace fs = std::filesystem;

std::string pdf(std::size_t size = 4000, char fill = 'x') {
  std::string out = "%PDF-1.4\n";
  out.resize(size, fill);
  return out;
}
std::string png(std::size_t size = 3000) {
  std::string out("\x89PNG\r\n\x1a\n", 8);
  out.resize(size, 'p');
  return out;
}
std::string executable() {
  std::string out("MZ\x90\x00\x03\x00\x00\x00", 8);
  out.resize(5000, '\x00');
  return out;
}

class Pieces : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    files_ = std::make_unique<db::FileStore>(*db_, dir_.path() / "files");
    pieces_ = std::make_unique<services::PieceService>(*db_, *files_, clock_, events_, *rules_, config_);
    documents_ = std::make_unique<services::DocumentService>(*db_, *files_, clock_, events_, *rules_);
    me_ = active_account();
  }

  std::string register_me(const char* answers = R"({"speciality": "cuisine", "postal_code": "86000"})",
                           const std::string& session = "2025", const std::string& account = "") {
    auto r = shown(registrations_->create(account.empty() ? me_ : account,
                                    {"testia", "demo", session, json::parse(answers).as_object()}, 0));
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? std::string(r->at("id").as_string()) : "";
  }

  // Streams `bytes` in 64 KiB writes, as the HTTP layer does.
  Result<json::object> upload(const std::string& reg, const std::string& code, const std::string& bytes,
                              const std::string& name = "scan.pdf", const std::string& account = "") {
    auto up = pieces_->begin_upload(account.empty() ? me_ : account, reg, code, name, std::nullopt);
    if (!up.ok()) return up.error();
    for (std::size_t at = 0; at < bytes.size(); at += 64 * 1024)
      if (Status st = (*up)->append(std::string_view(bytes).substr(at, 64 * 1024)); !st.ok()) return st.error();
    return shown((*up)->finish());
  }

  const json::object& piece(const json::object& list, const std::string& code) {
    for (const auto& p : list.at("pieces").as_array())
      if (p.at("code").as_string() == code) return p.as_object();
    ADD_FAILURE() << "no piece " << code;
    static json::object none;
    return none;
  }

  long long stored_files() { return query_int(*db_, "SELECT COUNT(*) FROM stored_files"); }

  std::unique_ptr<db::FileStore> files_;
  std::unique_ptr<services::PieceService> pieces_;
  std::unique_ptr<services::DocumentService> documents_;
  std::string me_;
};

TEST_P(Pieces, EveryRequiredPieceStartsMissingWithTheDeadlineAndLimits) {
  std::string reg = register_me(R"({"speciality": "cuisine", "postal_code": "86000", "exemption": true})");
  auto list = shown(pieces_->list(me_, reg));
  ASSERT_TRUE(list.ok()) << list.error().message;
  ASSERT_EQ(list->at("pieces").as_array().size(), 2u);
  EXPECT_EQ(piece(*list, "identite").at("state").as_string(), "missing");
  EXPECT_EQ(piece(*list, "diplome").at("state").as_string(), "missing");
  EXPECT_EQ(list->at("deadline").as_string(), "2024-11-13T19:00:00+01:00");
  EXPECT_FALSE(list->at("confirmed").as_bool());
  EXPECT_FALSE(list->at("complete").as_bool());
  EXPECT_EQ(list->at("limits").at("max_file_bytes").as_uint64(), 10u * 1024 * 1024);
  EXPECT_EQ(list->at("limits").at("accepted_types").as_array().size(), 3u);
}

TEST_P(Pieces, SeveralFilesPerPieceWithHashAndSafeNamesReadBackWhole) {
  std::string reg = register_me();
  const std::string front = pdf(300 * 1024, 'a'), back = png(200 * 1024);
  auto one = upload(reg, "identite", front, "../../etc/recto carte.pdf");
  ASSERT_TRUE(one.ok()) << one.error().message;
  EXPECT_EQ(one->at("file").at("name").as_string(), "recto carte.pdf");
  EXPECT_EQ(one->at("file").at("content_type").as_string(), "application/pdf");
  EXPECT_EQ(one->at("file").at("sha256").as_string().size(), 64u);
  auto two = upload(reg, "identite", back, "verso.exe");
  ASSERT_TRUE(two.ok()) << two.error().message;
  EXPECT_EQ(two->at("file").at("name").as_string(), "verso.exe.png");
  auto list = shown(pieces_->list(me_, reg));
  ASSERT_TRUE(list.ok());
  const auto& id = piece(*list, "identite");
  EXPECT_EQ(id.at("state").as_string(), "received");
  ASSERT_EQ(id.at("files").as_array().size(), 2u);
  EXPECT_TRUE(list->at("complete").as_bool());
  auto read_back = pieces_->file(me_, reg, std::string(one->at("file").at("id").as_string()));
  ASSERT_TRUE(read_back.ok());
  EXPECT_TRUE(read_back->bytes == front);
  EXPECT_EQ(read_back->content_type, "application/pdf");
  EXPECT_NE(std::find(seen_.begin(), seen_.end(), "pieces.uploaded"), seen_.end());
}

TEST_P(Pieces, TheContentDecidesNotTheName) {
  std::string reg = register_me();
  auto exe = upload(reg, "identite", executable(), "carte.pdf");
  ASSERT_FALSE(exe.ok());
  EXPECT_EQ(exe.error().code, ErrorCode::unsupported_file_type);
  EXPECT_NE(exe.error().message.find("PDF, JPEG ou PNG"), std::string::npos) << exe.error().message;
  EXPECT_EQ(upload(reg, "identite", "", "vide.pdf").error().code, ErrorCode::unsupported_file_type);
  EXPECT_EQ(stored_files(), 0);
  EXPECT_EQ(piece(*shown(pieces_->list(me_, reg)), "identite").at("state").as_string(), "missing");
}

TEST_P(Pieces, SizeLimitsAreCheckedBeforeAndWhileReading) {
  std::string reg = register_me();
  auto declared = pieces_->begin_upload(me_, reg, "identite", "gros.pdf", 10ull * 1024 * 1024 + 1);
  EXPECT_EQ(declared.error().code, ErrorCode::file_too_large);
  auto streamed = upload(reg, "identite", pdf(10 * 1024 * 1024 + 10));
  EXPECT_EQ(streamed.error().code, ErrorCode::file_too_large);
  EXPECT_EQ(stored_files(), 0);
  EXPECT_TRUE(upload(reg, "identite", pdf(10 * 1024 * 1024)).ok());  // exactly the limit
}

TEST_P(Pieces, AnUnrequestedPieceIsRefused) {
  std::string reg = register_me();  // no exemption: no diplome
  EXPECT_EQ(upload(reg, "diplome", pdf()).error().code, ErrorCode::unknown_piece);
  EXPECT_EQ(upload(reg, "../identite", pdf()).error().code, ErrorCode::unknown_piece);
}

// The agenda file: each event says what it is for; the pieces' reminder goes once they are
// confirmed (the event stays, saying there is nothing left to do).
TEST_P(Pieces, TheCalendarDropsThePiecesReminderOnceConfirmed) {
  std::string reg = register_me();
  auto before = registrations_->calendar(me_, reg);
  ASSERT_TRUE(before.ok()) << before.error().message;
  EXPECT_EQ(before->file_name, "inscription-A99-DEMO-2025-00001.ics");
  auto unfolded = [](std::string ics) {  // RFC 5545 folding undone
    std::string out;
    for (std::size_t i = 0; i < ics.size(); ++i) {
      if (ics.compare(i, 3, "\r\n ") == 0) {
        i += 2;
        continue;
      }
      out += ics[i];
    }
    return out;
  };
  auto count = [](const std::string& text, const std::string& what) {
    int n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
  };
  const std::string open = unfolded(before->bytes);
  EXPECT_EQ(count(open, "BEGIN:VALARM"), 3) << open;
  EXPECT_NE(open.find("Inscription A99-DEMO-2025-00001 — Examen de démonstration (session 2025)."), std::string::npos)
      << open;
  EXPECT_NE(open.find("Le service d'inscription ferme"), std::string::npos) << open;
  EXPECT_NE(open.find("DESCRIPTION:Demain : Date limite de dépôt des pièces"), std::string::npos) << open;

  ASSERT_TRUE(upload(reg, "identite", pdf()).ok());
  ASSERT_TRUE(pieces_->confirm(me_, reg).ok());
  const std::string done = unfolded(registrations_->calendar(me_, reg)->bytes);
  EXPECT_EQ(count(done, "BEGIN:VALARM"), 2) << done;
  EXPECT_EQ(done.find("Demain : Date limite de dépôt des pièces"), std::string::npos) << done;
  EXPECT_NE(done.find("Vous avez confirmé vos pièces le 01/11/2024 : rien d'autre à faire"), std::string::npos)
      << done;
  EXPECT_EQ(count(done, "BEGIN:VEVENT"), 3);
}

TEST_P(Pieces, TheFileCountPerPieceIsCapped) {
  std::string reg = register_me();
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(upload(reg, "identite", pdf()).ok());
  EXPECT_EQ(upload(reg, "identite", pdf()).error().code, ErrorCode::too_many_files);
}

TEST_P(Pieces, ConfirmationListsWhatIsMissingThenFreezesTheSet) {
  std::string reg = register_me(R"({"speciality": "cuisine", "postal_code": "86000", "exemption": true})");
  ASSERT_TRUE(upload(reg, "identite", pdf()).ok());
  auto refused = shown(pieces_->confirm(me_, reg));
  ASSERT_EQ(refused.error().code, ErrorCode::pieces_missing);
  EXPECT_EQ(refused.error().fields.size(), 1u);
  EXPECT_EQ(refused.error().fields.at("diplome"), "Pièce manquante : Diplôme");
  auto second = upload(reg, "diplome", pdf());
  ASSERT_TRUE(second.ok());
  auto confirmed = shown(pieces_->confirm(me_, reg));
  ASSERT_TRUE(confirmed.ok()) << confirmed.error().message;
  EXPECT_TRUE(confirmed->at("confirmed").as_bool());
  EXPECT_TRUE(confirmed->at("frozen").as_bool());
  // Frozen: no upload, no removal, no second confirmation.
  EXPECT_EQ(upload(reg, "identite", pdf()).error().code, ErrorCode::pieces_frozen);
  std::string file_id(second->at("file").at("id").as_string());
  EXPECT_EQ(pieces_->remove_file(me_, reg, "diplome", file_id).error().code, ErrorCode::pieces_frozen);
  EXPECT_EQ(pieces_->confirm(me_, reg).error().code, ErrorCode::pieces_frozen);
  EXPECT_EQ(stored_files(), 2);
}

TEST_P(Pieces, AFileIsRemovedBeforeConfirmationBytesIncluded) {
  std::string reg = register_me();
  auto up = upload(reg, "identite", pdf());
  ASSERT_TRUE(up.ok());
  std::string file_id(up->at("file").at("id").as_string());
  EXPECT_EQ(pieces_->remove_file(me_, reg, "diplome", file_id).error().code, ErrorCode::not_found);
  ASSERT_TRUE(pieces_->remove_file(me_, reg, "identite", file_id).ok());
  EXPECT_EQ(piece(*shown(pieces_->list(me_, reg)), "identite").at("state").as_string(), "missing");
  EXPECT_EQ(stored_files(), 0);
  EXPECT_EQ(pieces_->file(me_, reg, file_id).error().code, ErrorCode::not_found);
}

TEST_P(Pieces, TheDeadlineFreezesTheSetToTheSecond) {
  std::string reg = register_me();
  clock_.set(at("2024-11-13T18:59:59+01:00"));
  ASSERT_TRUE(upload(reg, "identite", pdf()).ok());
  clock_.set(at("2024-11-13T19:00:00+01:00"));
  auto late = upload(reg, "identite", pdf());
  ASSERT_EQ(late.error().code, ErrorCode::pieces_frozen);
  EXPECT_NE(late.error().message.find("a fermé le 13 novembre 2024 à 19 h 00"), std::string::npos)
      << late.error().message;
  EXPECT_EQ(pieces_->confirm(me_, reg).error().code, ErrorCode::pieces_frozen);
}

TEST_P(Pieces, ARejectionReopensThatPieceAlone) {
  std::string reg = register_me(R"({"speciality": "cuisine", "postal_code": "86000", "exemption": true})");
  ASSERT_TRUE(upload(reg, "identite", pdf()).ok());
  ASSERT_TRUE(upload(reg, "diplome", pdf()).ok());
  ASSERT_TRUE(pieces_->confirm(me_, reg).ok());
  ASSERT_TRUE(pieces_->review(reg, "diplome", true, "", "gestionnaire").ok());
  clock_.advance(std::chrono::minutes(5));
  ASSERT_TRUE(pieces_->review(reg, "identite", false, "Pièce illisible.", "gestionnaire").ok());
  EXPECT_EQ(mails().back().kind, "piece_rejected");
  EXPECT_NE(mails().back().message.find("illisible"), std::string::npos);
  auto list = shown(pieces_->list(me_, reg));
  EXPECT_EQ(piece(*list, "identite").at("state").as_string(), "rejected");
  EXPECT_EQ(piece(*list, "identite").at("reason").as_string(), "Pièce illisible.");
  EXPECT_TRUE(piece(*list, "identite").at("editable").as_bool());
  EXPECT_EQ(piece(*list, "diplome").at("state").as_string(), "accepted");
  EXPECT_FALSE(piece(*list, "diplome").at("editable").as_bool());
  EXPECT_EQ(upload(reg, "diplome", pdf()).error().code, ErrorCode::pieces_frozen);
  // The old file alone does not count: confirming needs a new one.
  EXPECT_EQ(pieces_->confirm(me_, reg).error().fields.at("identite"), "Pièce refusée, à remplacer : Pièce d'identité");
  clock_.advance(std::chrono::minutes(1));
  ASSERT_TRUE(upload(reg, "identite", png()).ok());
  auto again = shown(pieces_->confirm(me_, reg));
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(piece(*again, "identite").at("state").as_string(), "received");
  EXPECT_EQ(piece(*again, "diplome").at("state").as_string(), "accepted");
  EXPECT_EQ(upload(reg, "identite", pdf()).error().code, ErrorCode::pieces_frozen);
}

TEST_P(Pieces, AModificationUpdatesTheListAndKeepsFilesOfDroppedPieces) {
  std::string reg = register_me(R"({"speciality": "cuisine", "postal_code": "86000", "exemption": true})");
  ASSERT_TRUE(upload(reg, "identite", pdf()).ok());
  ASSERT_TRUE(upload(reg, "diplome", pdf()).ok());
  ASSERT_TRUE(registrations_
                  ->modify(me_, reg, json::parse(R"({"speciality": "cuisine", "postal_code": "86000"})").as_object(),
                           std::nullopt, 0)
                  .ok());
  auto list = shown(pieces_->list(me_, reg));
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(piece(*list, "diplome").at("state").as_string(), "unneeded");
  EXPECT_FALSE(piece(*list, "diplome").at("needed").as_bool());
  EXPECT_EQ(piece(*list, "diplome").at("files").as_array().size(), 1u);
  EXPECT_TRUE(list->at("complete").as_bool());
  ASSERT_TRUE(pieces_->confirm(me_, reg).ok());
  // Claiming the exemption again after confirming: the new piece is missing, the set reopens.
  ASSERT_TRUE(registrations_
                  ->modify(me_, reg,
                           json::parse(R"({"speciality": "cuisine", "postal_code": "86000", "exemption": true})")
                               .as_object(),
                           std::nullopt, 0)
                  .ok());
  list = shown(pieces_->list(me_, reg));
  EXPECT_FALSE(list->at("confirmed").as_bool());
  EXPECT_EQ(piece(*list, "diplome").at("state").as_string(), "received");  // its kept file counts again
}

TEST_P(Pieces, AnotherCandidateSeesNothingAndTouchesNothing) {
  std::string reg = register_me();
  auto up = upload(reg, "identite", pdf());
  ASSERT_TRUE(up.ok());
  std::string other = active_account("intrus@example.org");
  std::string file_id(up->at("file").at("id").as_string());
  EXPECT_EQ(pieces_->list(other, reg).error().code, ErrorCode::not_found);
  EXPECT_EQ(upload(reg, "identite", pdf(), "x.pdf", other).error().code, ErrorCode::not_found);
  EXPECT_EQ(pieces_->remove_file(other, reg, "identite", file_id).error().code, ErrorCode::not_found);
  EXPECT_EQ(pieces_->confirm(other, reg).error().code, ErrorCode::not_found);
  EXPECT_EQ(pieces_->file(other, reg, file_id).error().code, ErrorCode::not_found);
  // Nor can it reach the file through its own registration.
  std::string theirs = register_me(R"({"speciality": "cuisine", "postal_code": "86000"})", "2025", other);
  EXPECT_EQ(pieces_->file(other, theirs, file_id).error().code, ErrorCode::not_found);
  EXPECT_EQ(pieces_->remove_file(other, theirs, "identite", file_id).error().code, ErrorCode::not_found);
  EXPECT_EQ(stored_files(), 1);
}

TEST_P(Pieces, ReminderGoesOnceToIncompleteSetsWithinTheWindowEvenWithTwoServers) {
  std::string incomplete = register_me();
  std::string other = active_account("complet@example.org");
  std::string complete = register_me(R"({"speciality": "cuisine", "postal_code": "86000"})", "2025", other);
  ASSERT_TRUE(upload(complete, "identite", pdf(), "id.pdf", other).ok());
  auto reminders = [&] {
    long long n = 0;
    for (const auto& m : mails()) n += m.kind == "pieces_reminder";
    return n;
  };
  clock_.set(at("2024-11-10T18:59:59+01:00"));  // 3 days before 13/11 19:00, one second early
  ASSERT_EQ(*pieces_->send_reminders(), 0);
  clock_.set(at("2024-11-10T19:00:00+01:00"));
  // Two servers: their own database handles, running the job at the same moment.
  auto db2 = open(4);
  db::FileStore files2(*db2, dir_.path() / "files");
  services::PieceService second(*db2, files2, clock_, events_, *rules_, config_);
  int sent_a = 0, sent_b = 0;
  std::thread a([&] { auto r = pieces_->send_reminders(); sent_a = r.ok() ? *r : -100; });
  std::thread b([&] { auto r = second.send_reminders(); sent_b = r.ok() ? *r : -100; });
  a.join();
  b.join();
  EXPECT_EQ(sent_a + sent_b, 1);
  EXPECT_EQ(reminders(), 1);
  EXPECT_NE(mails().back().message.find("Pi=C3=A8ce d'identit=C3=A9"), std::string::npos);
  clock_.set(at("2024-11-12T10:00:00+01:00"));
  EXPECT_EQ(*pieces_->send_reminders(), 0);
  EXPECT_EQ(reminders(), 1);
}

TEST_P(Pieces, DocumentsKeepEveryVersionAndShowTheLatest) {
  std::string reg = register_me();
  ASSERT_EQ(*documents_->publish(reg, "convocation", pdf(2000, '1'), "convocation.pdf", "gestionnaire"), 1);
  ASSERT_EQ(*documents_->publish(reg, "convocation", pdf(2000, '2'), "convocation.pdf", "gestionnaire"), 2);
  EXPECT_EQ(documents_->publish(reg, "releve_notes", executable(), "notes.pdf", "gestionnaire").error().code,
            ErrorCode::unsupported_file_type);
  auto latest = shown(documents_->latest(me_, reg));
  ASSERT_TRUE(latest.ok());
  ASSERT_EQ(latest->size(), 1u);
  EXPECT_EQ(latest->at(0).at("version").as_int64(), 2);
  EXPECT_EQ(latest->at(0).at("title").as_string(), "Convocation");
  auto down = documents_->download(me_, reg, "convocation");
  ASSERT_TRUE(down.ok());
  EXPECT_TRUE(down->bytes == pdf(2000, '2'));
  EXPECT_EQ(down->file_name, "convocation-A99-DEMO-2025-00001-v2.pdf");  // whatever the office named it
  EXPECT_EQ(documents_->history(reg)->size(), 2u);
  std::string other = active_account("intrus@example.org");
  EXPECT_EQ(documents_->latest(other, reg).error().code, ErrorCode::not_found);
  EXPECT_EQ(documents_->download(other, reg, "convocation").error().code, ErrorCode::not_found);
  EXPECT_EQ(documents_->download(me_, reg, "releve_notes").error().code, ErrorCode::not_found);
}

TEST_P(Pieces, AStorageFailureAnswersUnavailableAndKeepsWhatWasThere) {
  std::string reg = register_me();
  ASSERT_TRUE(upload(reg, "identite", pdf(1000, 'k')).ok());
  if (GetParam() == Backend::sqlite) {
    // The disk refuses: the temporary folder is a file.
    fs::remove_all(dir_.path() / "files" / "tmp");
    std::ofstream(dir_.path() / "files" / "tmp") << "not a folder";
  } else {
    ASSERT_TRUE(db_->with_session([](soci::session& s) {
      s << "ALTER TABLE file_chunks RENAME TO file_chunks_away";
      return Status::Ok();
    }).ok());
  }
  auto failed = upload(reg, "identite", pdf(600 * 1024));
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::storage_unavailable);
  if (GetParam() == Backend::postgresql) {
    ASSERT_TRUE(db_->with_session([](soci::session& s) {
      s << "ALTER TABLE file_chunks_away RENAME TO file_chunks";
      return Status::Ok();
    }).ok());
  }
  auto list = shown(pieces_->list(me_, reg));
  ASSERT_TRUE(list.ok());
  const auto& files = piece(*list, "identite").at("files").as_array();
  ASSERT_EQ(files.size(), 1u);
  EXPECT_TRUE(pieces_->file(me_, reg, std::string(files[0].at("id").as_string()))->bytes == pdf(1000, 'k'));
}

TEST_P(Pieces, APostalSessionHasNoUploadAndSaysWhereAndWhenToSend) {
  // The minimal rules plus a postal session of the same exam.
  TempDir rules_dir("postal-rules");
  fs::copy(fs::path(GUICHET_SOURCE_DIR) / "tests/fixtures/minimal", rules_dir.path(), fs::copy_options::recursive);
  std::ofstream(rules_dir.path() / "academies" / "testia.lua", std::ios::app) << R"(
session {
  exam = "demo", session = "2026", title = "Session 2026",
  opens = "2024-10-10 10:00", closes = "2024-11-13 19:00",
  final_registration = { mode = "postal", deadline = "2024-11-20",
                         instructions = "Envoyez le récapitulatif signé au pôle sud {date_limite}." },
  postal_address = { "Pôle sud", "86000 Poitiers" },
  portal_url = "https://example.org",
}
)";
  auto sources = read_sources(rules_dir.path());
  ASSERT_TRUE(sources.ok());
  ASSERT_TRUE(rules_->reload(*sources).activated);
  std::string reg = register_me(R"({"speciality": "cuisine", "postal_code": "86000"})", "2026");
  auto list = shown(pieces_->list(me_, reg));
  ASSERT_EQ(list.error().code, ErrorCode::postal_session);
  EXPECT_NE(list.error().message.find("Envoyez le récapitulatif signé au pôle sud avant le 20 novembre 2024."),
            std::string::npos)
      << list.error().message;
  EXPECT_NE(list.error().message.find("(Pôle sud, 86000 Poitiers)"), std::string::npos) << list.error().message;
  EXPECT_EQ(upload(reg, "identite", pdf()).error().code, ErrorCode::postal_session);
  EXPECT_EQ(pieces_->confirm(me_, reg).error().code, ErrorCode::postal_session);
  EXPECT_EQ(stored_files(), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, Pieces, ::testing::Values(Backend::sqlite, Backend::postgresql), backend_name);

}  // namespace
}  // namespace guichet::testing
