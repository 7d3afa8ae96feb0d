// Impact analysis of a staged rule set on one académie, before it goes live: every existing
// registration of the académie is judged again under the staged rules, and the report says
// which would change validity, required pieces or office, and which windows move. A change
// that closes an open window earlier, or adds a required piece in an open session, is flagged
// for the window guard, with the candidates to notify.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "core/rule_set.hpp"
#include "db/database.hpp"

namespace date {
class time_zone;
}

namespace guichet::services {

// A registration that would no longer be valid (its session gone, or its answers refused).
struct InvalidRegistration {
  std::string id, registration_number, exam, session;
  std::vector<std::pair<std::string, std::string>> errors;  // field ("_": the whole) -> message
};

struct PieceChange {
  std::string id, registration_number;
  std::vector<std::string> added, removed;  // required piece codes
};

struct OfficeChange {
  std::string id, registration_number, from, to;  // pole codes
};

// A session window that moves, appears or goes.
struct WindowChange {
  enum class Kind { removed, moved, added };
  Kind kind = Kind::moved;
  std::string exam, session;
  std::string bound;            // moved: opens | closes | edits_close
  Seconds from{}, to{};         // moved: the bound before and after
  Seconds opens{}, closes{};    // added: the new session's window
  bool open_now = false;        // removed, moved
  bool closes_earlier = false;  // moved: an open session closing sooner
};

struct CandidateToNotify {
  std::string id, registration_number, email, last_name, first_name;
};

struct ImpactReport {
  std::string academy;
  int version = 0;  // the version analysed (set by the rules lifecycle)
  std::size_t registrations_checked = 0;
  // Counts are exact; the lists name the first registrations only.
  std::size_t validity_count = 0, pieces_count = 0, offices_count = 0;
  std::vector<InvalidRegistration> validity;
  std::vector<PieceChange> pieces;
  std::vector<OfficeChange> offices;
  std::vector<WindowChange> windows;
  // The window guard: a confirmed reason is needed when `reasons` is not empty.
  std::vector<std::string> guard_reasons;
  std::vector<CandidateToNotify> notify;
  const date::time_zone* zone = nullptr;  // the académie's, for the windows; null: none known
};

// `staged` must have at least `threads` engines: registrations are judged in parallel, one
// engine per thread.
Result<ImpactReport> analyse_impact(Database& db, const RuleSet& live, const RuleSet& staged,
                                    const std::string& academy, Seconds now, unsigned threads);

}  // namespace guichet::services
