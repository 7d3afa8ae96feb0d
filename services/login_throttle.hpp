// Failed-login throttling in the database (shared by every server), for candidates and staff,
// after OWASP's "Slow Down Online Guessing Attacks with Device Cookies":
// - a client that logged in to an account before holds a device token for it (256 random bits,
//   stored as SHA-256, 180 days). Presenting it, the client is trusted for that account: never
//   blocked by the account's lockout nor by its address's block. Its failures count on the token
//   alone, and `device_failures` of them invalidate it, so a stolen token is no guessing licence;
// - every other client is untrusted: per account, `account_failures` failures within the window
//   block untrusted clients of that account for 1 minute, doubling up to a maximum; per client
//   address, `address_failures` block the address for a while.
// An attacker without the owner's device token can therefore lock out only other untrusted
// clients, never the owner's own browser or portal. Blocked callers get 429 with Retry-After
// and cost no password hashing.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "db/database.hpp"

namespace guichet::services {

struct ThrottleLimits {
  std::chrono::seconds window = std::chrono::minutes(15);
  int account_failures = 5;
  std::chrono::seconds account_block_max = std::chrono::minutes(5);
  int address_failures = 30;
  std::chrono::seconds address_block = std::chrono::minutes(15);
  // Device tokens: their lifetime, the failures that invalidate one, how many an account keeps.
  std::chrono::seconds device_lifetime = std::chrono::hours(24 * 180);
  int device_failures = 10;
  int devices_per_account = 10;
};

// One login attempt as the throttle sees it.
struct LoginAttempt {
  std::string account_key;  // e.g. "account:<email key>": the lockout of untrusted clients
  std::string address_key;  // e.g. "address:<client address>"
  std::string device_hash;  // a valid device token of this account (its hash), or "": untrusted
  bool trusted() const { return !device_hash.empty(); }
};

class LoginThrottle {
 public:
  LoginThrottle(Database& db, ThrottleLimits limits) : db_(db), limits_(limits) {}

  // The hash of `device_token` when it is a live device token of `subject` (e.g.
  // "account:<id>"), else "" (unknown, expired, invalidated, or another account's).
  static std::string trusted_device(db::Session& s, const std::string& device_token, const std::string& subject,
                                    Instant now);
  // "too_many_attempts" (with Retry-After) when an untrusted attempt's account or address is
  // blocked at `now`; a trusted attempt is never blocked.
  Status check(const LoginAttempt& attempt, Instant now);
  // Counts a failure, on the device token when trusted (invalidated after `device_failures`),
  // else on the account and the address; "too_many_attempts" when that blocks them, otherwise
  // `otherwise`.
  Error failed(const LoginAttempt& attempt, Instant now, Error otherwise);
  // A success, in the caller's transaction: an untrusted one clears the account's counter; the
  // token presented (if any) is replaced by a new device token of `subject`, which is returned
  // (the account keeps its newest `devices_per_account`).
  std::string succeeded(db::Session& s, const LoginAttempt& attempt, const std::string& subject, Instant now);
  // Deletes expired device tokens; returns how many.
  static long long purge_devices(db::Session& s, Instant now);

  const ThrottleLimits& limits() const { return limits_; }

 private:
  Database& db_;
  ThrottleLimits limits_;
};

}  // namespace guichet::services
