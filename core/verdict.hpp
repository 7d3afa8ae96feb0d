// The rules' answer about a would-be registration.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/domain.hpp"

namespace guichet {

enum class Phase { before, open, closed };
const char* to_string(Phase p);

struct FieldError {
  std::string message;
  SourceRef source;
};

struct RequiredPiece {
  std::string code;
  std::string label;
  std::string explanation;
  bool required = true;
  SourceRef source;
};

struct Verdict {
  Phase phase = Phase::before;
  bool valid = false;
  bool wrong_academy = false;            // the académie-of-residence rule refused
  std::map<std::string, FieldError> errors;  // field id -> first error
  std::vector<RequiredPiece> pieces;
  std::optional<std::string> pole;       // pole code
  SourceRef pole_source;
  SourceRef window_source;               // the session{} that set the dates
  std::string rule_set_version;
  // Answers given to fields that are not shown (their condition is not met): ignored by the
  // checks and the scripts, and not kept with a registration.
  std::vector<std::string> hidden_answers;
};

}  // namespace guichet
