#include "services/login_throttle.hpp"

#include <algorithm>

#include "db/throttle_repository.hpp"
#include "services/crypto.hpp"

namespace guichet::services {
namespace {

Error too_many(Instant until, Instant now) {
  Error e{ErrorCode::too_many_attempts, "Trop de tentatives de connexion. Réessayez dans quelques minutes, ou utilisez "
                               "« Mot de passe oublié »."};
  e.retry_after_seconds =
      static_cast<int>(std::max<long long>(1, std::chrono::ceil<std::chrono::seconds>(until - now).count()));
  return e;
}

}  // namespace

std::string LoginThrottle::trusted_device(db::Session& s, const std::string& device_token,
                                          const std::string& subject, Instant now) {
  if (device_token.empty() || device_token.size() > 128) return "";
  std::string hash = sha256_hex(device_token);
  auto d = db::find_device(s, hash);
  if (!d || d->subject != subject || now >= d->expires_at) return "";
  return hash;
}

Status LoginThrottle::check(const LoginAttempt& attempt, Instant now) {
  if (attempt.trusted()) return Status::Ok();
  std::optional<Instant> blocked;
  Status st = db_.with_session([&](db::Session& s) {
    for (const auto& k : {attempt.address_key, attempt.account_key})
      if (auto t = db::find_throttle(s, k); t && t->blocked_until && *t->blocked_until > now)
        blocked = std::max(blocked.value_or(*t->blocked_until), *t->blocked_until);
    return Status::Ok();
  });
  if (!st.ok()) return st;
  if (blocked) return too_many(*blocked, now);
  return Status::Ok();
}

Error LoginThrottle::failed(const LoginAttempt& attempt, Instant now, Error otherwise) {
  if (attempt.trusted()) {
    // The owner's own device mistyping: counted on the token only, which dies after
    // `device_failures` (then this client is untrusted like any other).
    Status st = db_.transaction([&](db::Session& s) {
      if (db::count_device_failure(s, attempt.device_hash) >= limits_.device_failures)
        db::delete_device(s, attempt.device_hash);
      return Status::Ok();
    });
    if (!st.ok()) return st.error();
    return otherwise;
  }
  std::optional<Instant> now_blocked;
  Status st = db_.transaction([&](db::Session& s) {
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
    bump(attempt.address_key, limits_.address_failures, false, limits_.address_block);
    bump(attempt.account_key, limits_.account_failures, true, limits_.account_block_max);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  if (now_blocked) return too_many(*now_blocked, now);
  return otherwise;
}

std::string LoginThrottle::succeeded(db::Session& s, const LoginAttempt& attempt, const std::string& subject,
                                     Instant now) {
  // A trusted success leaves the untrusted clients' lockout alone: an attacker guessing from
  // elsewhere gets no fresh tries because the owner logged in.
  if (!attempt.trusted()) db::clear_throttle(s, attempt.account_key);
  else db::delete_device(s, attempt.device_hash);
  std::string token = random_token();
  const std::string hash = sha256_hex(token);
  db::insert_device(s, {hash, subject, now, now + limits_.device_lifetime, 0});
  db::keep_newest_devices(s, subject, hash, limits_.devices_per_account);
  return token;
}

long long LoginThrottle::purge_devices(db::Session& s, Instant now) { return db::delete_devices_expired(s, now); }

}  // namespace guichet::services
