// The one gate every change of the rules passes, whatever its way in (the scripts folder,
// `guichet rules submit`, the API): the candidate set loads, passes the consistency checks,
// the scripts' own test cases and the sweep over answers generated from each form. The
// window guard then says whether the change may go live without a confirmed reason.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/diagnostic.hpp"
#include "core/result.hpp"
#include "core/rule_set.hpp"
#include "core/sources.hpp"
#include "db/database.hpp"

namespace guichet::services {

struct GateInput {
  SourceSet candidate;                 // the whole set as it would be live
  SourceSet tests;                     // the test files (tests/<name>.lua)
  std::optional<std::string> academy;  // tests and sweep of this académie only; all when absent
  // Faults already known before the change (the live set's): not held against it.
  std::vector<Diagnostic> known_faults;
  // When given, only load faults of these files count (an académie's version is judged on
  // its own file; a faulty exam elsewhere in the folder is not its fault).
  std::vector<std::string> own_files;
  unsigned workers = 1;                // engines of the built set (the impact analysis's threads)
};

struct GateVerdict {
  std::shared_ptr<const RuleSet> built;  // null when nothing loads
  std::vector<Diagnostic> faults;        // why it is refused: load, consistency, tests, sweep
  std::size_t load_faults = 0;           // how many of `faults` came before the tests
  int tests_run = 0;
  bool refused() const { return !built || !faults.empty(); }
};

// Load, consistency, the scripts' tests (and the sweep).
GateVerdict check_rules(const GateInput& in, const RuleSetOptions& options);

// The window guard of `candidate` against `live`, for each académie given (all of the
// candidate's when empty): the reasons a confirmed reason is needed, empty when none is.
Result<std::vector<std::string>> window_guard(Database& db, const RuleSet& live, const RuleSet& candidate,
                                              std::vector<std::string> academies, Seconds now, unsigned threads);

}  // namespace guichet::services
