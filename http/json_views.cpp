#include "http/json_views.hpp"

#include <boost/json.hpp>

#include <cmath>
#include <set>

#include "core/time_format.hpp"

namespace guichet::views {
namespace json = boost::json;

namespace {
json::array strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}
json::value number(double n) {
  if (std::floor(n) == n && std::fabs(n) < 9e15) return static_cast<std::int64_t>(n);
  return n;
}

// What a portal needs to show the field and to produce a value the server accepts.
// A checkbox's condition values are booleans, a select's or a radio's option values.
void add_condition_and_constraints(const Exam& x, const Field& f, std::optional<int> year, json::object& fo) {
  if (f.shown_when) {
    bool checkbox = f.shown_when->checkbox;
    json::array values;
    for (const auto& v : f.shown_when->values) {
      if (checkbox) values.emplace_back(v == "true");
      else values.emplace_back(v);
    }
    fo["shown_when"] = {{"field", f.shown_when->field}, {"one_of", std::move(values)}};
  }
  if (f.min)
    if (auto v = resolve_bound(*f.min, year)) fo["min"] = number(*v);
  if (f.max)
    if (auto v = resolve_bound(*f.max, year)) fo["max"] = number(*v);
  if (f.integer) fo["integer"] = true;
  if (f.max_length) fo["max_length"] = f.max_length;
  if (!f.format.empty()) {
    fo["format"] = f.format;
    if (f.format == kPostalCodeFormat) fo["pattern"] = "^[0-9]{5}$";
  }
}

}  // namespace

json::object academy_summary(const Academy& a) {
  return {{"code", a.code}, {"name", a.name}, {"timezone", a.timezone}};
}

json::object pole(const Pole& p) {
  return {{"code", p.code}, {"name", p.name}, {"phones", strings(p.phones)}, {"email", p.email}};
}

json::object academy_detail(const Academy& a) {
  json::object o = academy_summary(a);
  o["departments"] = strings(a.departments);
  json::array poles, sessions;
  for (const auto& p : a.poles) poles.push_back(pole(p));
  for (const auto& s : a.sessions)
    sessions.push_back({{"exam", s.exam},
                        {"session", s.session},
                        {"title", s.title},
                        {"opens_at", format_rfc3339(s.opens, a.zone)},
                        {"closes_at", format_rfc3339(s.closes, a.zone)}});
  o["poles"] = std::move(poles);
  o["sessions"] = std::move(sessions);
  if (!a.postal_address.empty()) o["postal_address"] = strings(a.postal_address);
  // What the office publishes (the back office offers these; a candidate finds them by label).
  json::array documents;
  for (const auto& d : a.document_types) documents.push_back({{"code", d.code}, {"label", d.label}});
  o["document_types"] = std::move(documents);
  return o;
}

json::object service(const Academy& a, const Session& s) {
  return {{"academy", a.code},
          {"exam", s.exam},
          {"session", s.session},
          {"title", s.title},
          {"opens_at", format_rfc3339(s.opens, a.zone)},
          {"closes_at", format_rfc3339(s.closes, a.zone)}};
}

