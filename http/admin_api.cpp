#include "http/admin_api.hpp"

#include <boost/beast/http.hpp>
#include <boost/url.hpp>
#include <spdlog/spdlog.h>

#include <set>

#include "core/time_format.hpp"
#include "http/admin_json.hpp"
#include "http/api_helpers.hpp"
#include "http/json_error.hpp"
#include "http/path_segments.hpp"
#include "http/views/staff_view.hpp"

namespace guichet::api {
namespace json = boost::json;
namespace bhttp = boost::beast::http;

bool AdminRequest::is_get() const { return req.method() == bhttp::verb::get || req.method() == bhttp::verb::head; }

std::string AdminRequest::param(const std::string& name) const {
  auto it = query.find(name);
  return it == query.end() ? std::string() : it->second;
}

namespace {

// The metric label of a route: fixed names kept, anything a caller chose becomes {x}.
std::string route_label(const std::vector<std::string>& path) {
  static const std::set<std::string> kNamed = {
      "auth", "login", "logout", "invitation", "me", "users", "reset", "registrations", "registrations.csv",
      "history", "withdraw", "candidate", "pieces", "files", "review", "documents", "bulk", "derogations",
      "audit", "audit.csv", "rules", "versions", "impact", "activate", "approve", "settings", "plugins"};
  std::string out = "/api/v1/admin";
  for (std::size_t i = 0; i < path.size() && i < 8; ++i) out += kNamed.count(path[i]) ? "/" + path[i] : "/{x}";
  return out;
}

std::string bearer_token(const http::Request& req) {
  std::string_view h = req[bhttp::field::authorization];
  if (h.size() > 7 && (h.substr(0, 7) == "Bearer " || h.substr(0, 7) == "bearer ")) return std::string(h.substr(7));
  return "";
}

}  // namespace

AdminApi::AdminApi(services::StaffService& staff, services::OfficeService& office, services::AuditReader& audit,
                   services::RulesLifecycle& rules, http::BlockingPool& pool, std::function<void()> on_change)
    : staff_(staff), office_(office), audit_(audit), rules_(rules), pool_(pool), on_change_(std::move(on_change)) {}

bool AdminApi::handle(const http::Request& req, http::Response& res, http::RequestContext& ctx) {
  std::string_view target = req.target();
  auto parsed = boost::urls::parse_origin_form(target);
  auto seg = http::path_segments(target.substr(0, target.find('?')));
  if (seg.size() < 3 || seg[0] != "api" || seg[1] != "v1" || seg[2] != "admin") return false;
  std::vector<std::string> path(seg.begin() + 3, seg.end());
  ctx.route = route_label(path);
  std::map<std::string, std::string> query;
  if (parsed)
    for (auto p : parsed->params()) query[std::string(p.key)] = std::string(p.value);

  const bool bad_target = parsed.has_error();
  auto done = ctx.defer();
  pool_.submit([this, &req, &res, &ctx, path = std::move(path), query = std::move(query), bad_target,
                done](unsigned worker) mutable {
    try {
      Error e = [&]() -> Error {
        if (bad_target) return Error{"validation_failed", "Adresse de requête invalide."};
        auto pub = public_routes(req, res, ctx, path);
        if (pub.matched) return pub.error;
        auto caller = staff_.authenticate(bearer_token(req));
        if (!caller.ok()) return caller.error();
        AdminRequest r{req, res, ctx, path, std::move(query), caller->actor, caller->token_hash, worker};
        return dispatch(r);
      }();
      if (!e.code.empty()) {
        std::string allow(res[bhttp::field::allow]);
        res.result(bhttp::status::ok);
        write_error(res, e);
        if (!allow.empty()) res.set(bhttp::field::allow, allow);
      } else {
        on_change_();
      }
    } catch (const std::exception& ex) {
      spdlog::error("requête {} : exception : {}", ctx.request_id, ex.what());
      res = http::Response{};
      http::write_json_error(res, 500, "internal_error", "Une erreur interne est survenue. Veuillez réessayer plus tard.");
    }
    done();
  });
  return true;
}

Error AdminApi::dispatch(AdminRequest& r) {
  for (auto group : {&AdminApi::session_routes, &AdminApi::staff_routes, &AdminApi::registration_routes,
                     &AdminApi::audit_routes, &AdminApi::rules_routes, &AdminApi::plugin_routes}) {
    RouteOutcome out = (this->*group)(r);
    if (out.matched) return out.error;
  }
  return Error{"not_found", "La ressource demandée n'existe pas."};
}

RouteOutcome AdminApi::public_routes(const http::Request& req, http::Response& res, http::RequestContext& ctx,
                                     const std::vector<std::string>& path) {
  if (path.size() != 2 || path[0] != "auth" || (path[1] != "login" && path[1] != "invitation"))
    return RouteOutcome::miss();
  if (req.method() != bhttp::verb::post) return RouteOutcome::done(method_not_allowed(res, "POST"));
  if (path[1] == "login") {
    auto body = body_object(req, {"email", "password", "code", "device_token"}, {"email", "password", "code"});
    if (!body.ok()) return RouteOutcome::done(body.error());
    Error faults = invalid_fields();
    auto email = string_field(*body, "email", faults);
    auto password = string_field(*body, "password", faults);
    auto code = string_field(*body, "code", faults);
    auto device = string_field(*body, "device_token", faults);
    if (!faults.fields.empty()) return RouteOutcome::done(faults);
    // Staff have no cookies: the back office keeps the device token and sends it back.
    auto login = staff_.login(email.value_or(""), password.value_or(""), code.value_or(""), ctx.client_address,
                              device.value_or(""));
    if (!login.ok()) return RouteOutcome::done(login.error());
    http::write_json(res, 200, views::staff_login(*login, rules_.zone_of(login->user.academy), staff_.idle_timeout()));
    return RouteOutcome::done();
  }
  auto body = body_object(req, {"token", "password"}, {"token", "password"});
  if (!body.ok()) return RouteOutcome::done(body.error());
  Error faults = invalid_fields();
  auto token = string_field(*body, "token", faults);
  auto password = string_field(*body, "password", faults);
  if (!faults.fields.empty()) return RouteOutcome::done(faults);
  auto enrolment = staff_.accept_invitation(token.value_or(""), password.value_or(""));
  if (!enrolment.ok()) return RouteOutcome::done(enrolment.error());
  http::write_json(res, 200, json::object{{"totp_secret", enrolment->totp_secret}, {"otpauth_uri", enrolment->otpauth_uri}});
  return RouteOutcome::done();
}

RouteOutcome AdminApi::session_routes(AdminRequest& r) {
  if (r.path.size() == 2 && r.path[0] == "auth" && r.path[1] == "logout") {
    if (r.req.method() != bhttp::verb::post) return RouteOutcome::done(method_not_allowed(r.res, "POST"));
    Status st = staff_.logout(r.token_hash);
    if (!st.ok()) return RouteOutcome::done(st.error());
    r.res.result(bhttp::status::no_content);
    return RouteOutcome::done();
  }
  if (r.path.size() == 1 && r.path[0] == "me") {
    if (!r.is_get()) return RouteOutcome::done(method_not_allowed(r.res, "GET"));
    http::write_json(r.res, 200, views::staff_actor(r.actor));
    return RouteOutcome::done();
  }
  return RouteOutcome::miss();
}

}  // namespace guichet::api
