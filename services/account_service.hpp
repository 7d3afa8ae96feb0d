// The candidate's account: sign-up, activation, login and sessions, password reset, "me".
// Every rule about accounts lives here; HTTP only translates.
#pragma once

#include <optional>
#include <map>
#include <string>

#include "core/clock.hpp"
#include "core/events.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "services/candidate_config.hpp"

namespace guichet::services {

struct Identity {
  std::string last_name, first_name, birth_date, birth_place, nationality, phone;
};

struct SignUpInput {
  std::string email, password;
  Identity identity;
};

struct AccountView {
  std::string id, email, status;
  Identity identity;
  bool personal_data_locked = false;
  Instant created_at{};
};

struct LoginResult {
  std::string token, csrf_token;
  Instant expires_at{};
  AccountView account;
  // A new device token of this account (login_throttle.hpp): presented at the next logins, it
  // keeps this client out of the lockouts strangers cause.
  std::string device_token;
  std::chrono::seconds device_lifetime{};
};

// The CSRF token of a session: derived one-way from the session token, so that a page reloaded
// by the browser (which keeps only the HttpOnly cookie) can ask for it again through
// GET /api/v1/auth/csrf, and a cross-site page, which cannot read that answer, never learns it.
std::string csrf_token_for(const std::string& session_token);

// Who is calling, once a token checked out.
struct Caller {
  std::string account_id;
  std::string token_hash;
  std::string csrf_hash;
};

struct AccountPatch {
  std::optional<std::string> email, password, current_password;
  std::optional<std::string> last_name, first_name, birth_date, birth_place, nationality, phone;
};

class AccountService {
 public:
  AccountService(Database& db, const Clock& clock, EventBus& events, CandidateConfig config);

  // `client` is the caller's address: sign-ups and reset requests are limited per client
  // address and per email address (CandidateConfig). A sign-up on the address of an account
  // never activated replaces it.
  Result<AccountView> sign_up(const SignUpInput& input, const std::string& client);
  // Every fault of a sign-up's fields at once (French sentence per field), nothing stored.
  std::map<std::string, std::string> sign_up_faults(const SignUpInput& input) const;
  Status activate(const std::string& token);
  // `client` is the caller's address; `device_token` the one an earlier login gave this
  // client, if any (an invalid one is simply not trusted).
  Result<LoginResult> login(const std::string& email, const std::string& password, const std::string& client,
                            const std::string& device_token = "");
  Status logout(const std::string& token_hash);
  // The caller behind a session token; "unauthenticated" when unknown or expired.
  Result<Caller> authenticate(const std::string& token);
  // Succeeds alike for every address (no hint whether it exists), but for the rate limits,
  // which count every request. An account not activated yet gets a new activation link.
  Status request_password_reset(const std::string& email, const std::string& client);
  Status confirm_password_reset(const std::string& token, const std::string& password);
  Result<AccountView> me(const std::string& account_id);
  Result<AccountView> update_me(const std::string& account_id, const AccountPatch& patch);
  // Deletes accounts not activated within the activation lifetime; returns how many.
  Result<long long> purge_unactivated();
  // Forgets rate-limit windows that limit nothing any more and expired device tokens; returns
  // how many.
  Result<long long> purge_expired_limits();

  const CandidateConfig& config() const { return config_; }

 private:
  Database& db_;
  const Clock& clock_;
  // Accounts live on the security clock (CandidateConfig::security_clock), never a simulated one.
  const Clock& security_clock() const { return config_.security_clock ? *config_.security_clock : clock_; }
  EventBus& events_;
  CandidateConfig config_;
  std::string dummy_hash_;  // verified against for unknown emails, so timing tells nothing
};

// Lower-cased, trimmed email: the unique login key.
std::string email_key(const std::string& email);
bool plausible_email(const std::string& email);

}  // namespace guichet::services
