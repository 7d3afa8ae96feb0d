// Who is calling: the candidate session behind "Authorization: Bearer …" or the session
// cookie. A cookie alone does not authorise a state change: unsafe methods through the cookie
// also need the X-CSRF-Token given at login. Shared by the whole-body and the streamed routes.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"
#include "http/json_error.hpp"
#include "services/account_service.hpp"
#include "services/staff_service.hpp"

namespace guichet::http {

inline constexpr const char* kSessionCookie = "guichet_session";
// The device token a login gives (services/login_throttle.hpp); it authenticates nothing.
inline constexpr const char* kDeviceCookie = "guichet_device";
// The back office's session and device cookies: scoped to the staff API, so a candidate's
// requests never carry them (and the reverse: the candidate's cookie is not read there).
inline constexpr const char* kStaffCookie = "guichet_staff";
inline constexpr const char* kStaffDeviceCookie = "guichet_staff_device";

Result<services::Caller> authenticate_candidate(const RequestHeader& req, services::AccountService& accounts);
// The staff session behind the Bearer token or the back office's cookie (then a change needs
// the CSRF header too); shared by the router and the streamed staff routes.
Result<services::StaffCaller> authenticate_staff(const RequestHeader& req, services::StaffService& staff);

// The session token the request presents: the Bearer token, else the session cookie's (which
// alone makes a state change need the CSRF header).
struct PresentedToken {
  std::string token;
  bool from_cookie = false;
};
PresentedToken session_token_of(const RequestHeader& req, std::string_view cookie = kSessionCookie);

// A state change presented through a cookie must carry the session's CSRF token
// (services::csrf_token_for) as X-CSRF-Token; safe methods and bearer tokens need none.
Status check_csrf(const RequestHeader& req, const PresentedToken& presented, const std::string& expected_hash);

// A Set-Cookie value: HttpOnly, SameSite=Strict, Secure when `secure`; max_age 0 removes it.
std::string cookie_header(std::string_view name, std::string_view value, std::string_view path, long long max_age,
                          bool secure);

// The value of cookie `name` in the Cookie header, or "".
std::string cookie_value(const RequestHeader& req, std::string_view name);

}  // namespace guichet::http
