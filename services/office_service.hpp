// What an académie's exam office does with registrations: search and export them, read one
// with its whole history, withdraw it, correct the candidate's locked identity, grant a
// derogation, review pieces and publish documents. Every call is scoped to the actor's
// académie (anything else is "not_found"), checks the actor's rights, and audits each change
// in the change's own transaction.
#pragma once


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
  std::string sort;    // "" | number | name | updated (most recently changed first)
  std::string after;   // paging: the previous page's `next`
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

// One registration in a search's page, with its candidate.
struct RegistrationSummary {
  std::string id, registration_number, candidate_number;
  std::string last_name, first_name, birth_date, email;
  std::string exam, session, speciality, pole, status;
  int version = 0;
  std::optional<Instant> pieces_confirmed_at;
  Instant created_at{}, updated_at{};
};

struct RegistrationPage {
  std::vector<RegistrationSummary> registrations;
  std::optional<std::string> next;  // the `after` of the next page, when this one is full
  const date::time_zone* zone = nullptr;  // the académie's: times are read in it
};

// One version of a registration in its history. `answers_json` and `pieces_json` are the
// stored texts: the candidate's free-form answers and the pieces asked then, data, not a
// view.
struct RegistrationVersion {
  int version = 0;
  Instant saved_at{};
  bool by_candidate = true;              // otherwise the office
  std::string staff_id, staff_name;      // the office's author, when still known
  std::string reason;
  std::string answers_json, pieces_json;
  std::string pole, rule_set_version;
};

// A stored version as the history shows it (the office's author left to the caller).
RegistrationVersion registration_version(db::RegistrationVersionRow row);

struct RegistrationHistory {
  std::vector<RegistrationVersion> versions;  // oldest first
  const date::time_zone* zone = nullptr;
};

// The candidate's locked identity, as corrected.
struct CandidateIdentity {
  std::string last_name, first_name, birth_date, birth_place, nationality;
};

struct GrantedDerogation {
  std::string account_id, email, exam, session;
  Instant until{};
  std::string reason;
  const date::time_zone* zone = nullptr;  // the académie's
};

struct OfficeDocument {
  std::string type, title;  // title: the académie's label for the type
  int version = 0;
  std::string file_name;
  long long size = 0;
  Instant published_at{};
  std::string published_by;
};

struct OfficeDocuments {
  std::vector<OfficeDocument> documents;  // every version of every type
  const date::time_zone* zone = nullptr;
};

// What a bulk publication did with each file: each stands alone.
struct BulkPublication {
  struct Published {
    std::string file, registration_number;
    int version = 0;
  };
  struct Refused {
    std::string file, message;
  };
  std::vector<Published> published;
  std::vector<Refused> refused;
};

class OfficeService {
 public:
  OfficeService(Database& db, const Clock& clock, EventBus& events, Rules& rules, PieceService& pieces,
                DocumentService& documents, CandidateConfig config);

  // One page, by registration number.
  Result<RegistrationPage> search(const Actor& by, const RegistrationFilter& filter);
  // Every registration the filter matches as CSV for French spreadsheets: UTF-8 with BOM,
  // ";" separators, CRLF lines, cells that a spreadsheet would run as formulas defused.
  // Named "inscriptions-<académie>-<AAAA-MM-JJ-HHMM>.csv" (the académie's time).
  Result<Download> export_csv(const Actor& by, RegistrationFilter filter);
  // The registration as the office sees it: the candidate, the answers, pieces, documents.
  Result<OfficeRegistration> get(const Actor& by, const std::string& id);
  // Every version: answers, pieces, office, the rule-set version that judged it, who and why.
  Result<RegistrationHistory> history(const Actor& by, const std::string& id);

  Result<RegistrationRecord> withdraw(const Actor& by, const std::string& id, const std::string& reason);
  Result<CandidateIdentity> correct_identity(const Actor& by, const std::string& id, const IdentityCorrection& c);
  Result<GrantedDerogation> grant_derogation(const Actor& by, const DerogationRequest& d);

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
  // ("A13-CAP-2025-00042.pdf", in any folder of the archive). Each file stands alone: one bad
  // file does not stop the others.
  Result<BulkPublication> publish_zip(const Actor& by, const std::string& type, const std::string& zip_path);
  // The same from a folder of the server (the command line's `guichet admin publish`).
  Result<BulkPublication> publish_folder(const Actor& by, const std::string& type, const std::string& folder);
  // Every version of every document of the registration.
  Result<OfficeDocuments> documents(const Actor& by, const std::string& id);

 private:
  struct Scoped;
  Result<Scoped> scoped(const Actor& by, const std::string& id);
  // One file of a bulk publication, named "<registration number>.pdf".
  void publish_one(const Actor& by, const std::string& type, const std::string& name, Result<std::string> bytes,
                   BulkPublication& report);

  Database& db_;
  const Clock& clock_;
  EventBus& events_;
  Rules& rules_;
  PieceService& pieces_;
  DocumentService& documents_;
  CandidateConfig config_;
};

}  // namespace guichet::services
