// Failed-login counters per key ("account:<email>", "address:<ip>"), and fixed-window rate
// limits per key ("mail:<email>", "mail-client:<ip>"), shared by every server.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "core/clock.hpp"

namespace soci {
class session;
}

namespace guichet::db {

struct ThrottleRow {
  std::string key;
  int failures = 0;
  Instant first_failure_at{};
  std::optional<Instant> blocked_until;
};

std::optional<ThrottleRow> find_throttle(soci::session& s, const std::string& key);
void save_throttle(soci::session& s, const ThrottleRow& row);
void clear_throttle(soci::session& s, const std::string& key);

// One more hit on `key` in the caller's transaction (the row stays locked until it ends, so
// concurrent hits on one key are counted one after the other): a window older than `window`
// starts afresh at `now` with this hit. Returns the window after the hit.
struct RateWindow {
  int hits = 0;
  Instant started_at{};
};
RateWindow hit_rate_limit(soci::session& s, const std::string& key, Instant now, std::chrono::seconds window);
// The window of `key` as it stands, without a hit (nullopt: no row).
std::optional<RateWindow> find_rate_limit(soci::session& s, const std::string& key);
// Forgets windows started before `cutoff` (they no longer limit anything); returns how many.
long long delete_rate_limits_before(soci::session& s, Instant cutoff);

// Device tokens: a client that logged in to `subject` before (throttle exemption, see
// services/login_throttle.hpp).
struct DeviceRow {
  std::string token_hash;
  std::string subject;  // "account:<id>" | "staff_user:<id>"
  Instant created_at{};
  Instant expires_at{};
  int failures = 0;
};
void insert_device(soci::session& s, const DeviceRow& d);
std::optional<DeviceRow> find_device(soci::session& s, const std::string& token_hash);
// One more failed login with the token; returns the count after it (0: no such token).
int count_device_failure(soci::session& s, const std::string& token_hash);
void delete_device(soci::session& s, const std::string& token_hash);
// Keeps `newest` and the `keep` - 1 newest other tokens of `subject`, deletes the rest.
void keep_newest_devices(soci::session& s, const std::string& subject, const std::string& newest, int keep);
long long delete_devices_expired(soci::session& s, Instant now);

}  // namespace guichet::db
