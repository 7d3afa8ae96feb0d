// /api/v1/admin/audit and audit.csv: the académie's audit log, for auditors and admins.
#include <boost/beast/http.hpp>

#include "http/admin_api.hpp"
#include "http/admin_json.hpp"
#include "http/api_helpers.hpp"
#include "http/json_error.hpp"
#include "http/views/audit_view.hpp"

namespace guichet::api {
namespace json = boost::json;
namespace bhttp = boost::beast::http;

RouteOutcome AdminApi::audit_routes(AdminRequest& r) {
  if (r.path.size() != 1 || (r.path[0] != "audit" && r.path[0] != "audit.csv")) return RouteOutcome::miss();
  if (!r.is_get()) return RouteOutcome::done(method_not_allowed(r.res, "GET"));
  services::AuditFilter f;
  f.action = r.param("action");
  f.actor = r.param("actor");
  f.target = r.param("target");
  auto from = instant_param(r, "from");
  auto to = instant_param(r, "to");
  auto after = int_param(r, "after", 0, 0, 1'000'000'000'000LL);
  auto limit = int_param(r, "limit", 100, 1, 1000);
  for (const Error* e : {from.ok() ? nullptr : &from.error(), to.ok() ? nullptr : &to.error(),
                         after.ok() ? nullptr : &after.error(), limit.ok() ? nullptr : &limit.error()})
    if (e) return RouteOutcome::done(*e);
  f.from = *from;
  f.to = *to;
  f.after = *after;
  f.limit = static_cast<int>(*limit);
  if (r.path[0] == "audit.csv") {
    auto csv = audit_.export_csv(r.actor, f);
    if (!csv.ok()) return RouteOutcome::done(csv.error());
    send_file(r.res, std::move(csv->bytes), csv->content_type, csv->file_name);
    return RouteOutcome::done();
  }
  auto page = audit_.query(r.actor, f);
  if (!page.ok()) return RouteOutcome::done(page.error());
  http::write_json(r.res, 200, views::audit_page(*page));
  return RouteOutcome::done();
}

}  // namespace guichet::api
