// A registration together with the rules that govern it: shared by the services that act on
// one registration (registrations, pieces, documents). Ownership is checked here once:
// anything that is not the caller's is "not_found", never "forbidden".
#pragma once

#include <boost/json/object.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/rules.hpp"
#include "db/database.hpp"
#include "db/registrations_repository.hpp"
#include "mail/templates.hpp"

namespace guichet::services {

struct Context {
  std::shared_ptr<const RuleSet> rules;
  const Academy* academy = nullptr;
  const Session* session = nullptr;
  const Exam* exam = nullptr;
};

struct Owned {
  db::RegistrationRow row;
  Context ctx;
};

Error registration_not_found();
Result<Context> context_for(Rules& rules, const std::string& academy, const std::string& exam,
                            const std::string& session);
// The caller's registration; "not_found" for anyone else's.
Result<db::RegistrationRow> owned_row(Database& db, const std::string& account_id, const std::string& id);
// The caller's registration with its rules.
Result<Owned> load_owned(Database& db, Rules& rules, const std::string& account_id, const std::string& id);

// A piece the registration's current version requires, as the rules judged it.
struct RequiredPiece {
  std::string code, label, explanation;
  bool required = true;
};

// A registration with what its rules say about it: its office, its contact, its pieces. The
// candidate's and the office's views render it (http/views/registration_view).
struct RegistrationRecord {
  std::string id, academy, exam, session;
  // As the rules name them, when they still describe the session (else empty).
  std::string exam_name, session_title;
  std::string registration_number, candidate_number;
  int version = 1;
  std::string status;  // registered | withdrawn
  std::string rule_set_version;
  std::string pole_code;
  std::optional<Pole> pole;     // the office the rules chose, when they still know it
  std::optional<Pole> contact;  // whom the candidate contacts: the session's own office, else the pole
  std::vector<RequiredPiece> pieces;
  // The candidate's free-form answers as the form's fields name them: data, not a view.
  boost::json::object answers;
  Instant created_at{}, updated_at{};
  std::optional<Instant> withdrawn_at;
  std::string withdrawal_reason;
  const date::time_zone* zone = nullptr;  // the académie's (Paris when unknown): its times are shown there
};

// The pieces stored with the registration's current version.
std::vector<RequiredPiece> required_pieces(const db::RegistrationRow& r);
// `rules` may be null (the pole and contact are then unknown).
RegistrationRecord registration_record(const db::RegistrationRow& r, const RuleSet* rules);

// What the registration mails say about a registration.
mail::RegistrationMailData registration_mail_data(const db::RegistrationRow& r, const Context& c);

}  // namespace guichet::services
