// /api/v1/admin/registrations..., /derogations and /documents: the exam office's work on the
// académie's registrations.
#include <boost/beast/http.hpp>

#include "core/time_format.hpp"
#include "http/admin_api.hpp"
#include "http/admin_json.hpp"
#include "http/api_helpers.hpp"
#include "http/json_error.hpp"
#include "http/views/office_registration_view.hpp"
#include "http/views/office_view.hpp"
#include "http/views/pieces_view.hpp"
#include "http/views/registration_view.hpp"

namespace guichet::api {
namespace json = boost::json;
namespace bhttp = boost::beast::http;

namespace {

services::RegistrationFilter filter_of(const AdminRequest& r, Error& faults) {
  services::RegistrationFilter f;
  f.exam = r.param("exam");
  f.session = r.param("session");
  f.speciality = r.param("speciality");
  f.pole = r.param("pole");
  f.status = r.param("status");
  f.pieces = r.param("pieces");
  f.text = r.param("q");
  f.after = r.param("after");
  auto limit = int_param(r, "limit", 50, 1, 500);
  if (!limit.ok()) faults.fields.insert(limit.error().fields.begin(), limit.error().fields.end());
  else f.limit = static_cast<int>(*limit);
  return f;
}

std::string reason_of(const json::object& body, Error& faults) {
  return string_field(body, "reason", faults).value_or("");
}

}  // namespace

RouteOutcome AdminApi::registration_routes(AdminRequest& r) {
  if (r.path.empty()) return RouteOutcome::miss();
  const auto verb = r.req.method();
  if (r.path.size() == 1 && (r.path[0] == "registrations" || r.path[0] == "registrations.csv")) {
    if (!r.is_get()) return RouteOutcome::done(method_not_allowed(r.res, "GET"));
    Error faults = invalid_fields();
    auto filter = filter_of(r, faults);
    if (!faults.fields.empty()) return RouteOutcome::done(faults);
    if (r.path[0] == "registrations.csv") {
      auto csv = office_.export_csv(r.actor, filter);
      if (!csv.ok()) return RouteOutcome::done(csv.error());
      send_file(r.res, std::move(csv->bytes), csv->content_type, csv->file_name);
      return RouteOutcome::done();
    }
    auto page = office_.search(r.actor, filter);
    if (!page.ok()) return RouteOutcome::done(page.error());
    http::write_json(r.res, 200, views::registration_page(*page));
    return RouteOutcome::done();
  }
  if (r.path.size() == 1 && r.path[0] == "derogations") {
    if (verb != bhttp::verb::post) return RouteOutcome::done(method_not_allowed(r.res, "POST"));
    auto body = body_object(r.req, {"email", "exam", "session", "until", "reason"},
                            {"email", "exam", "session", "until", "reason"});
    if (!body.ok()) return RouteOutcome::done(body.error());
    Error faults = invalid_fields();
    services::DerogationRequest d;
    d.email = string_field(*body, "email", faults).value_or("");
    d.exam = string_field(*body, "exam", faults).value_or("");
    d.session = string_field(*body, "session", faults).value_or("");
    d.reason = reason_of(*body, faults);
    auto until = parse_rfc3339(string_field(*body, "until", faults).value_or(""));
    if (!until.ok()) faults.fields["until"] = "Date et heure RFC 3339 attendues, avec décalage.";
    if (!faults.fields.empty()) return RouteOutcome::done(faults);
    d.until = Instant(*until);
    auto granted = office_.grant_derogation(r.actor, d);
    if (!granted.ok()) return RouteOutcome::done(granted.error());
    http::write_json(r.res, 201, views::derogation(*granted));
    return RouteOutcome::done();
  }
  if (r.path[0] != "registrations" || r.path.size() < 2) return RouteOutcome::miss();
  const std::string& id = r.path[1];
  if (r.path.size() == 2) {
    if (!r.is_get()) return RouteOutcome::done(method_not_allowed(r.res, "GET"));
    auto reg = office_.get(r.actor, id);
    if (!reg.ok()) return RouteOutcome::done(reg.error());
    http::write_json(r.res, 200, views::office_registration(*reg));
    return RouteOutcome::done();
  }
  const std::string& what = r.path[2];
  if (r.path.size() == 3 && what == "history") {
    if (!r.is_get()) return RouteOutcome::done(method_not_allowed(r.res, "GET"));
    auto versions = office_.history(r.actor, id);
    if (!versions.ok()) return RouteOutcome::done(versions.error());
    http::write_json(r.res, 200, json::object{{"versions", views::registration_history(*versions)}});
    return RouteOutcome::done();
  }
  if (r.path.size() == 3 && what == "withdraw") {
    if (verb != bhttp::verb::post) return RouteOutcome::done(method_not_allowed(r.res, "POST"));
    auto body = body_object(r.req, {"reason"}, {"reason"});
    if (!body.ok()) return RouteOutcome::done(body.error());
    Error faults = invalid_fields();
    std::string reason = reason_of(*body, faults);
    if (!faults.fields.empty()) return RouteOutcome::done(faults);
    auto done = office_.withdraw(r.actor, id, reason);
    if (!done.ok()) return RouteOutcome::done(done.error());
    http::write_json(r.res, 200, views::registration(*done));
    return RouteOutcome::done();
  }
  if (r.path.size() == 3 && what == "candidate") {
    if (verb != bhttp::verb::patch) return RouteOutcome::done(method_not_allowed(r.res, "PATCH"));
    auto body = body_object(r.req, {"last_name", "first_name", "birth_date", "birth_place", "nationality", "reason"},
                            {"reason"});
    if (!body.ok()) return RouteOutcome::done(body.error());
    Error faults = invalid_fields();
    services::IdentityCorrection c;
    c.last_name = string_field(*body, "last_name", faults);
    c.first_name = string_field(*body, "first_name", faults);
    c.birth_date = string_field(*body, "birth_date", faults);
    c.birth_place = string_field(*body, "birth_place", faults);
    c.nationality = string_field(*body, "nationality", faults);
    c.reason = reason_of(*body, faults);
    if (!faults.fields.empty()) return RouteOutcome::done(faults);
    auto corrected = office_.correct_identity(r.actor, id, c);
    if (!corrected.ok()) return RouteOutcome::done(corrected.error());
    http::write_json(r.res, 200, views::candidate_identity(*corrected));
    return RouteOutcome::done();
  }
  if (what == "pieces") {
    if (r.path.size() == 3) {
      if (!r.is_get()) return RouteOutcome::done(method_not_allowed(r.res, "GET"));
      auto list = office_.pieces(r.actor, id);
      if (!list.ok()) return RouteOutcome::done(list.error());
      http::write_json(r.res, 200, views::pieces(*list));
      return RouteOutcome::done();
    }
    if (r.path.size() == 5 && r.path[4] == "review") {
      if (verb != bhttp::verb::post) return RouteOutcome::done(method_not_allowed(r.res, "POST"));
      auto body = body_object(r.req, {"verdict", "reason"}, {"verdict"});
      if (!body.ok()) return RouteOutcome::done(body.error());
      Error faults = invalid_fields();
      std::string verdict = string_field(*body, "verdict", faults).value_or("");
      std::string reason = reason_of(*body, faults);
      if (verdict != "accepted" && verdict != "rejected") faults.fields["verdict"] = "Valeur attendue : accepted ou rejected.";
      if (!faults.fields.empty()) return RouteOutcome::done(faults);
      Status st = office_.review_piece(r.actor, id, r.path[3], verdict == "accepted", reason);
      if (!st.ok()) return RouteOutcome::done(st.error());
      auto list = office_.pieces(r.actor, id);
      if (!list.ok()) return RouteOutcome::done(list.error());
      http::write_json(r.res, 200, views::pieces(*list));
      return RouteOutcome::done();
    }
    if (r.path.size() == 6 && r.path[4] == "files") {
      if (!r.is_get()) return RouteOutcome::done(method_not_allowed(r.res, "GET"));
      auto file = office_.piece_file(r.actor, id, r.path[5]);
      if (!file.ok()) return RouteOutcome::done(file.error());
      send_file(r.res, std::move(file->bytes), file->content_type, file->file_name);
      return RouteOutcome::done();
    }
  }
  if (what == "documents") {
    if (r.path.size() == 3) {
      if (!r.is_get()) return RouteOutcome::done(method_not_allowed(r.res, "GET"));
      auto docs = office_.documents(r.actor, id);
      if (!docs.ok()) return RouteOutcome::done(docs.error());
      http::write_json(r.res, 200, json::object{{"documents", views::office_documents(*docs)}});
      return RouteOutcome::done();
    }
    if (r.path.size() == 4) {
      if (verb != bhttp::verb::put) return RouteOutcome::done(method_not_allowed(r.res, "PUT"));
      std::string name = r.param("file_name");
      auto version = office_.publish(r.actor, id, r.path[3], r.req.body(), name.empty() ? r.path[3] + ".pdf" : name);
      if (!version.ok()) return RouteOutcome::done(version.error());
      http::write_json(r.res, 201, json::object{{"type", r.path[3]}, {"version", *version}});
      return RouteOutcome::done();
    }
  }
  return RouteOutcome::miss();
}

}  // namespace guichet::api
