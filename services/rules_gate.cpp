#include "services/rules_gate.hpp"

#include <algorithm>

#include "core/form_sweep.hpp"
#include "core/script_tests.hpp"
#include "services/impact_analysis.hpp"

namespace guichet::services {

namespace {

bool known(const std::vector<Diagnostic>& faults, const Diagnostic& d) {
  return std::any_of(faults.begin(), faults.end(),
                     [&](const Diagnostic& k) { return k.file == d.file && k.message == d.message; });
}

}  // namespace

GateVerdict check_rules(const GateInput& in, const RuleSetOptions& options) {
  GateVerdict v;
  RuleSetOptions o = options;
  o.workers = std::max(1u, in.workers);
  BuildResult built = build_rule_set(in.candidate, o);
  v.built = built.rules;
  for (const auto& d : built.diagnostics) {
    bool own = in.own_files.empty() ||
               std::find(in.own_files.begin(), in.own_files.end(), d.file) != in.own_files.end();
    if (own && !known(in.known_faults, d)) v.faults.push_back(d);
  }
  if (!built.rules) {
    if (v.faults.empty()) v.faults.push_back({"", 0, "Aucune règle ne se charge."});
    v.load_faults = v.faults.size();
    return v;
  }
  v.load_faults = v.faults.size();
  if (!v.faults.empty()) return v;  // the tests would judge a set with parts left out

  std::vector<Diagnostic> case_faults;
  auto cases = built.rules->load_cases(in.tests, case_faults);
  v.faults.insert(v.faults.end(), case_faults.begin(), case_faults.end());
  if (!cases.ok()) {
    v.faults.push_back({"tests", 0, cases.error().message});
    return v;
  }
  std::vector<ScriptCase> run;
  for (const auto& c : *cases)
    if (!in.academy || c.academy == *in.academy) run.push_back(c);
  for (const auto& outcome : run_script_cases(*built.rules, run)) {
    ++v.tests_run;
    for (const auto& f : outcome.failures)
      v.faults.push_back({outcome.source.file, outcome.source.line, "cas « " + outcome.name + " » : " + f});
  }
  // What only fails at run time: every session over answers generated from its own form.
  SweepOptions sweep;
  sweep.academy = in.academy;
  for (auto& d : sweep_sessions(*built.rules, sweep))
    if (!known(in.known_faults, d)) v.faults.push_back(std::move(d));
  return v;
}

Result<std::vector<std::string>> window_guard(Database& db, const RuleSet& live, const RuleSet& candidate,
                                              std::vector<std::string> academies, Seconds now, unsigned threads) {
  if (academies.empty())
    for (const auto& [code, a] : candidate.catalog().academies) academies.push_back(code);
  std::vector<std::string> reasons;
  for (const auto& academy : academies) {
    auto report = analyse_impact(db, live, candidate, academy, now, threads);
    if (!report.ok()) return report.error();
    for (const auto& r : report->guard_reasons)
      if (std::find(reasons.begin(), reasons.end(), r) == reasons.end()) reasons.push_back(r);
  }
  return reasons;
}

}  // namespace guichet::services
