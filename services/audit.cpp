#include "services/audit.hpp"

#include <boost/json.hpp>

#include "db/audit_repository.hpp"

namespace guichet::services {

void audit(db::Session& s, const Actor& actor, Instant at, const AuditRecord& record) {
  db::AuditRow row;
  row.academy = actor.academy;
  row.at = at;
  row.actor_id = actor.id;
  row.actor = actor.name;
  row.action = record.action;
  row.target_type = record.target_type;
  row.target_id = record.target_id;
  row.reason = record.reason;
  row.before_json = boost::json::serialize(record.before);
  row.after_json = boost::json::serialize(record.after);
  db::append_audit(s, row);
}

}  // namespace guichet::services
