#include "db/audit_repository.hpp"

#include <soci/soci.h>

#include "db/row_codec.hpp"

namespace guichet::db {
using db_detail::instant;
using db_detail::integer;
using db_detail::text;
using db_detail::to_sql_time;

void append_audit(soci::session& s, const AuditRow& row) {
  std::string at = to_sql_time(row.at);
  s << "INSERT INTO audit_log (academy, at, actor_id, actor, action, target_type, target_id, reason, before_json, "
       "after_json) VALUES (:ac, :at, :aid, :actor, :action, :tt, :tid, :why, :before, :after)",
      soci::use(row.academy), soci::use(at), soci::use(row.actor_id), soci::use(row.actor), soci::use(row.action),
      soci::use(row.target_type), soci::use(row.target_id), soci::use(row.reason), soci::use(row.before_json),
      soci::use(row.after_json);
}

std::vector<AuditRow> query_audit(soci::session& s, const AuditQuery& q) {
  // Every filter is a bound value; absent ones match everything, so one statement serves.
  // The prefix is literal: LIKE's wildcards in it are escaped ("candidate.correct_identity"
  // has an underscore of its own).
  std::string prefix;
  for (char c : q.action_prefix) {
    if (c == '%' || c == '_' || c == '!') prefix += '!';
    prefix += c;
  }
  prefix += "%";
  std::string from = q.from ? to_sql_time(*q.from) : std::string();
  std::string to = q.to ? to_sql_time(*q.to) : std::string("9999");
  long long after = q.after_seq;
  int limit = q.limit;
  std::vector<AuditRow> out;
  soci::rowset<soci::row> rows =
      (s.prepare << "SELECT seq, academy, at, actor_id, actor, action, target_type, target_id, reason, before_json, "
                    "after_json FROM audit_log WHERE academy = :ac AND seq > :after AND action LIKE :prefix ESCAPE '!' "
                    "AND (:actor1 = '' OR actor_id = :actor2) AND (:target1 = '' OR target_id = :target2) "
                    "AND at >= :from AND at < :to ORDER BY seq LIMIT :limit",
       soci::use(q.academy), soci::use(after), soci::use(prefix), soci::use(q.actor_id), soci::use(q.actor_id),
       soci::use(q.target_id), soci::use(q.target_id), soci::use(from), soci::use(to), soci::use(limit));
  for (const auto& r : rows) {
    AuditRow a;
    a.seq = integer(r, 0);
    a.academy = text(r, 1);
    a.at = instant(r, 2);
    a.actor_id = text(r, 3);
    a.actor = text(r, 4);
    a.action = text(r, 5);
    a.target_type = text(r, 6);
    a.target_id = text(r, 7);
    a.reason = text(r, 8);
    a.before_json = text(r, 9);
    a.after_json = text(r, 10);
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace guichet::db
