#include "http/views/pilotage_view.hpp"

#include "services/academy_zone.hpp"

namespace guichet::views {
namespace json = boost::json;

namespace {

json::value at(const std::optional<Instant>& t, const date::time_zone* zone) {
  return t ? json::value(services::local_rfc3339(*t, zone)) : json::value(nullptr);
}

json::array days(const std::vector<services::DayCount>& list) {
  json::array out;
  for (const auto& d : list)
    out.push_back(json::object{{"day", d.day}, {"date", d.date}, {"count", d.count}, {"cumulative", d.cumulative}});
  return out;
}

json::array counts(const std::vector<services::CountBy>& list) {
  json::array out;
  for (const auto& c : list) out.push_back(json::object{{"code", c.code}, {"label", c.label}, {"count", c.count}});
  return out;
}

}  // namespace

json::object dashboard(const services::Dashboard& d, const date::time_zone* zone) {
  json::array choices;
  for (const auto& c : d.choices) {
    json::array exams;
    for (const auto& e : c.exams) exams.push_back(json::object{{"code", e.code}, {"name", e.label}});
    choices.push_back(json::object{{"session", c.session}, {"exams", std::move(exams)}});
  }
  json::array windows;
  for (const auto& w : d.windows)
    windows.push_back(json::object{{"exam", w.exam},
                                   {"exam_name", w.exam_name},
                                   {"opens_at", services::local_rfc3339(w.opens_at, zone)},
                                   {"closes_at", services::local_rfc3339(w.closes_at, zone)},
                                   {"final_mode", w.final_mode},
                                   {"pieces_deadline", at(w.pieces_deadline, zone)}});
  json::value previous = nullptr;
  if (d.previous_session)
    previous = json::object{{"session", *d.previous_session}, {"per_day", days(d.previous_per_day)}};
  json::array pieces;
  for (const auto& p : d.pieces) pieces.push_back(json::object{{"state", p.code}, {"label", p.label}, {"count", p.count}});
  return {{"academy", d.academy},
          {"academy_name", d.academy_name},
          {"session", d.session},
          {"exam", d.exam.empty() ? json::value(nullptr) : json::value(d.exam)},
          {"as_of", services::local_rfc3339(d.as_of, zone)},
          {"timezone", d.timezone},
          {"choices", std::move(choices)},
          {"windows", std::move(windows)},
          {"registrations",
           json::object{{"total", d.total},
                        {"withdrawn", d.withdrawn},
                        {"per_day", days(d.per_day)},
                        {"previous", std::move(previous)},
                        {"by_exam", counts(d.by_exam)},
                        {"by_speciality", counts(d.by_speciality)},
                        {"by_office", counts(d.by_office)},
                        {"by_mode", counts(d.by_mode)}}},
          {"pieces", std::move(pieces)},
          {"review_queue", json::object{{"count", d.review_count}, {"oldest_uploaded_at", at(d.review_oldest, zone)}}},
          {"mails", json::object{{"queued", d.mails_queued}, {"sent", d.mails_sent}, {"failed", d.mails_failed}}}};
}

json::object reminder_list(const services::ReminderList& l, const date::time_zone* zone) {
  json::array candidates;
  for (const auto& c : l.candidates) {
    json::array missing;
    for (const auto& m : c.missing) missing.emplace_back(m);
    candidates.push_back(json::object{{"registration_id", c.registration_id},
                                      {"registration_number", c.registration_number},
                                      {"exam", c.exam},
                                      {"exam_name", c.exam_name},
                                      {"last_name", c.last_name},
                                      {"first_name", c.first_name},
                                      {"pieces_state", c.pieces_state},
                                      {"missing", std::move(missing)},
                                      {"deadline", services::local_rfc3339(c.deadline, zone)},
                                      {"last_reminded_at", at(c.last_reminded_at, zone)},
                                      {"reminded_today", c.reminded_today}});
  }
  return {{"within_days", l.within_days},
          {"as_of", services::local_rfc3339(l.as_of, zone)},
          {"candidates", std::move(candidates)},
          {"more", l.more}};
}

json::object reminder_preview(const mail::Message& m) { return {{"to", m.to}, {"subject", m.subject}, {"text", m.text}}; }

json::object reminder_report(const services::ReminderReport& r) {
  json::array skipped;
  for (const auto& s : r.skipped) skipped.push_back(json::object{{"registration_id", s.registration_id}, {"reason", s.reason}});
  return {{"sent", r.sent}, {"skipped", std::move(skipped)}};
}

json::object public_figures(const services::PublicFigures& f, const date::time_zone* zone) {
  json::array sessions;
  for (const auto& s : f.sessions)
    sessions.push_back(json::object{{"exam", s.exam},
                                    {"exam_name", s.exam_name},
                                    {"session", s.session},
                                    {"registrations", s.registrations ? json::value(*s.registrations) : json::value(nullptr)},
                                    {"text", s.text}});
  return {{"academy", f.academy},
          {"name", f.name},
          {"as_of", services::local_rfc3339(f.as_of, zone)},
          {"sessions", std::move(sessions)}};
}

}  // namespace guichet::views
