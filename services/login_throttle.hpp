// Failed-login throttling in the database (shared by every server), for candidates and staff:
// per account, `account_failures` failures within the window block it for 1 minute, doubling
// up to a maximum; per client address, `address_failures` block the address for a while.
// Blocked callers get 429 with Retry-After and cost no password hashing.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "db/database.hpp"

namespace soci {
class session;
}

namespace guichet::services {

struct ThrottleLimits {
  std::chrono::seconds window = std::chrono::minutes(15);
  int account_failures = 5;
  std::chrono::seconds account_block_max = std::chrono::minutes(5);
  int address_failures = 30;
  std::chrono::seconds address_block = std::chrono::minutes(15);
};

class LoginThrottle {
 public:
  // `account_key` and `address_key` name the two counters, e.g. "account:<email>".
  LoginThrottle(Database& db, ThrottleLimits limits) : db_(db), limits_(limits) {}

  // "too_many_attempts" (with Retry-After) when either key is blocked at `now`.
  Status check(const std::string& account_key, const std::string& address_key, Instant now);
  // Counts a failure; "too_many_attempts" when it blocks, otherwise `otherwise`.
  Error failed(const std::string& account_key, const std::string& address_key, Instant now, Error otherwise);
  // A success clears the account's counter (in the caller's transaction).
  static void succeeded(soci::session& s, const std::string& account_key);

 private:
  Database& db_;
  ThrottleLimits limits_;
};

}  // namespace guichet::services
