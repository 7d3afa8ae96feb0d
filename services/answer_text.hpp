// A registration's answers as a person reads them: each field under its tab, with the
// field's label and the value's label (the option a select or radio names, the speciality's
// label, "Oui"/"Non" for a checkbox, a date as JJ/MM/AAAA), never a code. For the
// récapitulatif a candidate checks and for the office's CSV.
#pragma once

#include <boost/json.hpp>

#include <string>
#include <vector>

#include "core/domain.hpp"

namespace guichet::services {

struct AnswerLine {
  std::string label, value;
};

struct AnswerTab {
  std::string title;
  std::vector<AnswerLine> lines;
};

// The text of one answer ("" when not answered). A value that matches no option (an answer
// kept from an older form) is shown as given rather than dropped.
std::string answer_text(const Exam& exam, const Field& field, const boost::json::value* value);

// Every tab with its answered fields, in the form's order; a checkbox always has a line
// ("Non" when unticked); a tab with no line is left out.
std::vector<AnswerTab> answers_by_tab(const Exam& exam, const boost::json::object& answers);

// The string value of answers[key], or "".
std::string answer_string(const boost::json::object& answers, const char* key);

}  // namespace guichet::services
