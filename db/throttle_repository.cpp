#include "db/throttle_repository.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <vector>

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

RateWindow hit_rate_limit(soci::session& s, const std::string& key, Instant now, std::chrono::seconds window) {
  // Fixed-width UTC text compares as time in both backends.
  std::string at = db_detail::to_sql_time(now), cutoff = db_detail::to_sql_time(now - window);
  std::string at2 = at, cutoff2 = cutoff;
  s << "INSERT INTO rate_limits (rate_key, window_start, hits) VALUES (:k, :at, 1) "
       "ON CONFLICT (rate_key) DO UPDATE SET "
       "hits = CASE WHEN rate_limits.window_start <= :cutoff THEN 1 ELSE rate_limits.hits + 1 END, "
       "window_start = CASE WHEN rate_limits.window_start <= :cutoff2 THEN :at2 ELSE rate_limits.window_start END",
      soci::use(key), soci::use(at), soci::use(cutoff), soci::use(cutoff2), soci::use(at2);
  return find_rate_limit(s, key).value_or(RateWindow{1, now});
}

std::optional<RateWindow> find_rate_limit(soci::session& s, const std::string& key) {
  soci::rowset<soci::row> rows =
      (s.prepare << "SELECT hits, window_start FROM rate_limits WHERE rate_key = :k", soci::use(key));
  for (const auto& r : rows) return RateWindow{static_cast<int>(db_detail::integer(r, 0)), db_detail::instant(r, 1)};
  return std::nullopt;
}

long long delete_rate_limits_before(soci::session& s, Instant cutoff) {
  std::string at = db_detail::to_sql_time(cutoff);
  soci::statement st = (s.prepare << "DELETE FROM rate_limits WHERE window_start < :c", soci::use(at));
  st.execute(true);
  return st.get_affected_rows();
}

void insert_device(soci::session& s, const DeviceRow& d) {
  std::string created = db_detail::to_sql_time(d.created_at), expires = db_detail::to_sql_time(d.expires_at);
  s << "INSERT INTO login_devices (token_hash, subject, created_at, expires_at, failures) "
       "VALUES (:h, :s, :c, :e, :f)",
      soci::use(d.token_hash), soci::use(d.subject), soci::use(created), soci::use(expires), soci::use(d.failures);
}

std::optional<DeviceRow> find_device(soci::session& s, const std::string& token_hash) {
  soci::rowset<soci::row> rows =
      (s.prepare << "SELECT subject, created_at, expires_at, failures FROM login_devices WHERE token_hash = :h",
       soci::use(token_hash));
  for (const auto& r : rows) {
    DeviceRow d;
    d.token_hash = token_hash;
    d.subject = db_detail::text(r, 0);
    d.created_at = db_detail::instant(r, 1);
    d.expires_at = db_detail::instant(r, 2);
    d.failures = static_cast<int>(db_detail::integer(r, 3));
    return d;
  }
  return std::nullopt;
}

int count_device_failure(soci::session& s, const std::string& token_hash) {
  // The UPDATE locks the row: concurrent failures with one token are all counted.
  s << "UPDATE login_devices SET failures = failures + 1 WHERE token_hash = :h", soci::use(token_hash);
  auto d = find_device(s, token_hash);
  return d ? d->failures : 0;
}

void delete_device(soci::session& s, const std::string& token_hash) {
  s << "DELETE FROM login_devices WHERE token_hash = :h", soci::use(token_hash);
}

void keep_newest_devices(soci::session& s, const std::string& subject, const std::string& newest, int keep) {
  std::vector<std::string> others;
  {
    soci::rowset<soci::row> rows = (s.prepare << "SELECT token_hash FROM login_devices WHERE subject = :s AND "
                                                 "token_hash <> :n ORDER BY created_at DESC, token_hash",
                                    soci::use(subject), soci::use(newest));
    for (const auto& r : rows) others.push_back(db_detail::text(r, 0));
  }
  for (std::size_t i = static_cast<std::size_t>(std::max(0, keep - 1)); i < others.size(); ++i)
    delete_device(s, others[i]);
}

long long delete_devices_expired(soci::session& s, Instant now) {
  std::string at = db_detail::to_sql_time(now);
  soci::statement st = (s.prepare << "DELETE FROM login_devices WHERE expires_at <= :n", soci::use(at));
  st.execute(true);
  return st.get_affected_rows();
}

}  // namespace guichet::db
