// /api/v1/admin/auth/... and /me: staff log in with a second factor, enrol from an invitation,
// log out. A login answers the bearer token (for API clients) and sets the staff cookie, scoped
// to /api/v1/admin, for the back office in a browser: a change through the cookie then needs
// the CSRF header (http/router.cpp), as on the candidate side.
#include <boost/beast/http.hpp>

#include <algorithm>

#include "core/time_format.hpp"
#include "http/admin_json.hpp"
#include "http/api_context.hpp"
#include "http/api_helpers.hpp"
#include "http/candidate_auth.hpp"
#include "http/handlers.hpp"
#include "http/views/staff_view.hpp"
#include "http/json_error.hpp"
#include "services/account_service.hpp"
#include "services/rules_lifecycle.hpp"
#include "services/staff_service.hpp"

namespace guichet::api {
namespace json = boost::json;
namespace bhttp = boost::beast::http;

Status staff_login(Call& c) {
  auto body = body_object(c.req, {"email", "password", "code", "device_token"}, {"email", "password", "code"});
  if (!body.ok()) return body.error();
  Error faults = invalid_fields();
  auto email = string_field(*body, "email", faults);
  auto password = string_field(*body, "password", faults);
  auto code = string_field(*body, "code", faults);
  auto device = string_field(*body, "device_token", faults);
  if (!faults.fields.empty()) return faults;
  // The device token of an earlier login: an API client sends it in the body, a browser as the cookie.
  std::string device_token = device ? *device : http::cookie_value(c.req, http::kStaffDeviceCookie);
  auto login = c.api.staff->login(email.value_or(""), password.value_or(""), code.value_or(""), c.ctx.client_address,
                                  device_token);
  if (!login.ok()) return login.error();
  auto lifetime = std::chrono::duration_cast<std::chrono::seconds>(login->expires_at - c.api.staff->security_clock().now()).count();
  c.res.set(bhttp::field::set_cookie,
            http::cookie_header(http::kStaffCookie, login->token, "/api/v1/admin", std::max<long long>(lifetime, 1),
                                c.api.secure_cookie));
  c.res.insert(bhttp::field::set_cookie,
               http::cookie_header(http::kStaffDeviceCookie, login->device_token, "/api/v1/admin/auth",
                                   login->device_lifetime.count(), c.api.secure_cookie));
  json::object answer =
      views::staff_login(*login, c.api.lifecycle->zone_of(login->user.academy), c.api.staff->idle_timeout());
  answer["csrf_token"] = services::csrf_token_for(login->token);
  http::write_json(c.res, 200, answer);
  return Status::Ok();
}

Status accept_invitation(Call& c) {
  auto body = body_object(c.req, {"token", "password"}, {"token", "password"});
  if (!body.ok()) return body.error();
  Error faults = invalid_fields();
  auto token = string_field(*body, "token", faults);
  auto password = string_field(*body, "password", faults);
  if (!faults.fields.empty()) return faults;
  auto enrolment = c.api.staff->accept_invitation(token.value_or(""), password.value_or(""));
  if (!enrolment.ok()) return enrolment.error();
  http::write_json(c.res, 200,
                   json::object{{"totp_secret", enrolment->totp_secret}, {"otpauth_uri", enrolment->otpauth_uri}});
  return Status::Ok();
}

Status staff_logout(Call& c) {
  Status st = c.api.staff->logout(c.token_hash);
  if (!st.ok()) return st;
  c.res.result(bhttp::status::no_content);
  c.res.set(bhttp::field::set_cookie,
            http::cookie_header(http::kStaffCookie, "", "/api/v1/admin", 0, c.api.secure_cookie));
  return Status::Ok();
}

// The CSRF token of the staff session presented (the back office reloaded has lost it).
Status staff_csrf(Call& c) {
  http::write_json(c.res, 200, json::object{{"csrf_token", services::csrf_token_for(
                                                               http::session_token_of(c.req, http::kStaffCookie).token)}});
  return Status::Ok();
}

Status staff_me(Call& c) {
  json::object me = views::staff_actor(c.actor);
  me["idle_timeout_seconds"] = c.api.staff->idle_timeout().count();
  // The académie as people name it (« Poitiers »), for the back office's header.
  const auto rules = c.api.rules->current();
  const Academy* academy = rules ? rules->academy(c.actor.academy) : nullptr;
  me["academy_name"] = academy ? academy->name : c.actor.academy;
  http::write_json(c.res, 200, me);
  return Status::Ok();
}

}  // namespace guichet::api
