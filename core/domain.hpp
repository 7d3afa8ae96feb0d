// The rules' static description, as the scripts declare it. Plain data, immutable once a
// rule set is built; shared by every worker.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

namespace date {
class time_zone;
}

namespace guichet {

using Seconds = std::chrono::sys_seconds;

// Where a rule was written: "academies/poitiers.lua:40".
struct SourceRef {
  std::string file;
  int line = 0;
  std::string str() const { return file + ":" + std::to_string(line); }
};

struct Pole {
  std::string code;
  std::string name;
  std::vector<std::string> phones;
  std::string email;
};

enum class FinalMode { postal, upload };

// What an uploaded piece may be (upload mode). Types are decided by content, never by name.
struct UploadLimits {
  std::uint64_t max_file_bytes = 10ull * 1024 * 1024;
  std::vector<std::string> types{"pdf", "jpeg", "png"};
  int max_files_per_piece = 4;
};

struct FinalRegistration {
  FinalMode mode = FinalMode::upload;
  std::optional<Seconds> deadline;
  std::string instructions;
  UploadLimits uploads;
};

struct Session {
  std::string exam;
  std::string session;  // label used in URLs, e.g. "2025"
  std::string title;
  Seconds opens{};
  Seconds closes{};
  Seconds edits_close{};
  FinalRegistration final_registration;
  std::string portal_url;
  bool summary_after_close = false;
  int reminder_days = 3;
  // The office a candidate contacts for this session when the notice names its own
  // (`contact = { name, phones, email }`); otherwise the office the exam's route chooses.
  std::optional<Pole> contact;
  // Where postal mail goes for this session, one line each; empty: the académie's.
  std::vector<std::string> postal_address;
  SourceRef source;  // the session{} call
  // Where each date is written ("opens", "closes", "edits_close", "deadline"): the line of
  // `closes = ...`; an unwritten edits_close is where closes is.
  std::map<std::string, SourceRef> date_sources;
  // Speciality code -> pole code, as the exam's route decides for the speciality alone
  // (filled by the consistency check; shown in the session's description).
  std::map<std::string, std::string> speciality_poles;
};

// A document the office publishes to registrations ("convocation"), with its French label.
struct DocumentType {
  std::string code;
  std::string label;
};

// What an académie publishes when its script declares no `document_types`.
std::vector<DocumentType> default_document_types();

// How long an académie keeps personal data (its script's `conservation`), in calendar months:
// pieces and published documents, then registrations, from the close of the session's
// registration window; accounts from their last activity, once no registration of theirs is
// kept. Each with the reason the académie gives (for its register of processing activities).
struct RetentionRule {
  int months = 0;
  std::string reason;
};
struct Retention {
  RetentionRule pieces{12, "Pièces justificatives et documents : conservés le temps de la session, des résultats et"
                           " des recours (valeur par défaut)"};
  RetentionRule registrations{24, "Inscriptions : preuve de l'inscription en cas de contestation, deux ans après la"
                                  " clôture (valeur par défaut)"};
  RetentionRule accounts{36, "Comptes sans inscription conservée : supprimés après trois ans sans activité (valeur"
                             " par défaut)"};
};

struct Academy {
  std::string code;
  std::string name;
  int number = 0;
  std::string timezone;
  const date::time_zone* zone = nullptr;
  std::vector<std::string> departments;
  std::vector<Pole> poles;
  // The Rectorat's postal address, one line each (where postal-mode files are sent).
  std::vector<std::string> postal_address;
  std::vector<Session> sessions;
  std::vector<DocumentType> document_types;  // declared, or default_document_types()
  bool has_residence_rule = false;
  Retention retention;  // `conservation`, or the defaults
  bool public_figures = false;  // `statistiques_publiques`: an anonymous count per open session
  SourceRef source;  // the academy{} call

  const Pole* find_pole(const std::string& code) const;
  const DocumentType* find_document_type(const std::string& code) const;
  const Session* find_session(const std::string& exam, const std::string& session) const;
  // The session's postal address, else the académie's (may be empty in upload mode).
  const std::vector<std::string>& postal_address_for(const Session& s) const;
  // The office shown to a candidate of `s` whose registration the route gave to `pole_code`:
  // the session's own contact when it names one, else that pole; null when neither exists.
  const Pole* contact_for(const Session& s, const std::string& pole_code) const;
};

// An option of a speciality ("A", "Option A : ...").
struct SpecialityOption {
  std::string code;
  std::string label;
};

struct Speciality {
  std::string code;
  std::string label;
  std::string sector;
  // The sessions it is open to (`sessions = { from = "2021", to = "2024" }`), bounds included;
  // empty: every session. Labels compare as numbers when both are numbers, else as text.
  std::string sessions_from, sessions_to;
  std::vector<SpecialityOption> options;  // empty: no option to choose

  bool open_to(const std::string& session) const;
  const SpecialityOption* find_option(const std::string& code) const;
};

struct FieldOption {
  std::string value;
  std::string label;
};

// When a field is shown: an earlier select, radio or checkbox field, itself shown, whose answer
// is one of `values` (option values; "true" or "false" for a checkbox).
struct FieldCondition {
  std::string field;
  std::vector<std::string> values;
  bool checkbox = false;  // `field` is a checkbox: unanswered counts as "false"
};

// A bound of a number field: `value` itself, or the session's year plus `value` (a session
// label that starts with a year, "2025").
struct NumberBound {
  double value = 0;
  bool from_session_year = false;
};

// The declared formats of text fields.
inline constexpr std::string_view kPostalCodeFormat = "postal_code";  // five digits

struct Field {
  std::string id;
  std::string label;
  std::string type;  // text textarea date email tel number select radio checkbox
  bool required = false;  // when shown
  std::vector<FieldOption> options;
  std::string help;
  std::optional<FieldCondition> shown_when;  // none: always shown
  // Constraints the generic form check enforces (and the session's JSON shows).
  std::optional<NumberBound> min, max;  // number
  bool integer = false;                 // number
  std::size_t max_length = 0;           // text-like; 0: the type's default
  std::string format;                   // text: "" or kPostalCodeFormat
  std::string message;                  // said when a constraint fails; "": a generic one
};

// The year a session label starts with ("2025" -> 2025, "2025-rattrapage" -> 2025), if any.
std::optional<int> session_year(std::string_view label);
// A bound's value for a session; none when it is relative and the label has no year.
std::optional<double> resolve_bound(const NumberBound& b, std::optional<int> year);

struct Tab {
  std::string id;
  std::string title;
  std::vector<Field> fields;
};

struct PieceDef {
  std::string code;
  std::string label;
  std::string explanation;
};

struct Exam {
  std::string code;
  std::string name;
  std::vector<Speciality> specialities;
  std::vector<Tab> tabs;
  std::vector<PieceDef> pieces;
  SourceRef source;  // the exam{} call
  std::map<std::string, std::pair<size_t, size_t>, std::less<>> field_index;  // id -> (tab, field)

  // Fills field_index; call once the tabs are final.
  void index_fields();
  const Field* find_field(std::string_view id) const;
  const PieceDef* find_piece(const std::string& code) const;
  const Speciality* find_speciality(const std::string& code) const;
};

}  // namespace guichet