json::object session_detail(const Academy& a, const Session& s, const Exam& x, const std::string& version) {
  json::object o{{"academy", a.code},
                 {"exam", s.exam},
                 {"exam_name", x.name},
                 {"session", s.session},
                 {"title", s.title},
                 {"opens_at", format_rfc3339(s.opens, a.zone)},
                 {"closes_at", format_rfc3339(s.closes, a.zone)},
                 {"edits_close_at", format_rfc3339(s.edits_close, a.zone)},
                 {"portal_url", s.portal_url},
                 {"rule_set_version", version},
                 {"timezone", a.timezone},
                 {"summary_after_close", s.summary_after_close}};
  const auto& fr = s.final_registration;
  o["final_registration"] = {
      {"mode", fr.mode == FinalMode::postal ? "postal" : "upload"},
      {"deadline", fr.deadline ? json::value(format_rfc3339(*fr.deadline, a.zone)) : json::value(nullptr)},
      {"deadline_text", fr.deadline ? json::value(format_deadline(*fr.deadline, a.zone)) : json::value(nullptr)},
      {"instructions", fr.instructions}};
  // Where the file goes, for the sessions that send one by post.
  const auto& postal = a.postal_address_for(s);
  if (fr.mode == FinalMode::postal && !postal.empty()) o["postal_address"] = strings(postal);
  if (s.contact)
    o["contact"] = {{"name", s.contact->name}, {"phones", strings(s.contact->phones)}, {"email", s.contact->email}};
  json::array tabs;
  const std::optional<int> year = session_year(s.session);
  for (const auto& t : x.tabs) {
    json::array fields;
    for (const auto& f : t.fields) {
      json::object fo{{"id", f.id}, {"label", f.label}, {"type", f.type}, {"required", f.required}};
      if (!f.options.empty()) {
        json::array opts;
        for (const auto& op : f.options) {
          // Only the specialities open to this session are offered.
          if (f.id == "speciality")
            if (const Speciality* sp = x.find_speciality(op.value); sp && !sp->open_to(s.session)) continue;
          opts.push_back({{"value", op.value}, {"label", op.label}});
        }
        fo["options"] = std::move(opts);
      }
      if (!f.help.empty()) fo["help"] = f.help;
      add_condition_and_constraints(x, f, year, fo);
      fields.push_back(std::move(fo));
    }
    tabs.push_back({{"id", t.id}, {"title", t.title}, {"fields", std::move(fields)}});
  }
  o["form"] = {{"tabs", std::move(tabs)}};
  // The offices this session's specialities are routed to.
  std::set<std::string> routed;
  for (const auto& [sp, p] : s.speciality_poles)
    if (const Speciality* spec = x.find_speciality(sp); !spec || spec->open_to(s.session)) routed.insert(p);
  json::array poles, specialities;
  for (const auto& p : a.poles)
    if (routed.count(p.code)) poles.push_back(pole(p));
  for (const auto& sp : x.specialities) {
    if (!sp.open_to(s.session)) continue;
    json::object so{{"code", sp.code}, {"label", sp.label}};
    auto it = s.speciality_poles.find(sp.code);
    if (it != s.speciality_poles.end()) so["pole"] = it->second;
    if (!sp.options.empty()) {
      json::array opts;
      for (const auto& op : sp.options) opts.push_back({{"code", op.code}, {"label", op.label}});
      so["options"] = std::move(opts);
    }
    specialities.push_back(std::move(so));
  }
  o["poles"] = std::move(poles);
  o["specialities"] = std::move(specialities);
  return o;
}

json::object verdict(const Verdict& v, const Academy& a, const Session& s, bool explain) {
  json::object errors;
  for (const auto& [f, e] : v.errors) errors[f] = e.message;
  json::array pieces;
  for (const auto& p : v.pieces)
    pieces.push_back({{"code", p.code}, {"label", p.label}, {"explanation", p.explanation}, {"required", p.required}});
  json::value pole_v = nullptr;
  if (v.pole)
    if (const Pole* p = a.find_pole(*v.pole)) pole_v = pole(*p);
  json::object o{{"phase", to_string(v.phase)},
                 {"valid", v.valid},
                 {"errors", std::move(errors)},
                 {"pieces", std::move(pieces)},
                 {"pole", std::move(pole_v)},
                 {"rule_set_version", v.rule_set_version}};
  if (v.wrong_academy) o["wrong_academy"] = true;
  if (!v.hidden_answers.empty()) o["hidden_answers"] = strings(v.hidden_answers);
  if (explain) {
    // Each date at the line that writes it (the session{} call when not found).
    auto where = [&](const char* key) {
      auto it = s.date_sources.find(key);
      return it != s.date_sources.end() ? it->second.str() : v.window_source.str();
    };
    json::object dates{{"opens_at", where("opens")}, {"closes_at", where("closes")}, {"edits_close_at", where("edits_close")}};
    if (s.final_registration.deadline) dates["deadline"] = where("deadline");
    json::object ex{{"dates", std::move(dates)}};
    json::object err_src, piece_src;
    for (const auto& [f, e] : v.errors) err_src[f] = e.source.str();
    for (const auto& p : v.pieces) piece_src[p.code] = p.source.str();
    ex["errors"] = std::move(err_src);
    ex["pieces"] = std::move(piece_src);
    ex["pole"] = v.pole ? json::value(v.pole_source.str()) : json::value(nullptr);
    o["explain"] = std::move(ex);
    // The dates themselves beside their lines (the simulator says « le 20 au lieu du 13 »).
    json::object values{{"opens_at", format_rfc3339(s.opens, a.zone)},
                        {"closes_at", format_rfc3339(s.closes, a.zone)},
                        {"edits_close_at", format_rfc3339(s.edits_close, a.zone)}};
    if (s.final_registration.deadline) values["deadline"] = format_rfc3339(*s.final_registration.deadline, a.zone);
    o["dates"] = std::move(values);
  }
  return o;
}

}  // namespace guichet::views
