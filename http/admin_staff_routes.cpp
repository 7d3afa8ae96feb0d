// /api/v1/admin/users: an académie admin manages its académie's staff.
#include <boost/beast/http.hpp>

#include "http/api_context.hpp"
#include "http/handlers.hpp"
#include "http/views/staff_view.hpp"
#include "services/rules_lifecycle.hpp"
#include "services/staff_service.hpp"
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

const date::time_zone* zone_of(const Call& r) { return r.api.lifecycle->zone_of(r.actor.academy); }

}  // namespace

Status list_staff(Call& r) {
  auto users = r.api.staff->list_users(r.actor);
  if (!users.ok()) return users.error();
  json::array arr;
  for (const auto& u : *users) arr.push_back(views::staff_user(u, zone_of(r)));
  http::write_json(r.res, 200, json::object{{"users", std::move(arr)}});
  return Status::Ok();
}

Status create_staff(Call& r) {
  auto body = body_object(r.req, {"email", "display_name", "roles"}, {"email", "display_name", "roles"});
  if (!body.ok()) return body.error();
  Error faults = invalid_fields();
  services::NewStaff in;
  in.academy = r.actor.academy;
  in.email = string_field(*body, "email", faults).value_or("");
  in.display_name = string_field(*body, "display_name", faults).value_or("");
  in.roles = roles_field(*body, faults).value_or(0);
  if (!faults.fields.empty()) return faults;
  auto created = r.api.staff->create_user(r.actor, in);
  if (!created.ok()) return created.error();
  r.res.set(bhttp::field::location, "/api/v1/admin/users/" + created->user.id);
  http::write_json(r.res, 201, views::staff_user(created->user, zone_of(r)));
  r.queued_mail();
  return Status::Ok();
}

Status update_staff(Call& r) {
  auto body = body_object(r.req, {"display_name", "roles", "status"}, {});
  if (!body.ok()) return body.error();
  Error faults = invalid_fields();
  services::StaffPatch p;
  p.display_name = string_field(*body, "display_name", faults);
  p.roles = roles_field(*body, faults);
  p.status = string_field(*body, "status", faults);
  if (!faults.fields.empty()) return faults;
  auto updated = r.api.staff->update_user(r.actor, r.path["id"], p);
  if (!updated.ok()) return updated.error();
  http::write_json(r.res, 200, views::staff_user(*updated, zone_of(r)));
  r.queued_mail();
  return Status::Ok();
}

Status reset_staff(Call& r) {
  auto reset = r.api.staff->reset_user(r.actor, r.path["id"]);
  if (!reset.ok()) return reset.error();
  http::write_json(r.res, 200, views::staff_user(*reset, zone_of(r)));
  r.queued_mail();
  return Status::Ok();
}

}  // namespace guichet::api
