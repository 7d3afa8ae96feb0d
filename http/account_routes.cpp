// The candidate's account: sign-up, activation, login and logout, password reset, /me.
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include "core/time_format.hpp"
#include "http/api_context.hpp"
#include "http/api_helpers.hpp"
#include "http/candidate_auth.hpp"
#include "http/handlers.hpp"
#include "http/json_error.hpp"
#include "http/views/account_view.hpp"
#include "services/account_service.hpp"

namespace guichet::api {
namespace json = boost::json;
namespace bhttp = boost::beast::http;

Status sign_up(Call& c) {
  auto body = body_object(c.req,
                          {"email", "password", "last_name", "first_name", "birth_date", "birth_place", "nationality",
                           "phone"},
                          {});  // missing fields are reported with all the others below
  if (!body.ok()) return body.error();
  Error faults = invalid_fields();
  services::SignUpInput in;
  in.email = string_field(*body, "email", faults).value_or("");
  in.password = string_field(*body, "password", faults).value_or("");
  in.identity.last_name = string_field(*body, "last_name", faults).value_or("");
  in.identity.first_name = string_field(*body, "first_name", faults).value_or("");
  in.identity.birth_date = string_field(*body, "birth_date", faults).value_or("");
  in.identity.birth_place = string_field(*body, "birth_place", faults).value_or("");
  in.identity.nationality = string_field(*body, "nationality", faults).value_or("");
  in.identity.phone = string_field(*body, "phone", faults).value_or("");
  if (!faults.fields.empty()) {
    // Every faulty field at once: the service's checks beside the ill-typed ones.
    for (auto& [field, message] : c.api.accounts->sign_up_faults(in)) faults.fields.emplace(field, message);
    return faults;
  }
  auto account = c.api.accounts->sign_up(in, c.ctx.client_address);
  if (!account.ok()) return account.error();
  http::write_json(c.res, 201, json::object{{"id", account->id}, {"email", account->email}, {"status", account->status}});
  c.queued_mail();
  return Status::Ok();
}

Status activate_account(Call& c) {
  auto body = body_object(c.req, {"token"}, {"token"});
  if (!body.ok()) return body.error();
  Error faults = invalid_fields();
  auto token = string_field(*body, "token", faults);
  if (!faults.fields.empty()) return faults;
  Status st = c.api.accounts->activate(token.value_or(""));
  if (!st.ok()) return st;
  http::write_json(c.res, 200, json::object{{"status", "active"}});
  return Status::Ok();
}

Status login(Call& c) {
  auto body = body_object(c.req, {"email", "password", "device_token"}, {"email", "password"});
  if (!body.ok()) return body.error();
  Error faults = invalid_fields();
  auto email = string_field(*body, "email", faults);
  auto password = string_field(*body, "password", faults);
  auto device = string_field(*body, "device_token", faults);
  if (!faults.fields.empty()) return faults;
  // The device token of an earlier login: a portal sends it in the body, a browser as the cookie.
  std::string device_token = device ? *device : http::cookie_value(c.req, http::kDeviceCookie);
  auto login = c.api.accounts->login(email.value_or(""), password.value_or(""), c.ctx.client_address, device_token);
  if (!login.ok()) return login.error();
  auto lifetime = std::chrono::duration_cast<std::chrono::seconds>(c.api.accounts->config().session_lifetime).count();
  c.res.set(bhttp::field::set_cookie,
            http::cookie_header(http::kSessionCookie, login->token, "/api", lifetime, c.api.secure_cookie));
  c.res.insert(bhttp::field::set_cookie, http::cookie_header(http::kDeviceCookie, login->device_token, "/api",
                                                             login->device_lifetime.count(), c.api.secure_cookie));
  http::write_json(c.res, 200,
                   json::object{{"token", login->token},
                                {"csrf_token", login->csrf_token},
                                {"expires_at", format_rfc3339(std::chrono::floor<std::chrono::seconds>(login->expires_at),
                                                              *find_zone("Etc/UTC"))},
                                {"device_token", login->device_token}});
  return Status::Ok();
}

// The CSRF token of the session the request presents (a portal reloaded by the browser has
// lost it: only the HttpOnly cookie survives). Readable by the same origin only.
Status csrf(Call& c) {
  http::write_json(c.res, 200, json::object{{"csrf_token", services::csrf_token_for(http::session_token_of(c.req).token)}});
  return Status::Ok();
}

Status logout(Call& c) {
  Status st = c.api.accounts->logout(c.token_hash);
  if (!st.ok()) return st;
  c.res.result(bhttp::status::no_content);
  c.res.set(bhttp::field::set_cookie, http::cookie_header(http::kSessionCookie, "", "/api", 0, c.api.secure_cookie));
  return Status::Ok();
}

Status request_password_reset(Call& c) {
  auto body = body_object(c.req, {"email"}, {"email"});
  if (!body.ok()) return body.error();
  Error faults = invalid_fields();
  auto email = string_field(*body, "email", faults);
  if (!faults.fields.empty()) return faults;
  Status st = c.api.accounts->request_password_reset(email.value_or(""), c.ctx.client_address);
  if (!st.ok()) return st;
  http::write_json(c.res, 202,
                   json::object{{"message", "Si un compte correspond à cette adresse, un mail vient d'y être "
                                            "envoyé : un lien de réinitialisation, ou un nouveau lien "
                                            "d'activation si le compte n'est pas encore activé."}});
  c.queued_mail();
  return Status::Ok();
}

Status confirm_password_reset(Call& c) {
  auto body = body_object(c.req, {"token", "password"}, {"token", "password"});
  if (!body.ok()) return body.error();
  Error faults = invalid_fields();
  auto token = string_field(*body, "token", faults);
  auto password = string_field(*body, "password", faults);
  if (!faults.fields.empty()) return faults;
  Status st = c.api.accounts->confirm_password_reset(token.value_or(""), password.value_or(""));
  if (!st.ok()) return st;
  http::write_json(c.res, 200, json::object{{"status", "password_changed"}});
  return Status::Ok();
}

Status get_me(Call& c) {
  auto a = c.api.accounts->me(c.account_id);
  if (!a.ok()) return a.error();
  http::write_json(c.res, 200, views::account(*a));
  return Status::Ok();
}

Status update_me(Call& c) {
  auto body = body_object(c.req,
                          {"email", "password", "current_password", "last_name", "first_name", "birth_date",
                           "birth_place", "nationality", "phone"},
                          {});
  if (!body.ok()) return body.error();
  Error faults = invalid_fields();
  services::AccountPatch p;
  p.email = string_field(*body, "email", faults);
  p.password = string_field(*body, "password", faults);
  p.current_password = string_field(*body, "current_password", faults);
  p.last_name = string_field(*body, "last_name", faults);
  p.first_name = string_field(*body, "first_name", faults);
  p.birth_date = string_field(*body, "birth_date", faults);
  p.birth_place = string_field(*body, "birth_place", faults);
  p.nationality = string_field(*body, "nationality", faults);
  p.phone = string_field(*body, "phone", faults);
  if (!faults.fields.empty()) return faults;
  auto a = c.api.accounts->update_me(c.account_id, p);
  if (!a.ok()) return a.error();
  http::write_json(c.res, 200, views::account(*a));
  c.queued_mail();
  return Status::Ok();
}

}  // namespace guichet::api
