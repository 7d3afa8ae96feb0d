// The checks every form field gets from its declaration (type, required, options), before
// any script rule runs.
#pragma once

#include <boost/json/object.hpp>

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

// Records field errors in `verdict` and returns the answers that passed, for the scripts.
std::vector<AcceptedAnswer> check_form(const Exam& exam, const boost::json::object& answers, Verdict& verdict);

}  // namespace guichet
