#include "db/accounts_repository.hpp"

#include <soci/soci.h>

#include "db/row_codec.hpp"
#include "db/sql_time.hpp"

namespace guichet::db {
using db_detail::instant;
using db_detail::integer;
using db_detail::maybe_instant;
using db_detail::text;
using db_detail::to_sql_time;

namespace {

constexpr const char* kAccountColumns =
    "id, email, email_key, password_hash, last_name, first_name, birth_date, birth_place, nationality, phone, "
    "status, personal_data_locked, created_at, activated_at, updated_at";

AccountRow account_from(const soci::row& r) {
  AccountRow a;
  a.id = text(r, 0);
  a.email = text(r, 1);
  a.email_key = text(r, 2);
  a.password_hash = text(r, 3);
  a.last_name = text(r, 4);
  a.first_name = text(r, 5);
  a.birth_date = text(r, 6);
  a.birth_place = text(r, 7);
  a.nationality = text(r, 8);
  a.phone = text(r, 9);
  a.status = text(r, 10);
  a.personal_data_locked = integer(r, 11) != 0;
  a.created_at = instant(r, 12);
  a.activated_at = maybe_instant(r, 13);
  a.updated_at = instant(r, 14);
  return a;
}

std::optional<AccountRow> find_one(soci::session& s, const std::string& where, const std::string& value) {
  soci::rowset<soci::row> rows =
      (s.prepare << std::string("SELECT ") + kAccountColumns + " FROM accounts WHERE " + where + " = :v",
       soci::use(value));
  for (const auto& r : rows) return account_from(r);
  return std::nullopt;
}

}  // namespace

void insert_account(soci::session& s, const AccountRow& a) {
  std::string created = to_sql_time(a.created_at), updated = to_sql_time(a.updated_at);
  int locked = a.personal_data_locked ? 1 : 0;
  s << "INSERT INTO accounts (id, email, email_key, password_hash, last_name, first_name, birth_date, "
       "birth_place, nationality, phone, status, personal_data_locked, created_at, updated_at) VALUES "
       "(:id, :email, :key, :hash, :ln, :fn, :bd, :bp, :nat, :phone, :status, :locked, :created, :updated)",
      soci::use(a.id), soci::use(a.email), soci::use(a.email_key), soci::use(a.password_hash),
      soci::use(a.last_name), soci::use(a.first_name), soci::use(a.birth_date), soci::use(a.birth_place),
      soci::use(a.nationality), soci::use(a.phone), soci::use(a.status), soci::use(locked), soci::use(created),
      soci::use(updated);
}

std::optional<AccountRow> find_account_by_id(soci::session& s, const std::string& id) {
  return find_one(s, "id", id);
}

std::optional<AccountRow> find_account_by_email_key(soci::session& s, const std::string& email_key) {
  return find_one(s, "email_key", email_key);
}

void update_account(soci::session& s, const AccountRow& a) {
  std::string updated = to_sql_time(a.updated_at);
  std::string activated = a.activated_at ? to_sql_time(*a.activated_at) : std::string();
  soci::indicator activated_ind = a.activated_at ? soci::i_ok : soci::i_null;
  int locked = a.personal_data_locked ? 1 : 0;
  s << "UPDATE accounts SET email = :email, email_key = :key, password_hash = :hash, last_name = :ln, "
       "first_name = :fn, birth_date = :bd, birth_place = :bp, nationality = :nat, phone = :phone, "
       "status = :status, personal_data_locked = :locked, activated_at = :activated, updated_at = :updated "
       "WHERE id = :id",
      soci::use(a.email), soci::use(a.email_key), soci::use(a.password_hash), soci::use(a.last_name),
      soci::use(a.first_name), soci::use(a.birth_date), soci::use(a.birth_place), soci::use(a.nationality),
      soci::use(a.phone), soci::use(a.status), soci::use(locked), soci::use(activated, activated_ind),
      soci::use(updated), soci::use(a.id);
}

bool delete_pending_account(soci::session& s, const std::string& id) {
  // Its tokens go by ON DELETE CASCADE (foreign keys are on in SQLite too), as in the purge.
  soci::statement st =
      (s.prepare << "DELETE FROM accounts WHERE id = :id AND status = 'pending_activation'", soci::use(id));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

long long delete_pending_accounts_before(soci::session& s, Instant cutoff) {
  std::string at = to_sql_time(cutoff);
  soci::statement st = (s.prepare << "DELETE FROM accounts WHERE status = 'pending_activation' AND created_at <= :c",
                        soci::use(at));
  st.execute(true);
  return st.get_affected_rows();
}

void insert_token(soci::session& s, const TokenRow& t) {
  std::string created = to_sql_time(t.created_at), expires = to_sql_time(t.expires_at);
  soci::indicator csrf_ind = t.csrf_hash.empty() ? soci::i_null : soci::i_ok;
  s << "INSERT INTO account_tokens (token_hash, account_id, kind, csrf_hash, created_at, expires_at) "
       "VALUES (:h, :a, :k, :c, :cr, :ex)",
      soci::use(t.token_hash), soci::use(t.account_id), soci::use(t.kind), soci::use(t.csrf_hash, csrf_ind),
      soci::use(created), soci::use(expires);
}

std::optional<TokenRow> find_token(soci::session& s, const std::string& token_hash, const std::string& kind) {
  // Every authenticated request asks this: a one-time query, one round trip on PostgreSQL.
  TokenRow t;
  std::string created, expires, used;
  soci::indicator csrf_ind = soci::i_null, used_ind = soci::i_null;
  s << "SELECT account_id, csrf_hash, created_at, expires_at, used_at FROM account_tokens "
       "WHERE token_hash = :h AND kind = :k",
      soci::use(token_hash), soci::use(kind), soci::into(t.account_id), soci::into(t.csrf_hash, csrf_ind),
      soci::into(created), soci::into(expires), soci::into(used, used_ind);
  if (!s.got_data()) return std::nullopt;
  t.token_hash = token_hash;
  t.kind = kind;
  if (csrf_ind != soci::i_ok) t.csrf_hash.clear();
  auto c = db_detail::from_sql_time(created), e = db_detail::from_sql_time(expires);
  t.created_at = c.ok() ? *c : Instant{};
  t.expires_at = e.ok() ? *e : Instant{};
  if (used_ind == soci::i_ok) {
    auto u = db_detail::from_sql_time(used);
    if (u.ok()) t.used_at = *u;
  }
  return t;
}

bool use_token(soci::session& s, const std::string& token_hash, Instant at) {
  std::string when = to_sql_time(at);
  soci::statement st = (s.prepare << "UPDATE account_tokens SET used_at = :at WHERE token_hash = :h AND used_at IS NULL",
                        soci::use(when), soci::use(token_hash));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::optional<Instant> newest_token_time(soci::session& s, const std::string& account_id, const std::string& kind) {
  soci::rowset<soci::row> rows = (s.prepare << "SELECT MAX(created_at) FROM account_tokens WHERE account_id = :a AND kind = :k",
                                  soci::use(account_id), soci::use(kind));
  for (const auto& r : rows) return maybe_instant(r, 0);
  return std::nullopt;
}

void delete_token(soci::session& s, const std::string& token_hash) {
  s << "DELETE FROM account_tokens WHERE token_hash = :h", soci::use(token_hash);
}

void delete_tokens(soci::session& s, const std::string& account_id, const std::string& kind) {
  s << "DELETE FROM account_tokens WHERE account_id = :a AND kind = :k", soci::use(account_id), soci::use(kind);
}

}  // namespace guichet::db
