// /api/v1/admin/dashboard, /admin/reminders... and /academies/{academy}/figures: what an exam
// office watches while a window is open (issue 18). Rights and scope are PilotageService's.
#include <boost/beast/http.hpp>

#include "http/admin_json.hpp"
#include "http/api_context.hpp"
#include "http/api_helpers.hpp"
#include "http/handlers.hpp"
#include "http/json_error.hpp"
#include "http/views/pilotage_view.hpp"
#include "services/academy_zone.hpp"
#include "services/pilotage.hpp"

namespace guichet::api {
namespace json = boost::json;
namespace bhttp = boost::beast::http;

namespace {

const date::time_zone* zone_of(const Call& r, const std::string& academy) {
  return services::academy_zone(*r.api.rules, academy);
}

}  // namespace

Status get_dashboard(Call& r) {
  auto d = r.api.pilotage->dashboard(r.actor, r.param("session"), r.param("exam"));
  if (!d.ok()) return d.error();
  http::write_json(r.res, 200, views::dashboard(*d, zone_of(r, r.actor.academy)));
  return Status::Ok();
}

Status list_reminders(Call& r) {
  auto within = int_param(r, "within_days", 7, 0, 60);
  if (!within.ok()) return within.error();
  auto list = r.api.pilotage->reminder_candidates(r.actor, r.param("session"), r.param("exam"), static_cast<int>(*within));
  if (!list.ok()) return list.error();
  http::write_json(r.res, 200, views::reminder_list(*list, zone_of(r, r.actor.academy)));
  return Status::Ok();
}

Status preview_reminder(Call& r) {
  auto mail = r.api.pilotage->reminder_preview(r.actor, r.path["id"]);
  if (!mail.ok()) return mail.error();
  http::write_json(r.res, 200, views::reminder_preview(*mail));
  return Status::Ok();
}

Status send_reminders(Call& r) {
  auto body = body_object(r.req, {"registration_ids"}, {"registration_ids"});
  if (!body.ok()) return body.error();
  Error faults = invalid_fields();
  std::vector<std::string> ids;
  const json::value& list = body->at("registration_ids");
  if (!list.is_array()) faults.fields["registration_ids"] = "Une liste d'identifiants d'inscription est attendue.";
  else
    for (const auto& v : list.get_array()) {
      if (!v.is_string() || v.get_string().empty() || v.get_string().size() > 100) {
        faults.fields["registration_ids"] = "Chaque identifiant est un texte non vide.";
        break;
      }
      ids.emplace_back(v.get_string());
    }
  if (!faults.fields.empty()) return faults;
  auto report = r.api.pilotage->send_reminders(r.actor, ids);
  if (!report.ok()) return report.error();
  r.queued_mail();
  http::write_json(r.res, 200, views::reminder_report(*report));
  return Status::Ok();
}

Status get_public_figures(Call& r) {
  const std::string academy = r.path["academy"];
  auto figures = r.api.pilotage->public_figures(academy);
  if (!figures.ok()) return figures.error();
  http::write_json(r.res, 200, views::public_figures(*figures, zone_of(r, academy)));
  // The service caches for as long: a browser or a proxy may too.
  r.res.set(bhttp::field::cache_control, "public, max-age=600");
  return Status::Ok();
}

}  // namespace guichet::api
