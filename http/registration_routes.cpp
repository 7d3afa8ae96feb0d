// The candidate's registrations and documents: list, register, read, modify (If-Match), withdraw,
// the récapitulatif PDF, the calendar and the published documents.
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <fmt/format.h>

#include "http/api_context.hpp"
#include "http/api_helpers.hpp"
#include "http/handlers.hpp"
#include "http/views/registration_view.hpp"
#include "http/views/document_view.hpp"
#include "http/json_error.hpp"
#include "services/document_service.hpp"
#include "services/registration_service.hpp"

namespace guichet::api {
namespace json = boost::json;
namespace bhttp = boost::beast::http;

namespace {

std::string etag(const json::object& registration) {
  return fmt::format("\"v{}\"", registration.at("version").as_int64());
}

// If-Match: "v3" (or v3, or 3) -> 3; nullopt when absent or "*".
std::optional<int> if_match_version(const http::Request& req, bool& malformed) {
  std::string_view h = req[bhttp::field::if_match];
  malformed = false;
  if (h.empty() || h == "*") return std::nullopt;
  std::string s(h);
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  if (!s.empty() && s[0] == 'v') s = s.substr(1);
  if (s.empty() || s.size() > 9 || s.find_first_not_of("0123456789") != std::string::npos) {
    malformed = true;
    return std::nullopt;
  }
  return std::stoi(s);
}

Error answers_expected() {
  Error faults = invalid_fields();
  faults.fields["answers"] = "Un objet de réponses est attendu.";
  return faults;
}

}  // namespace

Status list_registrations(Call& c) {
  auto list = c.api.registrations->list(c.account_id);
  if (!list.ok()) return list.error();
  json::array arr;
  for (const auto& r : *list) arr.push_back(views::registration(r));
  http::write_json(c.res, 200, json::object{{"registrations", std::move(arr)}});
  return Status::Ok();
}

Status create_registration(Call& c) {
  auto body = body_object(c.req, {"academy", "exam", "session", "answers"}, {"academy", "exam", "session", "answers"});
  if (!body.ok()) return body.error();
  Error faults = invalid_fields();
  services::RegistrationRequest r;
  r.academy = string_field(*body, "academy", faults).value_or("");
  r.exam = string_field(*body, "exam", faults).value_or("");
  r.session = string_field(*body, "session", faults).value_or("");
  if (const auto* a = body->if_contains("answers"); a && a->is_object()) r.answers = a->get_object();
  else faults.fields["answers"] = "Un objet de réponses est attendu.";
  if (!faults.fields.empty()) return faults;
  auto created = c.api.registrations->create(c.account_id, r, c.worker);
  if (!created.ok()) return created.error();
  const json::object view = views::registration(*created);
  c.res.set(bhttp::field::location, "/api/v1/registrations/" + created->id);
  c.res.set(bhttp::field::etag, etag(view));
  http::write_json(c.res, 201, view);
  c.queued_mail();
  return Status::Ok();
}

Status get_registration(Call& c) {
  auto r = c.api.registrations->get(c.account_id, c.path["id"]);
  if (!r.ok()) return r.error();
  const json::object view = views::registration(*r);
  c.res.set(bhttp::field::etag, etag(view));
  http::write_json(c.res, 200, view);
  return Status::Ok();
}

Status modify_registration(Call& c) {
  bool malformed = false;
  auto expected = if_match_version(c.req, malformed);
  if (malformed)
    return Error{ErrorCode::validation_failed, "En-tête If-Match invalide.", {{"If-Match", "Attendu : \"v<version>\"."}}};
  auto body = body_object(c.req, {"answers"}, {"answers"});
  if (!body.ok()) return body.error();
  const auto* a = body->if_contains("answers");
  if (!a->is_object()) return answers_expected();
  auto updated = c.api.registrations->modify(c.account_id, c.path["id"], a->get_object(), expected, c.worker);
  if (!updated.ok()) return updated.error();
  const json::object view = views::registration(*updated);
  c.res.set(bhttp::field::etag, etag(view));
  http::write_json(c.res, 200, view);
  c.queued_mail();
  return Status::Ok();
}

Status withdraw_registration(Call& c) { return c.api.registrations->withdraw(c.account_id, c.path["id"]); }

Status get_summary_pdf(Call& c) {
  auto pdf = c.api.registrations->summary_pdf(c.account_id, c.path["id"]);
  if (!pdf.ok()) return pdf.error();
  send_file(c.res, std::move(pdf->bytes), pdf->content_type, pdf->file_name);
  return Status::Ok();
}

Status get_calendar(Call& c) {
  auto ics = c.api.registrations->calendar(c.account_id, c.path["id"]);
  if (!ics.ok()) return ics.error();
  send_file(c.res, std::move(ics->bytes), ics->content_type, ics->file_name);
  return Status::Ok();
}

Status list_documents(Call& c) {
  auto docs = c.api.registrations->documents(c.account_id, c.path["id"]);
  if (!docs.ok()) return docs.error();
  auto published = c.api.documents->latest(c.account_id, c.path["id"]);
  if (!published.ok()) return published.error();
  for (auto& d : *published) docs->push_back(std::move(d));
  http::write_json(c.res, 200, json::object{{"documents", views::documents(*docs)}});
  return Status::Ok();
}

Status get_document(Call& c) {
  // The récapitulatif is also a document, under its contract address.
  if (c.path["type"] == "recapitulatif") return get_summary_pdf(c);
  auto doc = c.api.documents->download(c.account_id, c.path["id"], c.path["type"]);
  if (!doc.ok()) return doc.error();
  send_file(c.res, doc->bytes, doc->content_type, doc->file_name);
  return Status::Ok();
}

}  // namespace guichet::api
