// What an académie's exam office does with registrations: search and export them, read one
// with its whole history, withdraw it, correct the candidate's locked identity, grant a
// derogation, review pieces and publish documents. Every call is scoped to the actor's
// académie (anything else is "not_found"), checks the actor's rights, and audits each change
// in the change's own transaction.
#pragma once

#include <boost/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/events.hpp"
#include "core/result.hpp"
#include "core/rules.hpp"
#include "db/accounts_repository.hpp"
#include "db/database.hpp"
#include "services/audit.hpp"
#include "services/candidate_config.hpp"
#include "services/document_service.hpp"
#include "services/download.hpp"
#include "services/piece_service.hpp"
#include "services/registration_context.hpp"

namespace guichet::services {

struct RegistrationFilter {
  std::string exam, session, speciality, pole, status;
  std::string pieces;  // confirmed | unconfirmed | rejected | to_review
  std::string text;    // start of a name, or of a registration or candidate number
  int limit = 50;      // 1..500
  std::string after;   // paging: the registration number the previous page ended with
};

// A registration as the office reads it: the candidate's record and who the candidate is.
struct OfficeRegistration {
  RegistrationRecord registration;
  std::optional<db::AccountRow> candidate;  // absent if the account is gone
};

struct IdentityCorrection {
  std::optional<std::string> last_name, first_name, birth_date, birth_place, nationality;
  std::string reason;
};

struct DerogationRequest {
  std::string email;  // the candidate's account
  std::string exam, session;
  Instant until{};
  std::string reason;
};

class OfficeService {
 public:
  OfficeService(Database& db, const Clock& clock, EventBus& events, Rules& rules, PieceService& pieces,
                DocumentService& documents, CandidateConfig config);

  // {"registrations": [...], "next": "<cursor>" | null}, by registration number.
  Result<boost::json::object> search(const Actor& by, const RegistrationFilter& filter);
  // Every registration the filter matches as CSV for French spreadsheets: UTF-8 with BOM,
  // ";" separators, CRLF lines, cells that a spreadsheet would run as formulas defused.
  // Named "inscriptions-<académie>-<AAAA-MM-JJ-HHMM>.csv" (the académie's time).
  Result<Download> export_csv(const Actor& by, RegistrationFilter filter);
  // The registration as the office sees it: the candidate, the answers, pieces, documents.
  Result<OfficeRegistration> get(const Actor& by, const std::string& id);
  // Every version: answers, pieces, office, the rule-set version that judged it, who and why.
  Result<boost::json::array> history(const Actor& by, const std::string& id);

  Result<RegistrationRecord> withdraw(const Actor& by, const std::string& id, const std::string& reason);
  Result<boost::json::object> correct_identity(const Actor& by, const std::string& id, const IdentityCorrection& c);
  Result<boost::json::object> grant_derogation(const Actor& by, const DerogationRequest& d);

  Result<PieceList> pieces(const Actor& by, const std::string& id);
  Result<Download> piece_file(const Actor& by, const std::string& id, const std::string& file_id);
  Status review_piece(const Actor& by, const std::string& id, const std::string& piece_code, bool accepted,
                      const std::string& reason);

  // `type` is one of the académie's declared document types; otherwise "validation_failed"
  // (422) whose message lists them (code and label).
  Status check_document_type(const Actor& by, const std::string& type);
  // A new version of document `type` for one registration, and a mail telling the candidate
  // (same transaction); returns the version.
  Result<int> publish(const Actor& by, const std::string& id, const std::string& type, const std::string& pdf,
                      const std::string& file_name);
  // Bulk publication from a ZIP file of PDFs named by registration number
  // ("A13-CAP-2025-00042.pdf", in any folder of the archive):
  // {"published": [{"file", "registration_number", "version"}], "refused": [{"file", "message"}]}.
  // Each file stands alone: one bad file does not stop the others.
  Result<boost::json::object> publish_zip(const Actor& by, const std::string& type, const std::string& zip_path);
  // The same from a folder of the server (the command line's `guichet admin publish`).
  Result<boost::json::object> publish_folder(const Actor& by, const std::string& type, const std::string& folder);
  // Every version of every document of the registration.
  Result<boost::json::array> documents(const Actor& by, const std::string& id);

 private:
  struct Scoped;
  Result<Scoped> scoped(const Actor& by, const std::string& id);
  // One file of a bulk publication, named "<registration number>.pdf".
  void publish_one(const Actor& by, const std::string& type, const std::string& name, Result<std::string> bytes,
                   boost::json::array& published, boost::json::array& refused);

  Database& db_;
  const Clock& clock_;
  EventBus& events_;
  Rules& rules_;
  PieceService& pieces_;
  DocumentService& documents_;
  CandidateConfig config_;
};

}  // namespace guichet::services
