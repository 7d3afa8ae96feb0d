#include "http/views/office_view.hpp"

#include <boost/json.hpp>

#include "services/academy_zone.hpp"

namespace guichet::views {
namespace json = boost::json;
using services::local_rfc3339;

json::object registration_summary(const services::RegistrationSummary& r, const date::time_zone* zone) {
  return {{"id", r.id},
          {"registration_number", r.registration_number},
          {"candidate_number", r.candidate_number},
          {"last_name", r.last_name},
          {"first_name", r.first_name},
          {"birth_date", r.birth_date},
          {"email", r.email},
          {"exam", r.exam},
          {"session", r.session},
          {"speciality", r.speciality},
          {"pole", r.pole},
          {"status", r.status},
          {"version", r.version},
          {"pieces_confirmed_at",
           r.pieces_confirmed_at ? json::value(local_rfc3339(*r.pieces_confirmed_at, zone)) : json::value(nullptr)},
          {"created_at", local_rfc3339(r.created_at, zone)},
          {"updated_at", local_rfc3339(r.updated_at, zone)}};
}

json::object registration_page(const services::RegistrationPage& page) {
  json::array items;
  for (const auto& r : page.registrations) items.push_back(registration_summary(r, page.zone));
  return {{"registrations", std::move(items)},
          {"next", page.next ? json::value(json::string(*page.next)) : json::value(nullptr)}};
}

json::array registration_history(const services::RegistrationHistory& h) {
  json::array out;
  for (const auto& v : h.versions) {
    json::object by{{"kind", v.by_candidate ? "candidate" : "staff"}};
    if (!v.staff_name.empty() || !v.staff_id.empty()) {
      by["id"] = v.staff_id;
      by["name"] = v.staff_name;
    }
    out.push_back(json::object{{"version", v.version},
                               {"saved_at", local_rfc3339(v.saved_at, h.zone)},
                               {"changed_by", std::move(by)},
                               {"reason", v.reason},
                               {"answers", json::parse(v.answers_json)},
                               {"pieces", json::parse(v.pieces_json)},
                               {"pole", v.pole},
                               {"rule_set_version", v.rule_set_version}});
  }
  return out;
}

json::object candidate_identity(const services::CandidateIdentity& c) {
  return {{"last_name", c.last_name},     {"first_name", c.first_name},   {"birth_date", c.birth_date},
          {"birth_place", c.birth_place}, {"nationality", c.nationality}};
}

json::object derogation(const services::GrantedDerogation& d) {
  return {{"account_id", d.account_id}, {"email", d.email},
          {"exam", d.exam},             {"session", d.session},
          {"until", local_rfc3339(d.until, d.zone)}, {"reason", d.reason}};
}

json::array office_documents(const services::OfficeDocuments& d) {
  json::array out;
  for (const auto& doc : d.documents)
    out.push_back(json::object{{"type", doc.type},
                               {"title", doc.title},
                               {"version", doc.version},
                               {"file_name", doc.file_name},
                               {"size", doc.size},
                               {"published_at", local_rfc3339(doc.published_at, d.zone)},
                               {"published_by", doc.published_by}});
  return out;
}

json::object bulk_publication(const services::BulkPublication& b) {
  json::array published, refused;
  for (const auto& p : b.published)
    published.push_back(json::object{{"file", p.file}, {"registration_number", p.registration_number},
                                     {"version", p.version}});
  for (const auto& r : b.refused) refused.push_back(json::object{{"file", r.file}, {"message", r.message}});
  return {{"published", std::move(published)}, {"refused", std::move(refused)}};
}

}  // namespace guichet::views
