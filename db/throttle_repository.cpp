#include "db/throttle_repository.hpp"

#include <soci/soci.h>

#include "db/row_codec.hpp"

namespace guichet::db {

std::optional<ThrottleRow> find_throttle(soci::session& s, const std::string& key) {
  soci::rowset<soci::row> rows =
      (s.prepare << "SELECT throttle_key, failures, first_failure_at, blocked_until FROM login_throttle "
                    "WHERE throttle_key = :k",
       soci::use(key));
  for (const auto& r : rows) {
    ThrottleRow t;
    t.key = db_detail::text(r, 0);
    t.failures = static_cast<int>(db_detail::integer(r, 1));
    t.first_failure_at = db_detail::instant(r, 2);
    t.blocked_until = db_detail::maybe_instant(r, 3);
    return t;
  }
  return std::nullopt;
}

void save_throttle(soci::session& s, const ThrottleRow& t) {
  std::string first = db_detail::to_sql_time(t.first_failure_at);
  std::string blocked = t.blocked_until ? db_detail::to_sql_time(*t.blocked_until) : std::string();
  soci::indicator ind = t.blocked_until ? soci::i_ok : soci::i_null;
  s << "INSERT INTO login_throttle (throttle_key, failures, first_failure_at, blocked_until) "
       "VALUES (:k, :f, :first, :b) ON CONFLICT (throttle_key) DO UPDATE SET failures = :f2, "
       "first_failure_at = :first2, blocked_until = :b2",
      soci::use(t.key), soci::use(t.failures), soci::use(first), soci::use(blocked, ind), soci::use(t.failures),
      soci::use(first), soci::use(blocked, ind);
}

void clear_throttle(soci::session& s, const std::string& key) {
  s << "DELETE FROM login_throttle WHERE throttle_key = :k", soci::use(key);
}

}  // namespace guichet::db
