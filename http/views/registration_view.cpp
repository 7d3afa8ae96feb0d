#include "http/views/registration_view.hpp"

#include <boost/json.hpp>

#include "core/time_format.hpp"

namespace guichet::views {
namespace json = boost::json;

namespace {

std::string time_text(Instant t, const date::time_zone* zone) {
  return format_rfc3339(std::chrono::floor<std::chrono::seconds>(t), zone);
}

}  // namespace

json::object registration(const services::RegistrationRecord& r) {
  json::object out{{"id", r.id},
                   {"academy", r.academy},
                   {"exam", r.exam},
                   {"session", r.session},
                   {"registration_number", r.registration_number},
                   {"candidate_number", r.candidate_number},
                   {"version", r.version},
                   {"status", r.status},
                   {"rule_set_version", r.rule_set_version}};
  // What a list shows without asking the session: the exam's and the session's names.
  if (!r.exam_name.empty()) out["exam_name"] = r.exam_name;
  if (!r.session_title.empty()) out["session_title"] = r.session_title;
  out["pole"] = r.pole ? json::object{{"code", r.pole->code},
                                      {"name", r.pole->name},
                                      {"phones", json::value_from(r.pole->phones)},
                                      {"email", r.pole->email}}
                       : json::object{{"code", r.pole_code}};
  if (r.contact)
    out["contact"] = json::object{{"name", r.contact->name},
                                  {"phones", json::value_from(r.contact->phones)},
                                  {"email", r.contact->email}};
  json::array pieces;
  for (const auto& p : r.pieces) pieces.push_back({{"code", p.code}, {"label", p.label}, {"required", p.required}});
  out["pieces"] = std::move(pieces);
  out["answers"] = r.answers;
  out["created_at"] = time_text(r.created_at, r.zone);
  out["updated_at"] = time_text(r.updated_at, r.zone);
  if (r.withdrawn_at) {
    out["withdrawn_at"] = time_text(*r.withdrawn_at, r.zone);
    out["withdrawal_reason"] = r.withdrawal_reason;
  }
  return out;
}

}  // namespace guichet::views
