// Limits on what strangers can make the server do (mails to an address, sign-ups from one
// client address): fixed windows of hits per key, in the database so that every server shares
// them. A window opens at its first hit and lasts `window`; the next hit after it opens a new
// one.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "db/database.hpp"

namespace guichet::services {

struct RateLimit {
  std::string key;  // e.g. "mail:<email key>", "mail-client:<client address>"
  int max = 0;      // hits allowed per window; 0 or less: no limit
  std::chrono::seconds window{};
  std::string message;  // French, for the 429
};

// Counts one hit on every limit, in the caller's transaction. When one goes over its maximum:
// "too_many_attempts" with Retry-After (the end of that window). The caller returns that error
// from its transaction, which rolls the hits back: a refused request counts for nothing.
Status take_rate_limits(db::Session& s, const std::vector<RateLimit>& limits, Instant now);

// The same answer without counting, for a caller that wants to refuse before costly work.
Status check_rate_limits(db::Session& s, const std::vector<RateLimit>& limits, Instant now);

}  // namespace guichet::services
