#include "services/impact_analysis.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>
#include <set>
#include <thread>

#include "core/time_format.hpp"
#include "db/row_codec.hpp"

namespace guichet::services {
namespace json = boost::json;
using db_detail::instant;
using db_detail::text;

namespace {

constexpr std::size_t kListed = 1000;  // registrations named per category; counts stay exact

struct Stored {
  std::string id, number, exam, session, answers, pieces, pole;
  Instant saved_at{};
  std::string birth_date, nationality, email, last_name, first_name;
};

struct Judged {
  bool invalid = false;
  json::object errors;
  std::vector<std::string> added, removed;
  std::string pole_from, pole_to;
  bool pole_changed = false;
  bool session_gone = false;
};

std::vector<Stored> load(Database& db, const std::string& academy, Status& st) {
  std::vector<Stored> out;
  st = db.with_session([&](soci::session& s) {
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT r.id, r.registration_number, r.exam, r.session, r.answers, r.pieces, r.pole, "
                      "r.updated_at, a.birth_date, a.nationality, a.email, a.last_name, a.first_name "
                      "FROM registrations r JOIN accounts a ON a.id = r.account_id "
                      "WHERE r.academy = :a AND r.status = 'registered' ORDER BY r.registration_number",
         soci::use(academy));
    for (const auto& r : rows)
      out.push_back({text(r, 0), text(r, 1), text(r, 2), text(r, 3), text(r, 4), text(r, 5), text(r, 6),
                     instant(r, 7), text(r, 8), text(r, 9), text(r, 10), text(r, 11), text(r, 12)});
    return Status::Ok();
  });
  return out;
}

std::set<std::string> required_codes(const std::string& pieces_json) {
  std::set<std::string> out;
  json::value v = json::parse(pieces_json);
  for (const auto& p : v.as_array()) {
    const auto& o = p.as_object();
    const json::value* req = o.if_contains("required");
    if (!req || !req->is_bool() || req->get_bool()) out.emplace(o.at("code").as_string());
  }
  return out;
}

Judged judge(const RuleSet& staged, unsigned worker, const std::string& academy_code, const Stored& r) {
  Judged j;
  const Academy* academy = staged.academy(academy_code);
  const Session* session = academy ? academy->find_session(r.exam, r.session) : nullptr;
  if (!session) {
    j.session_gone = true;
    return j;
  }
  // As at the moment it was saved, moved inside the staged window: validity, pieces and office
  // are what is compared, not the window's phase.
  Seconds at = std::chrono::floor<std::chrono::seconds>(r.saved_at);
  at = std::clamp(at, session->opens, std::max(session->opens, session->closes - std::chrono::seconds(1)));
  json::object identity{{"birth_date", r.birth_date}, {"nationality", r.nationality}};
  auto verdict = staged.evaluate(worker, academy_code, r.exam, r.session, at, json::parse(r.answers).as_object(), identity);
  if (!verdict.ok()) {
    j.invalid = true;
    j.errors["_"] = verdict.error().message;
    return j;
  }
  if (!verdict->valid) {
    j.invalid = true;
    for (const auto& [field, e] : verdict->errors) j.errors[field] = e.message;
  }
  std::set<std::string> before = required_codes(r.pieces), after;
  for (const auto& p : verdict->pieces)
    if (p.required) after.insert(p.code);
  std::set_difference(after.begin(), after.end(), before.begin(), before.end(), std::back_inserter(j.added));
  std::set_difference(before.begin(), before.end(), after.begin(), after.end(), std::back_inserter(j.removed));
  std::string pole = verdict->pole.value_or(r.pole);
  if (pole != r.pole) {
    j.pole_changed = true;
    j.pole_from = r.pole;
    j.pole_to = pole;
  }
  return j;
}

bool open_at(const Session& s, Seconds now) { return s.opens <= now && now < s.edits_close; }

}  // namespace

