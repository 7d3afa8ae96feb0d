// /api/v1/admin/registrations..., /derogations and /documents: the exam office's work on the
// académie's registrations. Every right is checked in OfficeService, scoped to the caller's
// académie.
#include <boost/beast/http.hpp>

#include "core/time_format.hpp"
#include "http/admin_json.hpp"
#include "http/api_context.hpp"
#include "http/api_helpers.hpp"
#include "http/bulk_publish_sink.hpp"
#include "http/handlers.hpp"
#include "http/views/registration_view.hpp"
#include "http/views/pieces_view.hpp"
#include "http/views/office_view.hpp"
#include "http/views/office_registration_view.hpp"
#include "http/json_error.hpp"
#include "services/office_service.hpp"

namespace guichet::api {
namespace json = boost::json;
namespace bhttp = boost::beast::http;

namespace {

services::RegistrationFilter filter_of(const Call& r, Error& faults) {
  services::RegistrationFilter f;
  f.exam = r.param("exam");
  f.session = r.param("session");
  f.speciality = r.param("speciality");
  f.pole = r.param("pole");
  f.status = r.param("status");
  f.pieces = r.param("pieces");
  f.text = r.param("q");
  f.sort = r.param("sort");
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

Status search_registrations(Call& r) {
  Error faults = invalid_fields();
  auto filter = filter_of(r, faults);
  if (!faults.fields.empty()) return faults;
  auto page = r.api.office->search(r.actor, filter);
  if (!page.ok()) return page.error();
  http::write_json(r.res, 200, views::registration_page(*page));
  return Status::Ok();
}

Status export_registrations(Call& r) {
  Error faults = invalid_fields();
  auto filter = filter_of(r, faults);
  if (!faults.fields.empty()) return faults;
  auto csv = r.api.office->export_csv(r.actor, filter);
  if (!csv.ok()) return csv.error();
  send_file(r.res, std::move(csv->bytes), csv->content_type, csv->file_name);
  return Status::Ok();
}

Status grant_derogation(Call& r) {
  auto body =
      body_object(r.req, {"email", "exam", "session", "until", "reason"}, {"email", "exam", "session", "until", "reason"});
  if (!body.ok()) return body.error();
  Error faults = invalid_fields();
  services::DerogationRequest d;
  d.email = string_field(*body, "email", faults).value_or("");
  d.exam = string_field(*body, "exam", faults).value_or("");
  d.session = string_field(*body, "session", faults).value_or("");
  d.reason = reason_of(*body, faults);
  auto until = parse_rfc3339(string_field(*body, "until", faults).value_or(""));
  if (!until.ok()) faults.fields["until"] = "Date et heure RFC 3339 attendues, avec décalage.";
  if (!faults.fields.empty()) return faults;
  d.until = Instant(*until);
  auto granted = r.api.office->grant_derogation(r.actor, d);
  if (!granted.ok()) return granted.error();
  http::write_json(r.res, 201, views::derogation(*granted));
  r.queued_mail();
  return Status::Ok();
}

Status office_get_registration(Call& r) {
  auto reg = r.api.office->get(r.actor, r.path["id"]);
  if (!reg.ok()) return reg.error();
  http::write_json(r.res, 200, views::office_registration(*reg));
  return Status::Ok();
}

Status registration_history(Call& r) {
  auto versions = r.api.office->history(r.actor, r.path["id"]);
  if (!versions.ok()) return versions.error();
  http::write_json(r.res, 200, json::object{{"versions", views::registration_history(*versions)}});
  return Status::Ok();
}

Status office_withdraw(Call& r) {
  auto body = body_object(r.req, {"reason"}, {"reason"});
  if (!body.ok()) return body.error();
  Error faults = invalid_fields();
  std::string reason = reason_of(*body, faults);
  if (!faults.fields.empty()) return faults;
  auto done = r.api.office->withdraw(r.actor, r.path["id"], reason);
  if (!done.ok()) return done.error();
  http::write_json(r.res, 200, views::registration(*done));
  r.queued_mail();
  return Status::Ok();
}

Status correct_identity(Call& r) {
  auto body =
      body_object(r.req, {"last_name", "first_name", "birth_date", "birth_place", "nationality", "reason"}, {"reason"});
  if (!body.ok()) return body.error();
  Error faults = invalid_fields();
  services::IdentityCorrection c;
  c.last_name = string_field(*body, "last_name", faults);
  c.first_name = string_field(*body, "first_name", faults);
  c.birth_date = string_field(*body, "birth_date", faults);
  c.birth_place = string_field(*body, "birth_place", faults);
  c.nationality = string_field(*body, "nationality", faults);
  c.reason = reason_of(*body, faults);
  if (!faults.fields.empty()) return faults;
  auto corrected = r.api.office->correct_identity(r.actor, r.path["id"], c);
  if (!corrected.ok()) return corrected.error();
  http::write_json(r.res, 200, views::candidate_identity(*corrected));
  r.queued_mail();
  return Status::Ok();
}

Status office_list_pieces(Call& r) {
  auto list = r.api.office->pieces(r.actor, r.path["id"]);
  if (!list.ok()) return list.error();
  http::write_json(r.res, 200, views::pieces(*list));
  return Status::Ok();
}

Status review_piece(Call& r) {
  auto body = body_object(r.req, {"verdict", "reason"}, {"verdict"});
  if (!body.ok()) return body.error();
  Error faults = invalid_fields();
  std::string verdict = string_field(*body, "verdict", faults).value_or("");
  std::string reason = reason_of(*body, faults);
  if (verdict != "accepted" && verdict != "rejected") faults.fields["verdict"] = "Valeur attendue : accepted ou rejected.";
  if (!faults.fields.empty()) return faults;
  Status st = r.api.office->review_piece(r.actor, r.path["id"], r.path["code"], verdict == "accepted", reason);
  if (!st.ok()) return st;
  r.queued_mail();
  return office_list_pieces(r);
}

Status office_get_piece_file(Call& r) {
  auto file = r.api.office->piece_file(r.actor, r.path["id"], r.path["file_id"]);
  if (!file.ok()) return file.error();
  // ?inline=1: the review page shows the file in a frame of its own (PDF, images).
  send_file(r.res, std::move(file->bytes), file->content_type, file->file_name,
            r.param("inline") == "1" ? Disposition::inline_in_own_pages : Disposition::attachment);
  return Status::Ok();
}

Status office_list_documents(Call& r) {
  auto docs = r.api.office->documents(r.actor, r.path["id"]);
  if (!docs.ok()) return docs.error();
  http::write_json(r.res, 200, json::object{{"documents", views::office_documents(*docs)}});
  return Status::Ok();
}

Status publish_document(Call& r) {
  const std::string& type = r.path["type"];
  std::string name = r.param("file_name");
  auto version = r.api.office->publish(r.actor, r.path["id"], type, r.req.body(), name.empty() ? type + ".pdf" : name);
  if (!version.ok()) return version.error();
  http::write_json(r.res, 201, json::object{{"type", type}, {"version", *version}});
  r.queued_mail();
  return Status::Ok();
}

std::shared_ptr<http::BodySink> publish_bulk(const http::RequestHeader& h, http::RequestContext&,
                                             const http::ApiContext& api, const http::PathParams& path) {
  return api.bulk->open(h, path["type"]);
}

}  // namespace guichet::api
