// The checks every form field gets from its declaration (shown or not, type, required,
// options, constraints), before any script rule runs.
#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/domain.hpp"
#include "core/verdict.hpp"

namespace guichet {

inline constexpr std::size_t kMaxTextLength = 1000;
inline constexpr std::size_t kMaxTextareaLength = 5000;

// An answer that passed its field's checks (views into the request's answers).
struct AcceptedAnswer {
  std::string_view field;
  const boost::json::value* value;
};

// True when `field` is shown given `answers`: it has no condition, or the field its condition
// names is shown and its answer is one of the condition's values. `shown` holds the ids of the
// earlier fields found shown (fields are decided in the form's order).
bool field_shown(const Field& field, const boost::json::object& answers, const std::set<std::string, std::less<>>& shown);

// Records field errors in `verdict` and returns the answers that passed, for the scripts.
// Answers to fields that are not shown are neither checked nor returned: their ids go to
// verdict.hidden_answers. `session_label` resolves bounds relative to the session's year.
std::vector<AcceptedAnswer> check_form(const Exam& exam, std::string_view session_label,
                                       const boost::json::object& answers, Verdict& verdict);

// "3", "2,5": a number as a French reader writes it.
std::string french_number(double n);

}  // namespace guichet
