// /api/v1/admin/users: an académie admin manages its académie's staff.
#include <boost/beast/http.hpp>

#include "http/admin_api.hpp"
#include "http/admin_json.hpp"
#include "http/api_helpers.hpp"
#include "http/json_error.hpp"
#include "http/views/staff_view.hpp"
#include "services/staff_roles.hpp"

namespace guichet::api {
namespace json = boost::json;
namespace bhttp = boost::beast::http;

namespace {

// "roles": ["manager", "auditor"] -> bits; a field fault otherwise.
std::optional<unsigned> roles_field(const json::object& body, Error& faults) {
  const json::value* v = body.if_contains("roles");
  if (!v) return std::nullopt;
  std::string joined;
  if (v->is_array()) {
    for (const auto& x : v->get_array()) {
      if (!x.is_string()) {
        joined = "?";
        break;
      }
      joined += (joined.empty() ? "" : ",") + std::string(x.get_string());
    }
  }
  auto roles = services::parse_roles(joined);
  if (!roles) faults.fields["roles"] = "Liste de rôles attendue : manager, rules_editor, auditor, admin.";
  return roles;
}

}  // namespace

RouteOutcome AdminApi::staff_routes(AdminRequest& r) {
  if (r.path.empty() || r.path[0] != "users") return RouteOutcome::miss();
  if (r.path.size() == 1) {
    if (r.is_get()) {
      auto users = staff_.list_users(r.actor);
      if (!users.ok()) return RouteOutcome::done(users.error());
      json::array arr;
      for (const auto& u : *users) arr.push_back(views::staff_user(u, rules_.zone_of(r.actor.academy)));
      http::write_json(r.res, 200, json::object{{"users", std::move(arr)}});
      return RouteOutcome::done();
    }
    if (r.req.method() != bhttp::verb::post) return RouteOutcome::done(method_not_allowed(r.res, "GET, POST"));
    auto body = body_object(r.req, {"email", "display_name", "roles"}, {"email", "display_name", "roles"});
    if (!body.ok()) return RouteOutcome::done(body.error());
    Error faults = invalid_fields();
    services::NewStaff in;
    in.academy = r.actor.academy;
    in.email = string_field(*body, "email", faults).value_or("");
    in.display_name = string_field(*body, "display_name", faults).value_or("");
    in.roles = roles_field(*body, faults).value_or(0);
    if (!faults.fields.empty()) return RouteOutcome::done(faults);
    auto created = staff_.create_user(r.actor, in);
    if (!created.ok()) return RouteOutcome::done(created.error());
    r.res.set(bhttp::field::location, "/api/v1/admin/users/" + created->user.id);
    http::write_json(r.res, 201, views::staff_user(created->user, rules_.zone_of(r.actor.academy)));
    return RouteOutcome::done();
  }
  const std::string& id = r.path[1];
  if (r.path.size() == 2) {
    if (r.req.method() != bhttp::verb::patch) return RouteOutcome::done(method_not_allowed(r.res, "PATCH"));
    auto body = body_object(r.req, {"display_name", "roles", "status"}, {});
    if (!body.ok()) return RouteOutcome::done(body.error());
    Error faults = invalid_fields();
    services::StaffPatch p;
    p.display_name = string_field(*body, "display_name", faults);
    p.roles = roles_field(*body, faults);
    p.status = string_field(*body, "status", faults);
    if (!faults.fields.empty()) return RouteOutcome::done(faults);
    auto updated = staff_.update_user(r.actor, id, p);
    if (!updated.ok()) return RouteOutcome::done(updated.error());
    http::write_json(r.res, 200, views::staff_user(*updated, rules_.zone_of(r.actor.academy)));
    return RouteOutcome::done();
  }
  if (r.path.size() == 3 && r.path[2] == "reset") {
    if (r.req.method() != bhttp::verb::post) return RouteOutcome::done(method_not_allowed(r.res, "POST"));
    auto reset = staff_.reset_user(r.actor, id);
    if (!reset.ok()) return RouteOutcome::done(reset.error());
    http::write_json(r.res, 200, views::staff_user(*reset, rules_.zone_of(r.actor.academy)));
    return RouteOutcome::done();
  }
  return RouteOutcome::miss();
}

}  // namespace guichet::api
