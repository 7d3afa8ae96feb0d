#include "services/impact_analysis.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <thread>

#include "core/time_format.hpp"
#include "db/office_queries.hpp"

namespace guichet::services {
namespace json = boost::json;

namespace {

constexpr std::size_t kListed = 1000;  // registrations named per category; counts stay exact

using Stored = db::RegisteredCandidate;

struct Judged {
  bool invalid = false;
  std::vector<std::pair<std::string, std::string>> errors;
  std::vector<std::string> added, removed;
  std::string pole_from, pole_to;
  bool pole_changed = false;
  bool session_gone = false;
};

std::vector<Stored> load(Database& db, const std::string& academy, Status& st) {
  std::vector<Stored> out;
  st = db.with_session([&](db::Session& s) {
    out = db::registered_candidates(s, academy);
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
  auto verdict = staged.evaluate(worker, academy_code, r.exam, r.session, at, json::parse(r.answers_json).as_object(), identity);
  if (!verdict.ok()) {
    j.invalid = true;
    j.errors.emplace_back("_", verdict.error().message);
    return j;
  }
  if (!verdict->valid) {
    j.invalid = true;
    for (const auto& [field, e] : verdict->errors) j.errors.emplace_back(field, e.message);
  }
  std::set<std::string> before = required_codes(r.pieces_json), after;
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

Result<ImpactReport> analyse_impact(Database& db, const RuleSet& live, const RuleSet& staged,
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

  ImpactReport report;
  report.academy = academy_code;
  report.registrations_checked = rows.size();
  const Academy* old_academy = live.academy(academy_code);
  const Academy* new_academy = staged.academy(academy_code);
  report.zone = new_academy ? new_academy->zone : old_academy ? old_academy->zone : nullptr;
  auto when = [&](Seconds t) { return report.zone ? format_rfc3339(t, report.zone) : std::string(); };

  // Windows that move, appear or go.
  std::set<std::pair<std::string, std::string>> closing_earlier;  // open sessions closing sooner
  std::vector<std::string>& reasons = report.guard_reasons;
  auto session_key = [](const Session& s) { return std::make_pair(s.exam, s.session); };
  if (old_academy)
    for (const auto& s : old_academy->sessions) {
      const Session* n = new_academy ? new_academy->find_session(s.exam, s.session) : nullptr;
      if (!n) {
        WindowChange w;
        w.kind = WindowChange::Kind::removed;
        w.exam = s.exam;
        w.session = s.session;
        w.open_now = open_at(s, now);
        report.windows.push_back(std::move(w));
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
        WindowChange w;
        w.exam = s.exam;
        w.session = s.session;
        w.bound = name;
        w.from = from;
        w.to = to;
        w.open_now = open_at(s, now);
        w.closes_earlier = earlier;
        report.windows.push_back(std::move(w));
        if (earlier) {
          closing_earlier.insert(session_key(s));
          reasons.push_back(fmt::format("La session {} {} est ouverte et fermerait plus tôt ({} au lieu de {}).",
                                        s.exam, s.session, when(to), when(from)));
        }
      }
    }
  if (new_academy)
    for (const auto& s : new_academy->sessions)
      if (!old_academy || !old_academy->find_session(s.exam, s.session)) {
        WindowChange w;
        w.kind = WindowChange::Kind::added;
        w.exam = s.exam;
        w.session = s.session;
        w.opens = s.opens;
        w.closes = s.closes;
        report.windows.push_back(std::move(w));
      }

  // Registrations that would change.
  std::set<std::pair<std::string, std::string>> gaining_open;  // open sessions gaining a piece
  for (std::size_t i = 0; i < rows.size(); ++i) {
    Stored& r = rows[i];
    Judged& j = judged[i];
    const Session* old_session = old_academy ? old_academy->find_session(r.exam, r.session) : nullptr;
    const bool open_now = old_session && open_at(*old_session, now);
    bool concerned = closing_earlier.count({r.exam, r.session}) > 0;
    if (j.invalid || j.session_gone) {
      if (++report.validity_count <= kListed)
        report.validity.push_back({r.id, r.registration_number, r.exam, r.session, std::move(j.errors)});
    }
    if (!j.added.empty() || !j.removed.empty()) {
      const bool gains = !j.added.empty();
      if (++report.pieces_count <= kListed)
        report.pieces.push_back({r.id, r.registration_number, std::move(j.added), std::move(j.removed)});
      if (gains && open_now) {
        gaining_open.insert({r.exam, r.session});
        concerned = true;
      }
    }
    if (j.pole_changed && ++report.offices_count <= kListed)
      report.offices.push_back({r.id, r.registration_number, j.pole_from, j.pole_to});
    if (concerned) report.notify.push_back({r.id, r.registration_number, r.email, r.last_name, r.first_name});
  }
  for (const auto& [exam, session] : gaining_open)
    reasons.push_back(fmt::format("La session {} {} est ouverte et des inscrits devraient fournir une pièce de plus.",
                                  exam, session));
  return report;
}

}  // namespace guichet::services
