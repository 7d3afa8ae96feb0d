#include "db/events_repository.hpp"

#include <soci/soci.h>

#include "db/row_codec.hpp"

namespace guichet::db {
using db_detail::instant;
using db_detail::integer;
using db_detail::text;
using db_detail::to_sql_time;

namespace {

EventRow event_from(const soci::row& r) {
  EventRow e;
  e.seq = integer(r, 0);
  e.id = text(r, 1);
  e.type = text(r, 2);
  e.aggregate = text(r, 3);
  e.payload = text(r, 4);
  e.occurred_at = instant(r, 5);
  return e;
}

CursorRow cursor_from(const soci::row& r) {
  CursorRow c;
  c.consumer = text(r, 0);
  c.last_seq = integer(r, 1);
  c.attempts = static_cast<int>(integer(r, 2));
  c.next_attempt_at = instant(r, 3);
  c.last_error = text(r, 4);
  c.lease_owner = text(r, 5);
  c.lease_until = instant(r, 6);
  return c;
}

constexpr const char* kCursorColumns =
    "consumer, last_seq, attempts, next_attempt_at, last_error, lease_owner, lease_until";

}  // namespace

void append_event(soci::session& s, const EventRow& e) {
  std::string at = to_sql_time(e.occurred_at);
  s << "INSERT INTO events (id, type, aggregate, payload, occurred_at) VALUES (:i, :t, :a, :p, :o)", soci::use(e.id),
      soci::use(e.type), soci::use(e.aggregate), soci::use(e.payload), soci::use(at);
}

std::vector<EventRow> events_after(soci::session& s, long long after_seq, int limit) {
  std::vector<EventRow> out;
  soci::rowset<soci::row> rows =
      (s.prepare << "SELECT seq, id, type, aggregate, payload, occurred_at FROM events WHERE seq > :s "
                    "ORDER BY seq LIMIT :n",
       soci::use(after_seq), soci::use(limit));
  for (const auto& r : rows) out.push_back(event_from(r));
  return out;
}

std::optional<EventRow> event_at(soci::session& s, long long seq) {
  soci::rowset<soci::row> rows =
      (s.prepare << "SELECT seq, id, type, aggregate, payload, occurred_at FROM events WHERE seq = :s", soci::use(seq));
  for (const auto& r : rows) return event_from(r);
  return std::nullopt;
}

long long last_event_seq(soci::session& s) {
  soci::rowset<soci::row> rows = (s.prepare << "SELECT MAX(seq) FROM events");
  for (const auto& r : rows) return integer(r, 0);
  return 0;
}

long long purge_events(soci::session& s, Instant before) {
  std::string b = to_sql_time(before);
  soci::statement st =
      (s.prepare << "DELETE FROM events WHERE occurred_at < :b AND seq <= "
                    "(SELECT COALESCE(MIN(last_seq), (SELECT COALESCE(MAX(seq), 0) FROM events)) FROM event_cursors "
                    " WHERE lease_until >= :b2) "
                    "AND seq NOT IN (SELECT p.seq FROM event_parked p JOIN event_cursors c ON c.consumer = p.consumer "
                    " WHERE c.lease_until >= :b3)",
       soci::use(b), soci::use(b), soci::use(b));
  st.execute(true);
  return st.get_affected_rows();
}

CursorRow ensure_cursor(soci::session& s, const std::string& consumer, Instant now) {
  auto find = [&]() -> std::optional<CursorRow> {
    soci::rowset<soci::row> rows = (s.prepare << std::string("SELECT ") + kCursorColumns +
                                                     " FROM event_cursors WHERE consumer = :c",
                                    soci::use(consumer));
    for (const auto& r : rows) return cursor_from(r);
    return std::nullopt;
  };
  if (auto existing = find()) return *existing;
  // Only for a new consumer: where the log ends now.
  CursorRow c;
  c.consumer = consumer;
  c.last_seq = last_event_seq(s);
  c.next_attempt_at = now;
  c.lease_until = Instant{};  // free to take
  std::string at = to_sql_time(now), free = to_sql_time(c.lease_until);
  s << "INSERT INTO event_cursors (consumer, last_seq, attempts, next_attempt_at, last_error, lease_owner, "
       "lease_until) VALUES (:c, :s, 0, :n, '', '', :l) ON CONFLICT (consumer) DO NOTHING",
      soci::use(consumer), soci::use(c.last_seq), soci::use(at), soci::use(free);
  return find().value_or(c);  // another server may have made it first
}

long long count_parked(soci::session& s, const std::string& consumer) {
  long long n = 0;
  s << "SELECT COUNT(*) FROM event_parked WHERE consumer = :c", soci::use(consumer), soci::into(n);
  return n;
}

bool lease_cursor(soci::session& s, const std::string& consumer, const std::string& owner, Instant now,
                  Instant until) {
  std::string n = to_sql_time(now), u = to_sql_time(until);
  soci::statement st = (s.prepare << "UPDATE event_cursors SET lease_owner = :o, lease_until = :u "
                                     "WHERE consumer = :c AND (lease_owner = :o2 OR lease_until < :n)",
                        soci::use(owner), soci::use(u), soci::use(consumer), soci::use(owner), soci::use(n));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void release_cursor(soci::session& s, const std::string& consumer, const std::string& owner, Instant now) {
  std::string free = to_sql_time(now - std::chrono::microseconds(1));
  s << "UPDATE event_cursors SET lease_owner = '', lease_until = :f WHERE consumer = :c AND lease_owner = :o",
      soci::use(free), soci::use(consumer), soci::use(owner);
}

void save_cursor(soci::session& s, const CursorRow& c) {
  std::string next = to_sql_time(c.next_attempt_at);
  s << "UPDATE event_cursors SET last_seq = :s, attempts = :a, next_attempt_at = :n, last_error = :e "
       "WHERE consumer = :c",
      soci::use(c.last_seq), soci::use(c.attempts), soci::use(next), soci::use(c.last_error), soci::use(c.consumer);
}

std::vector<CursorRow> all_cursors(soci::session& s) {
  std::vector<CursorRow> out;
  soci::rowset<soci::row> rows =
      (s.prepare << std::string("SELECT ") + kCursorColumns + " FROM event_cursors ORDER BY consumer");
  for (const auto& r : rows) out.push_back(cursor_from(r));
  return out;
}

void park_event(soci::session& s, const ParkedRow& p) {
  std::string next = to_sql_time(p.next_attempt_at);
  s << "INSERT INTO event_parked (consumer, seq, aggregate, attempts, next_attempt_at, last_error) "
       "VALUES (:c, :s, :a, :t, :n, :e) ON CONFLICT (consumer, seq) DO NOTHING",
      soci::use(p.consumer), soci::use(p.seq), soci::use(p.aggregate), soci::use(p.attempts), soci::use(next),
      soci::use(p.last_error);
}

std::vector<ParkedRow> parked_events(soci::session& s, const std::string& consumer, int limit) {
  std::vector<ParkedRow> out;
  soci::rowset<soci::row> rows =
      (s.prepare << "SELECT consumer, seq, aggregate, attempts, next_attempt_at, last_error FROM event_parked "
                    "WHERE consumer = :c ORDER BY seq LIMIT :n",
       soci::use(consumer), soci::use(limit));
  for (const auto& r : rows) {
    ParkedRow p;
    p.consumer = text(r, 0);
    p.seq = integer(r, 1);
    p.aggregate = text(r, 2);
    p.attempts = static_cast<int>(integer(r, 3));
    p.next_attempt_at = instant(r, 4);
    p.last_error = text(r, 5);
    out.push_back(std::move(p));
  }
  return out;
}

void unpark_event(soci::session& s, const std::string& consumer, long long seq) {
  s << "DELETE FROM event_parked WHERE consumer = :c AND seq = :s", soci::use(consumer), soci::use(seq);
}

void update_parked(soci::session& s, const ParkedRow& p) {
  std::string next = to_sql_time(p.next_attempt_at);
  s << "UPDATE event_parked SET attempts = :a, next_attempt_at = :n, last_error = :e WHERE consumer = :c AND seq = :s",
      soci::use(p.attempts), soci::use(next), soci::use(p.last_error), soci::use(p.consumer), soci::use(p.seq);
}

}  // namespace guichet::db
