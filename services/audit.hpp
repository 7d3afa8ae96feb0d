// Who acts, and the audit row their action leaves, written in the action's own transaction:
// the change and its record commit together or not at all.
#pragma once

#include <boost/json/value.hpp>

#include <functional>
#include <string>

#include "core/clock.hpp"
#include "db/database.hpp"

namespace guichet::services {

// The author of a back-office action: a staff user, the command line or the server itself.
struct Actor {
  std::string id;       // staff user id, "cli" or "system"
  std::string name;     // shown in histories and the audit log
  std::string academy;  // whose data it may touch
  unsigned roles = 0;
};

struct AuditRecord {
  std::string action;  // "staff.create", "registration.withdraw", "rules.activate", ...
  std::string target_type, target_id;
  std::string reason;
  // What the action changed, before and after: free-form per action and stored as JSON text in
  // the append-only log, which auditors read back as it was written (data, not a view: it
  // stays JSON). null when there is no such side.
  boost::json::value before, after;
};

void audit(db::Session& s, const Actor& actor, Instant at, const AuditRecord& record);

// Extra writes a service runs inside its own transaction (the audit row of the action).
using AlsoInTransaction = std::function<void(db::Session&)>;

}  // namespace guichet::services
