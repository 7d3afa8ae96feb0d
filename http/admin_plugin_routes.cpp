// /api/v1/admin/plugins: the running server's plugins (version, ABI, state, what each
// provides) and how their event delivery stands, for admins and auditors. Plugins serve every
// académie, so this shows no académie's data: names, states, counts.
#include <boost/beast/http.hpp>

#include "http/admin_api.hpp"
#include "http/api_helpers.hpp"
#include "http/json_error.hpp"
#include "services/staff_roles.hpp"

namespace guichet::api {
namespace bhttp = boost::beast::http;

RouteOutcome AdminApi::plugin_routes(AdminRequest& r) {
  if (r.path.size() != 1 || r.path[0] != "plugins") return RouteOutcome::miss();
  if (!r.is_get()) return RouteOutcome::done(method_not_allowed(r.res, "GET"));
  if (!services::allows(r.actor.roles, services::Right::read_audit) &&
      !services::allows(r.actor.roles, services::Right::manage_staff))
    return RouteOutcome::done(Error{"forbidden", "Votre rôle ne permet pas cette action."});
  http::write_json(r.res, 200, plugins_status_ ? plugins_status_() : boost::json::value(boost::json::object{}));
  return RouteOutcome::done();
}

}  // namespace guichet::api
