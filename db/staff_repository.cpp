#include "db/staff_repository.hpp"

#include <soci/soci.h>

#include "db/row_codec.hpp"

namespace guichet::db {
using db_detail::instant;
using db_detail::integer;
using db_detail::maybe_instant;
using db_detail::text;
using db_detail::to_sql_time;

namespace {

constexpr const char* kUserColumns =
    "id, academy, email, email_key, display_name, password_hash, roles, totp_secret, totp_last_step, status, "
    "created_at, updated_at";

StaffUserRow user_from(const soci::row& r) {
  StaffUserRow u;
  u.id = text(r, 0);
  u.academy = text(r, 1);
  u.email = text(r, 2);
  u.email_key = text(r, 3);
  u.display_name = text(r, 4);
  u.password_hash = text(r, 5);
  u.roles = text(r, 6);
  u.totp_secret = text(r, 7);
  u.totp_last_step = integer(r, 8);
  u.status = text(r, 9);
  u.created_at = instant(r, 10);
  u.updated_at = instant(r, 11);
  return u;
}

std::vector<StaffUserRow> select_users(soci::session& s, const std::string& where, const std::string& value) {
  std::vector<StaffUserRow> out;
  soci::rowset<soci::row> rows = (s.prepare << std::string("SELECT ") + kUserColumns + " FROM staff_users WHERE " +
                                                   where + " = :v ORDER BY email_key",
                                  soci::use(value));
  for (const auto& r : rows) out.push_back(user_from(r));
  return out;
}

}  // namespace

void insert_staff_user(soci::session& s, const StaffUserRow& u) {
  std::string created = to_sql_time(u.created_at), updated = to_sql_time(u.updated_at);
  s << std::string("INSERT INTO staff_users (") + kUserColumns +
           ") VALUES (:id, :ac, :em, :key, :name, :hash, :roles, :totp, :step, :status, :cr, :up)",
      soci::use(u.id), soci::use(u.academy), soci::use(u.email), soci::use(u.email_key), soci::use(u.display_name),
      soci::use(u.password_hash), soci::use(u.roles), soci::use(u.totp_secret), soci::use(u.totp_last_step),
      soci::use(u.status), soci::use(created), soci::use(updated);
}

void update_staff_user(soci::session& s, const StaffUserRow& u) {
  std::string updated = to_sql_time(u.updated_at);
  s << "UPDATE staff_users SET email = :em, email_key = :key, display_name = :name, password_hash = :hash, "
       "roles = :roles, totp_secret = :totp, status = :status, updated_at = :up WHERE id = :id",
      soci::use(u.email), soci::use(u.email_key), soci::use(u.display_name), soci::use(u.password_hash),
      soci::use(u.roles), soci::use(u.totp_secret), soci::use(u.status), soci::use(updated), soci::use(u.id);
}

std::optional<StaffUserRow> find_staff_user(soci::session& s, const std::string& id) {
  auto found = select_users(s, "id", id);
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::optional<StaffUserRow> find_staff_user_by_email_key(soci::session& s, const std::string& email_key) {
  auto found = select_users(s, "email_key", email_key);
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::vector<StaffUserRow> list_staff_users(soci::session& s, const std::string& academy) {
  return select_users(s, "academy", academy);
}

bool use_totp_step(soci::session& s, const std::string& user_id, long long step) {
  soci::statement st = (s.prepare << "UPDATE staff_users SET totp_last_step = :step WHERE id = :id AND "
                                     "totp_last_step < :step2",
                        soci::use(step), soci::use(user_id), soci::use(step));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void insert_staff_token(soci::session& s, const StaffTokenRow& t) {
  std::string created = to_sql_time(t.created_at), expires = to_sql_time(t.expires_at),
              seen = to_sql_time(t.last_seen_at);
  s << "INSERT INTO staff_tokens (token_hash, user_id, kind, created_at, expires_at, last_seen_at) VALUES "
       "(:h, :u, :k, :c, :e, :s)",
      soci::use(t.token_hash), soci::use(t.user_id), soci::use(t.kind), soci::use(created), soci::use(expires),
      soci::use(seen);
}

std::optional<StaffTokenRow> find_staff_token(soci::session& s, const std::string& token_hash,
                                              const std::string& kind) {
  soci::rowset<soci::row> rows =
      (s.prepare << "SELECT user_id, created_at, expires_at, last_seen_at, used_at FROM staff_tokens "
                    "WHERE token_hash = :h AND kind = :k",
       soci::use(token_hash), soci::use(kind));
  for (const auto& r : rows) {
    StaffTokenRow t{token_hash, text(r, 0), kind};
    t.created_at = instant(r, 1);
    t.expires_at = instant(r, 2);
    t.last_seen_at = instant(r, 3);
    t.used_at = maybe_instant(r, 4);
    return t;
  }
  return std::nullopt;
}

void touch_staff_token(soci::session& s, const std::string& token_hash, Instant at) {
  std::string when = to_sql_time(at);
  s << "UPDATE staff_tokens SET last_seen_at = :at WHERE token_hash = :h", soci::use(when), soci::use(token_hash);
}

bool use_staff_token(soci::session& s, const std::string& token_hash, Instant at) {
  std::string when = to_sql_time(at);
  soci::statement st = (s.prepare << "UPDATE staff_tokens SET used_at = :at WHERE token_hash = :h AND used_at IS NULL",
                        soci::use(when), soci::use(token_hash));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void delete_staff_token(soci::session& s, const std::string& token_hash) {
  s << "DELETE FROM staff_tokens WHERE token_hash = :h", soci::use(token_hash);
}

void delete_staff_tokens(soci::session& s, const std::string& user_id, const std::string& kind) {
  s << "DELETE FROM staff_tokens WHERE user_id = :u AND kind = :k", soci::use(user_id), soci::use(kind);
}

}  // namespace guichet::db
