// Evaluates every session of a rule set over answers generated from its own form, to find
// what only fails at run time (a script that throws for some answers, a piece code missing
// from the exam's catalogue, a rule that runs out of time) before the rules go live.
#pragma once

#include <boost/json/object.hpp>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/rule_set.hpp"

namespace guichet {

struct SweepOptions {
  std::optional<std::string> academy;     // only this académie's sessions; all when empty
  std::size_t max_evaluations = 20000;    // in all: the sweep stops there (see SweepStats)
  // In all, too: a script that trips a limit stops its session's sweep at once, but many
  // slow sessions could still add up.
  std::chrono::milliseconds budget{10000};
};

struct SweepStats {
  std::size_t sessions = 0;
  std::size_t evaluations = 0;
  bool capped = false;  // max_evaluations or the budget was reached before the end
};

// Answers a portal would build from the session's form alone: every shown field filled
// (required checkboxes ticked, the others not; the first option of selects and radios; numbers
// at their minimum, else their maximum; text of the declared format, the postal code in the
// académie's first department), then `forced` answers put in place of the defaults.
boost::json::object generated_answers(const Academy& academy, const Session& session, const Exam& exam,
                                      const boost::json::object& forced = {});

// Runs every session (of `options.academy`, or all) over generated answers, one factor at a
// time around the base answers: each option of each select and radio (and so the fields it
// shows), each checkbox flipped, all checkboxes ticked, each number at its bounds; for a few
// identities (French candidates of 18 and 30, a foreign minor of 17) inside the window, and
// after its close. Each script fault is returned once, at the file:line of the script that
// failed (the session's when the fault has no position), with the answers that caused it.
// Verdicts with field errors are not faults. Uses engines of its own: safe on a set that
// serves, and the breaker is not fed.
std::vector<Diagnostic> sweep_sessions(const RuleSet& rules, const SweepOptions& options = {},
                                       SweepStats* stats = nullptr);

}  // namespace guichet
