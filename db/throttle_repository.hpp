// Failed-login counters per key ("account:<email>", "address:<ip>"), shared by every server.
#pragma once

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

}  // namespace guichet::db
