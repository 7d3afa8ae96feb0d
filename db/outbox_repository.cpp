#include "db/outbox_repository.hpp"

#include <soci/soci.h>

#include "db/row_codec.hpp"

namespace guichet::db {
using db_detail::instant;
using db_detail::integer;
using db_detail::maybe_instant;
using db_detail::text;
using db_detail::to_sql_time;

namespace {

constexpr const char* kColumns =
    "id, kind, recipient, message, created_at, attempts, next_attempt_at, delivered_at, last_error, academy";

OutboxRow outbox_from(const soci::row& r) {
  OutboxRow o;
  o.id = text(r, 0);
  o.kind = text(r, 1);
  o.recipient = text(r, 2);
  o.message = text(r, 3);
  o.created_at = instant(r, 4);
  o.attempts = static_cast<int>(integer(r, 5));
  o.next_attempt_at = instant(r, 6);
  o.delivered_at = maybe_instant(r, 7);
  o.last_error = text(r, 8);
  o.academy = text(r, 9);
  return o;
}

}  // namespace

void enqueue_mail(soci::session& s, const OutboxRow& o) {
  std::string created = to_sql_time(o.created_at), next = to_sql_time(o.next_attempt_at);
  soci::indicator academy = o.academy.empty() ? soci::i_null : soci::i_ok;
  s << "INSERT INTO outbox (id, kind, recipient, message, created_at, attempts, next_attempt_at, academy) "
       "VALUES (:id, :k, :r, :m, :c, 0, :n, :a)",
      soci::use(o.id), soci::use(o.kind), soci::use(o.recipient), soci::use(o.message), soci::use(created),
      soci::use(next), soci::use(o.academy, academy);
}

std::vector<OutboxRow> due_mails(soci::session& s, Instant now, int limit) {
  std::vector<OutboxRow> out;
  std::string at = to_sql_time(now);
  soci::rowset<soci::row> rows =
      (s.prepare << std::string("SELECT ") + kColumns +
                        " FROM outbox WHERE delivered_at IS NULL AND next_attempt_at <= :now "
                        "ORDER BY created_at LIMIT :n",
       soci::use(at), soci::use(limit));
  for (const auto& r : rows) out.push_back(outbox_from(r));
  return out;
}

bool lease_mail(soci::session& s, const OutboxRow& row, Instant lease_until) {
  std::string until = to_sql_time(lease_until), seen = to_sql_time(row.next_attempt_at);
  soci::statement st = (s.prepare << "UPDATE outbox SET next_attempt_at = :until WHERE id = :id AND "
                                     "next_attempt_at = :seen AND delivered_at IS NULL",
                        soci::use(until), soci::use(row.id), soci::use(seen));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void mark_delivered(soci::session& s, const std::string& id, Instant at) {
  std::string when = to_sql_time(at);
  s << "UPDATE outbox SET delivered_at = :at, attempts = attempts + 1, last_error = NULL WHERE id = :id",
      soci::use(when), soci::use(id);
}

void mark_failed(soci::session& s, const std::string& id, int attempts, Instant retry_at, const std::string& error) {
  std::string when = to_sql_time(retry_at);
  s << "UPDATE outbox SET attempts = :a, next_attempt_at = :n, last_error = :e WHERE id = :id", soci::use(attempts),
      soci::use(when), soci::use(error), soci::use(id);
}

std::vector<OutboxRow> all_mails(soci::session& s) {
  std::vector<OutboxRow> out;
  soci::rowset<soci::row> rows = (s.prepare << std::string("SELECT ") + kColumns + " FROM outbox ORDER BY created_at");
  for (const auto& r : rows) out.push_back(outbox_from(r));
  return out;
}

}  // namespace guichet::db