Result<json::object> analyse_impact(Database& db, const RuleSet& live, const RuleSet& staged,
                                    const std::string& academy_code, Seconds now, unsigned threads) {
  Status st = Status::Ok();
  std::vector<Stored> rows = load(db, academy_code, st);
  if (!st.ok()) return st.error();

  // Judge in parallel: each thread its own engine, its own slice.
  std::vector<Judged> judged(rows.size());
  threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(rows.size() / 64 + 1)));
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      for (std::size_t i = t; i < rows.size(); i += threads) judged[i] = judge(staged, t, academy_code, rows[i]);
    });
  for (auto& th : pool) th.join();

  const Academy* old_academy = live.academy(academy_code);
  const Academy* new_academy = staged.academy(academy_code);
  const date::time_zone* zone = new_academy ? new_academy->zone : old_academy ? old_academy->zone : nullptr;
  auto when = [&](Seconds t) { return zone ? format_rfc3339(t, zone) : std::string(); };

  // Windows that move, appear or go.
  json::array windows;
  std::set<std::pair<std::string, std::string>> closing_earlier;  // open sessions closing sooner
  std::vector<std::string> reasons;
  auto session_key = [](const Session& s) { return std::make_pair(s.exam, s.session); };
  if (old_academy)
    for (const auto& s : old_academy->sessions) {
      const Session* n = new_academy ? new_academy->find_session(s.exam, s.session) : nullptr;
      if (!n) {
        windows.push_back({{"exam", s.exam}, {"session", s.session}, {"change", "removed"}, {"open_now", open_at(s, now)}});
        if (open_at(s, now)) {
          closing_earlier.insert(session_key(s));
          reasons.push_back(fmt::format("La session {} {} est ouverte et disparaît.", s.exam, s.session));
        }
        continue;
      }
      for (auto [name, from, to] : {std::tuple{"opens", s.opens, n->opens}, std::tuple{"closes", s.closes, n->closes},
                                    std::tuple{"edits_close", s.edits_close, n->edits_close}}) {
        if (from == to) continue;
        bool earlier = to < from && open_at(s, now) && std::string(name) != "opens";
        windows.push_back({{"exam", s.exam}, {"session", s.session}, {"change", name}, {"from", when(from)},
                           {"to", when(to)}, {"open_now", open_at(s, now)}, {"closes_earlier_while_open", earlier}});
        if (earlier) {
          closing_earlier.insert(session_key(s));
          reasons.push_back(fmt::format("La session {} {} est ouverte et fermerait plus tôt ({} au lieu de {}).",
                                        s.exam, s.session, when(to), when(from)));
        }
      }
    }
  if (new_academy)
    for (const auto& s : new_academy->sessions)
      if (!old_academy || !old_academy->find_session(s.exam, s.session))
        windows.push_back({{"exam", s.exam}, {"session", s.session}, {"change", "added"}, {"opens", when(s.opens)},
                           {"closes", when(s.closes)}});

  // Registrations that would change.
  json::array validity, pieces, offices, notify;
  std::size_t n_validity = 0, n_pieces = 0, n_offices = 0;
  std::set<std::pair<std::string, std::string>> gaining_open;  // open sessions gaining a piece
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Stored& r = rows[i];
    const Judged& j = judged[i];
    const Session* old_session = old_academy ? old_academy->find_session(r.exam, r.session) : nullptr;
    const bool open_now = old_session && open_at(*old_session, now);
    bool concerned = closing_earlier.count({r.exam, r.session}) > 0;
    if (j.invalid || j.session_gone) {
      if (++n_validity <= kListed)
        validity.push_back({{"id", r.id}, {"registration_number", r.number}, {"exam", r.exam}, {"session", r.session},
                            {"errors", j.errors}});
    }
    if (!j.added.empty() || !j.removed.empty()) {
      if (++n_pieces <= kListed)
        pieces.push_back({{"id", r.id}, {"registration_number", r.number}, {"added", json::value_from(j.added)},
                          {"removed", json::value_from(j.removed)}});
      if (!j.added.empty() && open_now) {
        gaining_open.insert({r.exam, r.session});
        concerned = true;
      }
    }
    if (j.pole_changed && ++n_offices <= kListed)
      offices.push_back({{"id", r.id}, {"registration_number", r.number}, {"from", j.pole_from}, {"to", j.pole_to}});
    if (concerned)
      notify.push_back({{"registration_number", r.number}, {"email", r.email}, {"last_name", r.last_name},
                        {"first_name", r.first_name}});
  }
  for (const auto& [exam, session] : gaining_open)
    reasons.push_back(fmt::format("La session {} {} est ouverte et des inscrits devraient fournir une pièce de plus.",
                                  exam, session));

  return json::object{
      {"academy", academy_code},
      {"registrations_checked", rows.size()},
      {"validity", {{"count", n_validity}, {"registrations", std::move(validity)}}},
      {"pieces", {{"count", n_pieces}, {"registrations", std::move(pieces)}}},
      {"offices", {{"count", n_offices}, {"registrations", std::move(offices)}}},
      {"windows", std::move(windows)},
      {"guard", {{"required", !reasons.empty()}, {"reasons", json::value_from(reasons)}, {"notify", std::move(notify)}}}};
}

}  // namespace guichet::services
