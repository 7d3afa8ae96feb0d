#include "db/derogations_repository.hpp"

#include <soci/soci.h>

#include "db/row_codec.hpp"

namespace guichet::db {
using db_detail::instant;
using db_detail::text;
using db_detail::to_sql_time;

std::optional<DerogationRow> find_derogation(soci::session& s, const std::string& account_id,
                                             const std::string& academy, const std::string& exam,
                                             const std::string& session) {
  soci::rowset<soci::row> rows =
      (s.prepare << "SELECT until_at, reason, granted_by, granted_at FROM derogations WHERE account_id = :a "
                    "AND academy = :ac AND exam = :ex AND session = :se",
       soci::use(account_id), soci::use(academy), soci::use(exam), soci::use(session));
  for (const auto& r : rows) {
    DerogationRow d{account_id, academy, exam, session};
    d.until = instant(r, 0);
    d.reason = text(r, 1);
    d.granted_by = text(r, 2);
    d.granted_at = instant(r, 3);
    return d;
  }
  return std::nullopt;
}

void save_derogation(soci::session& s, const DerogationRow& d) {
  std::string until = to_sql_time(d.until), granted = to_sql_time(d.granted_at);
  s << "INSERT INTO derogations (account_id, academy, exam, session, until_at, reason, granted_by, granted_at) "
       "VALUES (:a, :ac, :ex, :se, :u, :r, :by, :at) ON CONFLICT (account_id, academy, exam, session) DO UPDATE SET "
       "until_at = excluded.until_at, reason = excluded.reason, granted_by = excluded.granted_by, "
       "granted_at = excluded.granted_at",
      soci::use(d.account_id), soci::use(d.academy), soci::use(d.exam), soci::use(d.session), soci::use(until),
      soci::use(d.reason), soci::use(d.granted_by), soci::use(granted);
}

}  // namespace guichet::db
