#include "core/form_sweep.hpp"

#include <chrono>

#include <date/date.h>
#include <date/tz.h>

#include <boost/json.hpp>

#include <cmath>
#include <set>

#include "core/form_check.hpp"

namespace guichet {
namespace json = boost::json;

namespace {

// A postal code of department `d`: "86" -> "86000", "2A" -> "20000", "971" -> "97100".
std::string postal_code_in(const std::string& d) {
  if (d == "2A") return "20000";
  if (d == "2B") return "20200";
  std::string out = d;
  while (out.size() < 5) out += '0';
  return out.substr(0, 5);
}

json::value number(double n) {
  if (std::floor(n) == n && std::fabs(n) < 9e15) return static_cast<std::int64_t>(n);
  return n;
}

json::value default_value(const Academy& a, const Session& s, const Field& f) {
  if (f.type == "checkbox") return f.required;
  if (f.type == "select" || f.type == "radio") return json::string(f.options.front().value);
  if (f.type == "number") {
    auto year = session_year(s.session);
    if (f.min)
      if (auto v = resolve_bound(*f.min, year)) return number(*v);
    if (f.max)
      if (auto v = resolve_bound(*f.max, year)) return number(*v);
    return 1;
  }
  if (f.type == "date") return "2000-01-01";
  if (f.type == "email") return "candidat@example.fr";
  if (f.type == "tel") return "05 49 00 00 00";
  if (f.id == "postal_code" || f.format == kPostalCodeFormat)
    return json::string(postal_code_in(a.departments.empty() ? "75" : a.departments.front()));
  std::string text = "Réponse d'exemple";
  if (f.max_length && f.max_length < text.size()) text = std::string(f.max_length, 'a');
  return json::string(text);
}

// One evaluation of the sweep, and what to say about it when it fails.
struct Probe {
  json::object answers;
  std::string factor;  // "eligibility = « experience »", "" for the base answers
};

std::vector<Probe> probes(const Academy& a, const Session& s, const Exam& x) {
  std::vector<Probe> out;
  std::set<std::string> seen;
  auto add = [&](json::object forced, std::string factor) {
    json::object answers = generated_answers(a, s, x, forced);
    if (seen.insert(json::serialize(answers)).second) out.push_back({std::move(answers), std::move(factor)});
  };
  add({}, "");
  json::object all_ticked;
  for (const auto& tab : x.tabs) {
    for (const auto& f : tab.fields) {
      if (f.type == "select" || f.type == "radio") {
        for (const auto& o : f.options) add({{f.id, o.value}}, f.id + " = « " + o.value + " »");
      } else if (f.type == "checkbox") {
        add({{f.id, !f.required}}, f.id + std::string(f.required ? " non cochée" : " cochée"));
        all_ticked[f.id] = true;
      } else if (f.type == "number") {
        auto year = session_year(s.session);
        for (const auto* b : {&f.min, &f.max})
          if (*b)
            if (auto v = resolve_bound(**b, year)) add({{f.id, number(*v)}}, f.id + " = " + french_number(*v));
      }
    }
  }
  add(all_ticked, "toutes les cases cochées");
  return out;
}

struct Identity {
  json::object value;
  std::string said;
};

// Candidates the age- and nationality-dependent rules tell apart, their age taken at `at`.
std::vector<Identity> identities(const Academy& a, Seconds at) {
  auto local = date::floor<date::days>(at + a.zone->get_info(at).offset);
  date::year_month_day today{local};
  auto born = [&](int years) {
    date::year_month_day b{today.year() - date::years{years}, today.month(), date::day{1}};
    return date::format("%F", date::sys_days{b});
  };
  return {{{{"nationality", "francaise"}, {"birth_date", born(18)}}, "candidat français de 18 ans"},
          {{{"nationality", "francaise"}, {"birth_date", born(30)}}, "candidat français de 30 ans"},
          {{{"nationality", "autre"}, {"birth_date", born(17)}}, "candidat étranger de 17 ans"}};
}

}  // namespace

json::object generated_answers(const Academy& academy, const Session& session, const Exam& exam,
                               const json::object& forced) {
  json::object out;
  std::set<std::string, std::less<>> shown;
  for (const auto& tab : exam.tabs) {
    for (const auto& f : tab.fields) {
      if (!field_shown(f, out, shown)) continue;
      shown.insert(f.id);
      if (const json::value* v = forced.if_contains(f.id)) out[f.id] = *v;
      else out[f.id] = default_value(academy, session, f);
    }
  }
  return out;
}

std::vector<Diagnostic> sweep_sessions(const RuleSet& rules, const SweepOptions& options, SweepStats* stats) {
  std::vector<Diagnostic> faults;
  std::set<std::string> said;  // file:line: message, reported once
  SweepStats local;
  SweepStats& st = stats ? *stats : local;
  st = {};
  const auto deadline = std::chrono::steady_clock::now() + options.budget;
  for (const auto& [code, academy] : rules.catalog().academies) {
    if (options.academy && *options.academy != code) continue;
    const SourceSet* sources = rules.academy_sources(code);
    if (!sources) continue;
    std::unique_ptr<Engine> engine;
    auto fresh_engine = [&] {
      Catalog ignored;
      std::vector<Diagnostic> load_faults;  // the build reported them
      engine = Engine::load(*sources, rules.options().limits, ignored, load_faults);
    };
    for (const auto& session : academy.sessions) {
      const Exam* exam = rules.exam(session.exam);
      if (!exam) continue;
      ++st.sessions;
      const Seconds inside = session.opens + (session.closes - session.opens) / 2;
      const Seconds after = session.closes + std::chrono::hours(24);
      const auto people = identities(academy, inside);
      const auto answers = probes(academy, session, *exam);
      bool tripped = false;  // a limit tripped: each further evaluation could cost as much again
      auto run = [&](const Probe& p, const Identity& who, Seconds at, bool closed) {
        if (tripped) return;
        if (st.evaluations >= options.max_evaluations || std::chrono::steady_clock::now() > deadline) {
          st.capped = true;
          return;
        }
        if (!engine || engine->poisoned()) fresh_engine();
        if (!engine) return;
        ++st.evaluations;
        EvalInput in{&academy, &session, exam, at, &p.answers, &who.value};
        auto v = engine->evaluate(in);
        if (v.ok()) return;
        const ErrorCode kind = v.error().code;
        tripped = kind == ErrorCode::script_timeout || kind == ErrorCode::script_memory || kind == ErrorCode::script_stack;
        Diagnostic d = Diagnostic::from_lua(v.error().message, session.source.file);
        if (d.line == 0) d = {session.source.file, session.source.line, v.error().message};
        if (!said.insert(d.str()).second) return;
        std::string when = "session " + session.exam + " " + session.session + " de l'académie " + code + ", " +
                           who.said + (closed ? ", après la clôture" : "") +
                           (p.factor.empty() ? ", réponses de base" : ", réponses avec " + p.factor);
        d.message += " (" + when + ")";
        faults.push_back(std::move(d));
      };
      for (const auto& who : people)
        for (const auto& p : answers) run(p, who, inside, false);
      for (const auto& who : people) run(answers.front(), who, after, true);
    }
  }
  return faults;
}

}  // namespace guichet
