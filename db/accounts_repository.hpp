// Candidate accounts and their tokens (sessions, activation and reset links), as rows.
// Functions take a soci::session so a service composes them in one transaction.
#pragma once

#include <optional>
#include <string>

#include "core/clock.hpp"

namespace soci {
class session;
}

namespace guichet::db {

struct AccountRow {
  std::string id;
  std::string email;
  std::string email_key;  // lower-cased, the unique login
  std::string password_hash;
  std::string last_name, first_name, birth_date, birth_place, nationality, phone;
  std::string status;  // pending_activation | active
  bool personal_data_locked = false;
  Instant created_at{};
  std::optional<Instant> activated_at;
  Instant updated_at{};
};

void insert_account(soci::session& s, const AccountRow& a);
std::optional<AccountRow> find_account_by_id(soci::session& s, const std::string& id);
std::optional<AccountRow> find_account_by_email_key(soci::session& s, const std::string& email_key);
// Writes every mutable column of `a` (by id).
void update_account(soci::session& s, const AccountRow& a);
// Deletes one account still pending activation (its tokens go with it); false when it is not
// (any more) pending.
bool delete_pending_account(soci::session& s, const std::string& id);
// Deletes accounts still pending activation created at or before `cutoff`; returns how many.
long long delete_pending_accounts_before(soci::session& s, Instant cutoff);

struct TokenRow {
  std::string token_hash;
  std::string account_id;
  std::string kind;  // session | activation | password_reset
  std::string csrf_hash;
  Instant created_at{};
  Instant expires_at{};
  std::optional<Instant> used_at;
};

void insert_token(soci::session& s, const TokenRow& t);
std::optional<TokenRow> find_token(soci::session& s, const std::string& token_hash, const std::string& kind);
// Marks a single-use token used; false when it already was (a concurrent use won).
bool use_token(soci::session& s, const std::string& token_hash, Instant at);
void delete_token(soci::session& s, const std::string& token_hash);
// When the newest token of `kind` for the account was made, if any.
std::optional<Instant> newest_token_time(soci::session& s, const std::string& account_id, const std::string& kind);
void delete_tokens(soci::session& s, const std::string& account_id, const std::string& kind);

}  // namespace guichet::db
