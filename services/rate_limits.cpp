#include "services/rate_limits.hpp"

#include <algorithm>

#include "db/throttle_repository.hpp"

namespace guichet::services {
namespace {

Error too_many(const RateLimit& l, Instant started_at, Instant now) {
  Error e{ErrorCode::too_many_attempts, l.message};
  auto left = std::chrono::ceil<std::chrono::seconds>(started_at + l.window - now).count();
  e.retry_after_seconds = static_cast<int>(std::max<long long>(1, left));
  return e;
}

}  // namespace

Status take_rate_limits(db::Session& s, const std::vector<RateLimit>& limits, Instant now) {
  for (const RateLimit& l : limits) {
    if (l.max <= 0) continue;
    db::RateWindow w = db::hit_rate_limit(s, l.key, now, l.window);
    if (w.hits > l.max) return too_many(l, w.started_at, now);
  }
  return Status::Ok();
}

Status check_rate_limits(db::Session& s, const std::vector<RateLimit>& limits, Instant now) {
  for (const RateLimit& l : limits) {
    if (l.max <= 0) continue;
    auto w = db::find_rate_limit(s, l.key);
    if (w && w->started_at + l.window > now && w->hits >= l.max) return too_many(l, w->started_at, now);
  }
  return Status::Ok();
}

}  // namespace guichet::services
