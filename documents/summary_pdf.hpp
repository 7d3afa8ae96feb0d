// The "récapitulatif d'inscription": the registration summary a candidate prints, checks,
// signs and sends (or keeps), with the supporting documents to provide listed in an annex.
// French, A4 portrait, fonts embedded so the text stays selectable and searchable.
#pragma once

#include <string>
#include <vector>

#include "core/result.hpp"

namespace guichet::documents {

struct SummaryPole {
  std::string name;
  std::vector<std::string> phones;
  std::string email;
};

struct SummaryPiece {
  std::string label;
  std::string explanation;
};

// One answer as the candidate reads it: the field's label and the answer's (never a code).
struct SummaryAnswer {
  std::string label, value;
};

// The answers of one tab of the form, in the form's order.
struct SummaryTab {
  std::string title;
  std::vector<SummaryAnswer> answers;
};

struct SummaryData {
  std::string academy_name;      // "Académie de Poitiers"
  std::string exam_name;         // "Certificat d'aptitude professionnelle (CAP)"
  std::string session_label;     // "2025"
  std::string speciality_label;  // "Cuisine"
  std::string last_name, first_name, birth_date /* "12/03/2001" already formatted */,
      birth_place;
  std::string email;
  std::string address_lines;  // may contain '\n'
  std::string phone;
  std::string registration_number, candidate_number;
  int version = 1;
  std::string saved_at;  // "13/11/2024 à 18:59" already formatted in the académie's zone
  SummaryPole pole;
  std::string final_mode;      // "postal" or "upload"
  std::string final_deadline;  // "avant le 24 novembre 2022" (format_deadline), may be empty
  std::vector<std::string> postal_address;  // postal mode: where the file is sent, one line each
  std::string portal_url;
  std::vector<SummaryPiece> pieces;
  std::vector<SummaryTab> tabs;  // every answer, under its tab ("Vos réponses")
};

// PDF bytes ("%PDF-..."), or Error{ErrorCode::pdf_error, French message}: an unknown final_mode, or
// cairo failing. Text that is not valid UTF-8 is drawn with U+FFFD rather than refused.
// Thread-safe: each call has its own cairo surface.
Result<std::string> render_summary_pdf(const SummaryData& data);

}  // namespace guichet::documents
