// Staff accounts of the académies' offices: creation (command line or an académie admin),
// the invitation to choose a password and enrol the second factor, login with a password and
// a TOTP code, short sessions, and the admin's management of its académie's staff. Every
// change is audited.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "services/audit.hpp"
#include "services/crypto.hpp"
#include "services/login_throttle.hpp"

namespace guichet::services {

struct StaffConfig {
  std::string backoffice_url = "http://127.0.0.1:8080";  // base of the invitation link
  std::string mail_from = "Guichet des examens <ne-pas-repondre@guichet.invalid>";
  PasswordCost password_cost = PasswordCost::interactive();
  // Short sessions: closed after `idle` without a request, and after `lifetime` in any case.
  std::chrono::seconds idle = std::chrono::minutes(15);
  std::chrono::seconds lifetime = std::chrono::hours(8);
  std::chrono::seconds invitation_lifetime = std::chrono::hours(72);
  ThrottleLimits throttle;
  // The clock of staff security (null: the service's): second factors, sessions' idle and
  // absolute expiry, invitations and resets, login throttles and lockouts, device tokens. The
  // server gives the machine's clock when it runs on a simulated one: a phone's
  // authenticator reads real time, and a session must not die or live on by a jump of the
  // simulated clock.
  const Clock* security_clock = nullptr;
};

struct StaffView {
  std::string id, academy, email, display_name, status;
  unsigned roles = 0;
  Instant created_at{};
};

struct NewStaff {
  std::string academy, email, display_name;
  unsigned roles = 0;
  std::optional<std::string> password;  // the command line sets it; the API invites instead
};

struct CreatedStaff {
  StaffView user;
  std::string totp_secret, otpauth_uri;  // only when a password was given (the command line)
};

struct StaffPatch {
  std::optional<std::string> display_name;
  std::optional<unsigned> roles;
  std::optional<std::string> status;  // active | disabled
};

struct StaffLogin {
  std::string token;
  Instant expires_at{};  // the absolute end; idle sessions end sooner
  StaffView user;
  std::string device_token;  // to present at the next logins (login_throttle.hpp)
  std::chrono::seconds device_lifetime{};
};

struct Enrolment {
  std::string totp_secret, otpauth_uri;
};

// A checked staff session: who acts, and the session to end at logout.
struct StaffCaller {
  Actor actor;
  std::string token_hash;
};

class StaffService {
 public:
  StaffService(Database& db, const Clock& clock, StaffConfig config);

  // `by` is an académie admin (same académie) or the command line (Actor id "cli").
  Result<CreatedStaff> create_user(const Actor& by, const NewStaff& in);
  // Takes up an invitation: sets the password and returns the TOTP secret to enrol, once.
  Result<Enrolment> accept_invitation(const std::string& token, const std::string& password);
  // `device_token`: the one an earlier login gave this client, if any (see login_throttle.hpp).
  Result<StaffLogin> login(const std::string& email, const std::string& password, const std::string& code,
                           const std::string& client, const std::string& device_token = "");
  Status logout(const std::string& token_hash);
  Result<StaffCaller> authenticate(const std::string& token);
  std::chrono::seconds idle_timeout() const { return config_.idle; }
  // The clock sessions and tokens live by (the machine's, even on a simulating server).
  const Clock& security_clock() const { return config_.security_clock ? *config_.security_clock : clock_; }

  Result<std::vector<StaffView>> list_users(const Actor& by);
  // "not_found" for a user of another académie.
  Result<StaffView> update_user(const Actor& by, const std::string& id, const StaffPatch& patch);
  // Lost phone or password: a new secret, the password cleared, a new invitation mailed;
  // the user's sessions end.
  Result<StaffView> reset_user(const Actor& by, const std::string& id);

 private:
  Database& db_;
  const Clock& clock_;
  StaffConfig config_;
  std::string dummy_hash_;
};

}  // namespace guichet::services
