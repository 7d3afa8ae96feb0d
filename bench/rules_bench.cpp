// In-process benchmark of the rules engine: one verdict, and a full reload (load, validate
// and build an engine per worker). Prints median and p99; see BENCHMARKS.md.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "core/rule_set.hpp"
#include "core/time_format.hpp"

using namespace guichet;
using Steady = std::chrono::steady_clock;

namespace {

struct Stats {
  double median_us, p99_us;
};

Stats summarize(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return {v[v.size() / 2], v[std::min(v.size() - 1, v.size() * 99 / 100)]};
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir = argc > 1 ? argv[1] : "scripts";
  auto sources = read_sources(dir);
  if (!sources.ok()) {
    std::fprintf(stderr, "%s\n", sources.error().message.c_str());
    return 1;
  }
  // Full reload, as the server does it with 2 workers.
  std::vector<double> reloads;
  for (int i = 0; i < 30; ++i) {
    auto t0 = Steady::now();
    auto built = build_rule_set(*sources, {{}, 2});
    reloads.push_back(std::chrono::duration<double, std::micro>(Steady::now() - t0).count());
    if (!built.rules || !built.diagnostics.empty()) {
      std::fprintf(stderr, "rules do not load cleanly\n");
      return 1;
    }
  }
  auto built = build_rule_set(*sources, {{}, 1});
  const RuleSet& rules = *built.rules;
  // A typical BAC PRO 2025 registration with conditional pieces.
  boost::json::object answers{{"acceptation", true},        {"address", "1 rue de la Gare"},
                              {"postal_code", "86000"},     {"city", "Poitiers"},
                              {"phone", "05 49 00 00 00"},  {"speciality", "melec"},
                              {"exam_form", "globale"},     {"foreign_language", "anglais"},
                              {"eligibility", "experience"}, {"experience_years", 4},
                              {"exemption", true},          {"exemption_diploma", "CAP Électricien, 2019"},
                              {"distance_learning", false}};
  boost::json::object identity{{"birth_date", "2004-05-01"}, {"nationality", "francaise"}};
  auto at = *parse_rfc3339("2024-10-20T10:00:00+02:00");
  auto probe = rules.evaluate(0, "poitiers", "bac_pro", "2025", at, answers, identity);
  if (!probe.ok()) {
    std::fprintf(stderr, "%s\n", probe.error().message.c_str());
    return 1;
  }
  for (int i = 0; i < 2000; ++i) (void)rules.evaluate(0, "poitiers", "bac_pro", "2025", at, answers, identity);
  std::vector<double> verdicts;
  verdicts.reserve(100000);
  for (int i = 0; i < 100000; ++i) {
    auto t0 = Steady::now();
    auto v = rules.evaluate(0, "poitiers", "bac_pro", "2025", at, answers, identity);
    verdicts.push_back(std::chrono::duration<double, std::micro>(Steady::now() - t0).count());
    if (!v.ok()) return 1;
  }
  // The first verdict of a worker on an académie: its engine is made then (lazily, per
  // worker and per académie). Each run uses a fresh rule set.
  std::vector<double> firsts;
  for (int i = 0; i < 30; ++i) {
    auto fresh = build_rule_set(*sources, {{}, 1});
    auto t0 = Steady::now();
    (void)fresh.rules->evaluate(0, "poitiers", "bac_pro", "2025", at, answers, identity);
    firsts.push_back(std::chrono::duration<double, std::micro>(Steady::now() - t0).count());
  }
  // A hostile edit: the residence rule loops for one postal code. Each trip costs the
  // deadline (200 ms); what follows is the time until that worker serves a good verdict again
  // (its tripped state thrown away and rebuilt).
  SourceSet hostile = *sources;
  SourceFile academy = *hostile.find("academies/poitiers.lua");
  auto at_rule = academy.text.find("residence = function(a, v)");
  if (at_rule == std::string::npos) return 1;
  academy.text.insert(academy.text.find('\n', at_rule) + 1,
                      "if a.postal_code == '86999' then while true do end end\n");
  hostile.add(academy);
  auto trap = build_rule_set(hostile, {{}, 1});
  if (!trap.rules || !trap.diagnostics.empty()) return 1;
  boost::json::object bad = answers;
  bad["postal_code"] = "86999";
  std::vector<double> trips, recoveries;
  for (int i = 0; i < 20; ++i) {
    auto t0 = Steady::now();
    auto tripped = trap.rules->evaluate(0, "poitiers", "bac_pro", "2025", at, bad, identity);
    auto t1 = Steady::now();
    auto good = trap.rules->evaluate(0, "poitiers", "bac_pro", "2025", at, answers, identity);
    auto t2 = Steady::now();
    if (tripped.ok() || tripped.error().code != ErrorCode::script_timeout || !good.ok()) return 1;
    trips.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
    recoveries.push_back(std::chrono::duration<double, std::micro>(t2 - t1).count());
  }
  auto f = summarize(firsts), tr = summarize(trips), rc = summarize(recoveries);
  std::printf("first verdict of a worker (engine made): median %.2f ms, p99 %.2f ms (30 runs)\n", f.median_us / 1000,
              f.p99_us / 1000);
  std::printf("hostile loop stopped after: median %.1f ms; serving again after: median %.2f ms, p99 %.2f ms (20 runs)\n",
              tr.median_us / 1000, rc.median_us / 1000, rc.p99_us / 1000);
  auto r = summarize(reloads), v = summarize(verdicts);
  std::printf("verdict (bac_pro 2025, valid=%s, %zu errors, %zu pieces): median %.2f us, p99 %.2f us (100000 runs)\n",
              probe->valid ? "true" : "false", probe->errors.size(), probe->pieces.size(), v.median_us, v.p99_us);
  std::printf("full reload (%zu files: load, checks, one engine per académie): median %.2f ms, p99 %.2f ms (30 runs)\n",
              sources->files.size(), r.median_us / 1000, r.p99_us / 1000);
  return 0;
}
