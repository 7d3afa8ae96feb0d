// Runs the scripts' own test cases (`guichet test`) against a rule set.
#pragma once

#include <string>
#include <vector>

#include "core/rule_set.hpp"

namespace guichet {

struct CaseOutcome {
  std::string name;
  SourceRef source;
  std::vector<std::string> failures;  // empty when the case passed
  bool passed() const { return failures.empty(); }
};

// Evaluates each case and compares the verdict with its `expect`.
std::vector<CaseOutcome> run_script_cases(const RuleSet& rules, const std::vector<ScriptCase>& cases);

}  // namespace guichet
