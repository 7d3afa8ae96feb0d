// /api/v1/admin/audit and audit.csv: the académie's audit log, for auditors and admins; and
// /api/v1/admin/plugins.
#include <boost/beast/http.hpp>

#include "http/api_context.hpp"
#include "http/handlers.hpp"
#include "http/views/audit_view.hpp"
#include "services/audit_reader.hpp"
#include "services/staff_roles.hpp"
#include "http/admin_json.hpp"
#include "http/api_helpers.hpp"
#include "http/json_error.hpp"
#include "http/views/audit_view.hpp"

namespace guichet::api {
namespace json = boost::json;
namespace bhttp = boost::beast::http;

namespace {

// The audit log's filter from the query; a fault on any parameter.
Result<services::AuditFilter> audit_filter(const Call& r) {
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
    if (e) return *e;
  f.from = *from;
  f.to = *to;
  f.after = *after;
  f.limit = static_cast<int>(*limit);
  return f;
}

}  // namespace

Status query_audit(Call& r) {
  auto f = audit_filter(r);
  if (!f.ok()) return f.error();
  auto page = r.api.audit->query(r.actor, *f);
  if (!page.ok()) return page.error();
  http::write_json(r.res, 200, views::audit_page(*page));
  return Status::Ok();
}

Status export_audit(Call& r) {
  auto f = audit_filter(r);
  if (!f.ok()) return f.error();
  auto csv = r.api.audit->export_csv(r.actor, *f);
  if (!csv.ok()) return csv.error();
  send_file(r.res, std::move(csv->bytes), csv->content_type, csv->file_name);
  return Status::Ok();
}

// The running server's plugins (version, ABI, state, what each provides) and how their event
// delivery stands, for admins and auditors. Plugins serve every académie, so this shows no
// académie's data: names, states, counts.
Status plugins_status(Call& r) {
  if (!services::allows(r.actor.roles, services::Right::read_audit) &&
      !services::allows(r.actor.roles, services::Right::manage_staff))
    return Error{ErrorCode::forbidden, "Votre rôle ne permet pas cette action."};
  http::write_json(r.res, 200, r.api.plugins_status ? r.api.plugins_status() : boost::json::value(boost::json::object{}));
  return Status::Ok();
}

}  // namespace guichet::api
