#include "http/views/impact_view.hpp"

#include <boost/json.hpp>

#include "core/time_format.hpp"

namespace guichet::views {
namespace json = boost::json;

namespace {

json::array strings(const std::vector<std::string>& list) {
  json::array out;
  for (const auto& s : list) out.push_back(json::string(s));
  return out;
}

json::object window(const services::WindowChange& w, const date::time_zone* zone) {
  auto when = [&](Seconds t) { return zone ? format_rfc3339(t, zone) : std::string(); };
  using Kind = services::WindowChange::Kind;
  switch (w.kind) {
    case Kind::removed:
      return {{"exam", w.exam}, {"session", w.session}, {"change", "removed"}, {"open_now", w.open_now}};
    case Kind::added:
      return {{"exam", w.exam}, {"session", w.session}, {"change", "added"}, {"opens", when(w.opens)},
              {"closes", when(w.closes)}};
    case Kind::moved:
      break;
  }
  return {{"exam", w.exam},         {"session", w.session},       {"change", w.bound},
          {"from", when(w.from)},   {"to", when(w.to)},           {"open_now", w.open_now},
          {"closes_earlier_while_open", w.closes_earlier}};
}

}  // namespace

json::object impact(const services::ImpactReport& r) {
  json::array validity, pieces, offices, windows, notify;
  for (const auto& v : r.validity) {
    json::object errors;
    for (const auto& [field, message] : v.errors) errors[field] = message;
    validity.push_back(json::object{{"id", v.id}, {"registration_number", v.registration_number}, {"exam", v.exam},
                                    {"session", v.session}, {"errors", std::move(errors)}});
  }
  for (const auto& p : r.pieces)
    pieces.push_back(json::object{{"id", p.id}, {"registration_number", p.registration_number},
                                  {"added", strings(p.added)}, {"removed", strings(p.removed)}});
  for (const auto& o : r.offices)
    offices.push_back(json::object{{"id", o.id}, {"registration_number", o.registration_number}, {"from", o.from},
                                   {"to", o.to}});
  for (const auto& w : r.windows) windows.push_back(window(w, r.zone));
  for (const auto& c : r.notify)
    notify.push_back(json::object{{"id", c.id}, {"registration_number", c.registration_number}, {"email", c.email},
                                  {"last_name", c.last_name}, {"first_name", c.first_name}});
  return {{"academy", r.academy},
          {"registrations_checked", r.registrations_checked},
          {"validity", {{"count", r.validity_count}, {"registrations", std::move(validity)}}},
          {"pieces", {{"count", r.pieces_count}, {"registrations", std::move(pieces)}}},
          {"offices", {{"count", r.offices_count}, {"registrations", std::move(offices)}}},
          {"windows", std::move(windows)},
          {"guard", {{"required", !r.guard_reasons.empty()}, {"reasons", strings(r.guard_reasons)},
                     {"notify", std::move(notify)}}},
          {"version", r.version}};
}

}  // namespace guichet::views
