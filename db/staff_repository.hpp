// Staff accounts (the académies' offices) and their tokens, as rows. Separate from candidates:
// another table, another login, never the same session.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"

namespace soci {
class session;
}

namespace guichet::db {

struct StaffUserRow {
  std::string id;
  std::string academy;
  std::string email, email_key, display_name;
  std::string password_hash;      // empty until the invitation is taken up
  std::string roles;              // comma-separated, sorted: "admin,manager"
  std::string totp_secret;        // base32
  long long totp_last_step = 0;   // the last time step accepted: a code is used once
  std::string status;             // invited | active | disabled
  Instant created_at{}, updated_at{};
};

void insert_staff_user(soci::session& s, const StaffUserRow& u);
void update_staff_user(soci::session& s, const StaffUserRow& u);
std::optional<StaffUserRow> find_staff_user(soci::session& s, const std::string& id);
std::optional<StaffUserRow> find_staff_user_by_email_key(soci::session& s, const std::string& email_key);
std::vector<StaffUserRow> list_staff_users(soci::session& s, const std::string& academy);
// Accepts time step `step` for the user unless a step at least as new was already used:
// false means the code was replayed (or a concurrent login won with it).
bool use_totp_step(soci::session& s, const std::string& user_id, long long step);

struct StaffTokenRow {
  std::string token_hash, user_id;
  std::string kind;  // session | setup
  Instant created_at{}, expires_at{}, last_seen_at{};
  std::optional<Instant> used_at{};
};

void insert_staff_token(soci::session& s, const StaffTokenRow& t);
std::optional<StaffTokenRow> find_staff_token(soci::session& s, const std::string& token_hash, const std::string& kind);
void touch_staff_token(soci::session& s, const std::string& token_hash, Instant at);
bool use_staff_token(soci::session& s, const std::string& token_hash, Instant at);
void delete_staff_token(soci::session& s, const std::string& token_hash);
void delete_staff_tokens(soci::session& s, const std::string& user_id, const std::string& kind);

}  // namespace guichet::db
