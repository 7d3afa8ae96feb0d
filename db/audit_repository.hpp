// The audit log: one row per staff action and per rule activation, appended in the same
// transaction as the change it records. The database refuses updates and deletes (triggers).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"

namespace soci {
class session;
}

namespace guichet::db {

struct AuditRow {
  long long seq = 0;  // set by the database, increasing
  std::string academy;
  Instant at{};
  std::string actor_id;  // staff user id, or "cli", or "system"
  std::string actor;     // display name at the time (the row must stay readable if the user goes)
  std::string action;    // e.g. "registration.withdraw"
  std::string target_type, target_id;
  std::string reason;
  std::string before_json = "null", after_json = "null";
};

void append_audit(soci::session& s, const AuditRow& row);

struct AuditQuery {
  std::string academy;
  std::string action_prefix;  // "" for all; "registration." for every registration action (literal)
  std::string actor_id, target_id;
  std::optional<Instant> from, to;  // [from, to)
  long long after_seq = 0;          // paging: rows after this one
  int limit = 100;
};

// Oldest first from `after_seq`.
std::vector<AuditRow> query_audit(soci::session& s, const AuditQuery& q);

}  // namespace guichet::db
