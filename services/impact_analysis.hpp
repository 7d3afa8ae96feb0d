// Impact analysis of a staged rule set on one académie, before it goes live: every existing
// registration of the académie is judged again under the staged rules, and the report says
// which would change validity, required pieces or office, and which windows move. A change
// that closes an open window earlier, or adds a required piece in an open session, is flagged
// for the window guard, with the candidates to notify.
#pragma once

#include <boost/json/object.hpp>

#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "core/rule_set.hpp"
#include "db/database.hpp"

namespace guichet::services {

// `staged` must have at least `threads` engines: registrations are judged in parallel, one
// engine per thread.
Result<boost::json::object> analyse_impact(Database& db, const RuleSet& live, const RuleSet& staged,
                                           const std::string& academy, Seconds now, unsigned threads);

}  // namespace guichet::services
