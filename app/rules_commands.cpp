// check, test and eval: the commands académie staff run on their scripts.
#include <boost/json.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/args.hpp"
#include "app/commands.hpp"
#include "app/script_plugins.hpp"
#include "core/clock.hpp"
#include "core/form_sweep.hpp"
#include "core/rule_set.hpp"
#include "core/script_tests.hpp"
#include "core/time_format.hpp"
#include "http/json_views.hpp"

namespace guichet::app {
namespace {

struct Loaded {
  std::unique_ptr<ScriptPlugins> plugins;  // outlives the rules that call into it
  BuildResult built;
  std::vector<ScriptCase> cases;
  std::vector<Diagnostic> case_faults;
};

// Loads the rules of `dir`, and its test cases when `with_tests`.
Result<Loaded> load(const std::string& dir, bool with_tests, const std::optional<std::string>& plugins_dir) {
  auto sources = read_sources(dir);
  if (!sources.ok()) return sources.error();
  Loaded l;
  l.plugins = std::make_unique<ScriptPlugins>(plugins_dir);
  l.built = build_rule_set(*sources, l.plugins->with({}));
  if (!l.built.rules) return l;
  if (with_tests) {
    auto tests = read_sources(dir, true);
    if (!tests.ok()) return tests.error();
    auto cases = l.built.rules->load_cases(*tests, l.case_faults);
    if (cases.ok()) l.cases = std::move(*cases);
  }
  return l;
}

void print_faults(const std::vector<Diagnostic>& faults) {
  for (const auto& d : faults) std::printf("%s\n", d.str().c_str());
}

std::string script_dir(const Args& a, const char* fallback = "scripts") {
  if (!a.positional.empty()) return a.positional[0];
  if (auto s = a.get("--scripts")) return *s;
  return fallback;
}

}  // namespace

int cmd_check(int argc, char** argv) {
  auto args = parse_args(argc, argv, 2, {"--scripts", "--plugins"}, {});
  if (!args.ok()) {
    std::fprintf(stderr, "%s\n", args.error().message.c_str());
    return 2;
  }
  auto l = load(script_dir(*args), true, args->get("--plugins"));
  if (!l.ok()) {
    std::printf("%s\n", l.error().message.c_str());
    return 1;
  }
  print_faults(l->built.diagnostics);
  print_faults(l->case_faults);
  if (!l->built.rules || !l->built.diagnostics.empty() || !l->case_faults.empty()) return 1;
  // What only fails at run time: every session over answers generated from its form.
  SweepStats swept;
  auto run_time = sweep_sessions(*l->built.rules, {}, &swept);
  print_faults(run_time);
  if (!run_time.empty()) return 1;
  const auto& cat = l->built.rules->catalog();
  size_t sessions = 0;
  for (const auto& [c, a] : cat.academies) sessions += a.sessions.size();
  std::printf("OK : %zu académie(s), %zu examen(s), %zu session(s), %zu cas de test, %zu évaluation(s) sur des "
              "réponses générées%s ; version %s\n",
              cat.academies.size(), cat.exams.size(), sessions, l->cases.size(), swept.evaluations,
              swept.capped ? " (plafond atteint)" : "", l->built.rules->version().c_str());
  return 0;
}

int cmd_test(int argc, char** argv) {
  auto args = parse_args(argc, argv, 2, {"--scripts", "--plugins"}, {});
  if (!args.ok()) {
    std::fprintf(stderr, "%s\n", args.error().message.c_str());
    return 2;
  }
  auto l = load(script_dir(*args), true, args->get("--plugins"));
  if (!l.ok()) {
    std::printf("%s\n0 passed, 1 failed\n", l.error().message.c_str());
    return 1;
  }
  print_faults(l->built.diagnostics);
  print_faults(l->case_faults);
  int passed = 0, failed = static_cast<int>(l->built.diagnostics.size() + l->case_faults.size());
  if (l->built.rules) {
    for (const auto& o : run_script_cases(*l->built.rules, l->cases)) {
      if (o.passed()) {
        ++passed;
        std::printf("ok     %s\n", o.name.c_str());
        continue;
      }
      ++failed;
      std::printf("ÉCHEC  %s (%s)\n", o.name.c_str(), o.source.str().c_str());
      for (const auto& f : o.failures) std::printf("         - %s\n", f.c_str());
    }
  }
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 && passed > 0 ? 0 : 1;
}

int cmd_eval(int argc, char** argv) {
  auto args = parse_args(argc, argv, 2, {"--academy", "--exam", "--session", "--at", "--answers", "--scripts", "--plugins"},
                         {"--explain"});
  if (!args.ok()) {
    std::fprintf(stderr, "%s\n", args.error().message.c_str());
    return 2;
  }
  auto academy = args->get("--academy"), exam = args->get("--exam"), session = args->get("--session");
  if (!academy || !exam || !session) {
    std::fprintf(stderr, "eval : --academy, --exam et --session sont obligatoires\n");
    return 2;
  }
  auto l = load(script_dir(*args), false, args->get("--plugins"));
  if (!l.ok() || !l->built.rules) {
    std::fprintf(stderr, "%s\n", l.ok() ? "règles inutilisables" : l.error().message.c_str());
    return 1;
  }
  print_faults(l->built.diagnostics);
  const RuleSet& rules = *l->built.rules;
  const Academy* a = rules.academy(*academy);
  if (!a) {
    std::fprintf(stderr, "académie inconnue : %s\n", academy->c_str());
    return 1;
  }
  boost::json::object answers, identity;
  if (auto file = args->get("--answers")) {
    std::ifstream in(*file);
    std::stringstream text;
    text << in.rdbuf();
    boost::system::error_code ec;
    auto v = boost::json::parse(text.str(), ec);
    if (ec || !v.is_object()) {
      std::fprintf(stderr, "%s : JSON invalide\n", file->c_str());
      return 1;
    }
    auto& o = v.get_object();
    // Either the evaluate body ({"answers", "identity"}) or a bare answers object.
    if (o.contains("answers") && o["answers"].is_object()) {
      answers = o["answers"].get_object();
      if (o.contains("identity") && o["identity"].is_object()) identity = o["identity"].get_object();
    } else {
      answers = o;
    }
  }
  Seconds at = std::chrono::floor<std::chrono::seconds>(SystemClock().now());
  if (auto t = args->get("--at")) {
    auto parsed = parse_any(*t, a->zone);
    if (!parsed.ok()) {
      std::fprintf(stderr, "--at : %s\n", parsed.error().message.c_str());
      return 1;
    }
    at = *parsed;
  }
  auto v = rules.evaluate(0, *academy, *exam, *session, at, answers, identity);
  if (!v.ok()) {
    std::fprintf(stderr, "%s\n", v.error().message.c_str());
    return 1;
  }
  auto out = views::verdict(*v, *a, *a->find_session(*exam, *session), args->has("--explain"));
  out["at"] = format_rfc3339(at, a->zone);
  std::cout << boost::json::serialize(out) << "\n";
  return 0;
}

}  // namespace guichet::app
