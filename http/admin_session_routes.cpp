// /api/v1/admin/auth/... and /me: staff log in with a second factor, enrol from an invitation,
// log out. Staff sessions are bearer tokens only (no cookie, hence no CSRF surface).
#include <boost/beast/http.hpp>

#include "core/time_format.hpp"
#include "http/admin_json.hpp"
#include "http/api_context.hpp"
#include "http/api_helpers.hpp"
#include "http/handlers.hpp"
#include "http/views/staff_view.hpp"
#include "http/json_error.hpp"
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
  // Staff have no cookies: the back office keeps the device token and sends it back.
  auto login = c.api.staff->login(email.value_or(""), password.value_or(""), code.value_or(""), c.ctx.client_address,
                                  device.value_or(""));
  if (!login.ok()) return login.error();
  http::write_json(c.res, 200,
                   views::staff_login(*login, c.api.lifecycle->zone_of(login->user.academy), c.api.staff->idle_timeout()));
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
  return Status::Ok();
}

Status staff_me(Call& c) {
  http::write_json(c.res, 200, views::staff_actor(c.actor));
  return Status::Ok();
}

}  // namespace guichet::api
