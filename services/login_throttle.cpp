#include "services/login_throttle.hpp"

#include <algorithm>

#include "db/throttle_repository.hpp"

namespace guichet::services {
namespace {

Error too_many(Instant until, Instant now) {
  Error e{"too_many_attempts", "Trop de tentatives de connexion. Réessayez dans quelques minutes, ou utilisez "
                               "« Mot de passe oublié »."};
  e.retry_after_seconds =
      static_cast<int>(std::max<long long>(1, std::chrono::ceil<std::chrono::seconds>(until - now).count()));
  return e;
}

}  // namespace

Status LoginThrottle::check(const std::string& account_key, const std::string& address_key, Instant now) {
  std::optional<Instant> blocked;
  Status st = db_.with_session([&](soci::session& s) {
    for (const auto& k : {address_key, account_key})
      if (auto t = db::find_throttle(s, k); t && t->blocked_until && *t->blocked_until > now)
        blocked = std::max(blocked.value_or(*t->blocked_until), *t->blocked_until);
    return Status::Ok();
  });
  if (!st.ok()) return st;
  if (blocked) return too_many(*blocked, now);
  return Status::Ok();
}

Error LoginThrottle::failed(const std::string& account_key, const std::string& address_key, Instant now,
                            Error otherwise) {
  std::optional<Instant> now_blocked;
  Status st = db_.transaction([&](soci::session& s) {
    auto bump = [&](const std::string& k, int limit, bool doubling, std::chrono::seconds block) {
      auto t = db::find_throttle(s, k).value_or(db::ThrottleRow{k, 0, now, {}});
      if (now - t.first_failure_at > limits_.window) t = {k, 0, now, {}};
      ++t.failures;
      if (t.failures >= limit) {
        std::chrono::seconds b = block;
        if (doubling) {
          b = std::chrono::minutes(1) * (1 << std::min(10, t.failures - limit));
          b = std::min(b, limits_.account_block_max);
        }
        t.blocked_until = now + b;
        now_blocked = std::max(now_blocked.value_or(*t.blocked_until), *t.blocked_until);
      }
      db::save_throttle(s, t);
    };
    bump(address_key, limits_.address_failures, false, limits_.address_block);
    bump(account_key, limits_.account_failures, true, limits_.account_block_max);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  if (now_blocked) return too_many(*now_blocked, now);
  return otherwise;
}

void LoginThrottle::succeeded(soci::session& s, const std::string& account_key) { db::clear_throttle(s, account_key); }

}  // namespace guichet::services
