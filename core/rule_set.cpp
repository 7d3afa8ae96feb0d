#include "core/rule_set.hpp"

#include <algorithm>

namespace guichet {

struct RuleSetBuilder {
  static BuildResult build(const SourceSet& sources, const RuleSetOptions& options) {
    BuildResult out;
    auto set = std::make_shared<RuleSet>();
    set->sources_ = sources;
    set->version_ = sources.hash.substr(0, 16);
    auto first = Engine::load(sources, options.limits, set->catalog_, out.diagnostics);
    if (!first) return out;
    check_consistency(*set, *first, out.diagnostics);
    set->engines_.push_back(std::move(first));
    for (unsigned i = 1; i < std::max(1u, options.workers); ++i) {
      Catalog ignored;
      std::vector<Diagnostic> same;  // identical to the first engine's
      set->engines_.push_back(Engine::load(sources, options.limits, ignored, same));
    }
    out.rules = std::move(set);
    return out;
  }

  // Drops the sessions that cannot be served, with a located diagnostic each.
  static void check_consistency(RuleSet& set, Engine& engine, std::vector<Diagnostic>& diags) {
    for (auto& [code, academy] : set.catalog_.academies) {
      std::vector<Session> kept;
      for (auto& s : academy.sessions) {
        auto fault = [&](const std::string& m) { diags.push_back({s.source.file, s.source.line, m}); };
        auto exam = set.catalog_.exams.find(s.exam);
        if (exam == set.catalog_.exams.end()) {
          fault("session " + s.exam + " " + s.session + " : aucun script d'examen ne déclare « " + s.exam + " »");
          continue;
        }
        bool ok = true;
        for (const auto& sp : exam->second.specialities) {
          auto pole = engine.route_of(academy, s, exam->second, sp.code);
          if (!pole.ok()) {
            fault("session " + s.exam + " " + s.session + ", spécialité « " + sp.code + " » : " + pole.error().message);
            ok = false;
            break;
          }
          if (!*pole) {
            fault("session " + s.exam + " " + s.session + " : aucun pôle pour la spécialité « " + sp.code + " »");
            ok = false;
            break;
          }
          s.speciality_poles[sp.code] = **pole;
        }
        if (ok) kept.push_back(std::move(s));
      }
      academy.sessions = std::move(kept);
    }
  }
};

BuildResult build_rule_set(const SourceSet& sources, const RuleSetOptions& options) {
  return RuleSetBuilder::build(sources, options);
}

const Academy* RuleSet::academy(const std::string& code) const {
  auto it = catalog_.academies.find(code);
  return it == catalog_.academies.end() ? nullptr : &it->second;
}

const Exam* RuleSet::exam(const std::string& code) const {
  auto it = catalog_.exams.find(code);
  return it == catalog_.exams.end() ? nullptr : &it->second;
}

std::vector<OpenService> RuleSet::open_at(Seconds at) const {
  std::vector<OpenService> out;
  for (const auto& [code, a] : catalog_.academies)
    for (const auto& s : a.sessions)
      if (s.opens <= at && at < s.closes) out.push_back({&a, &s});
  std::sort(out.begin(), out.end(), [](const OpenService& x, const OpenService& y) {
    return std::tie(x.academy->code, x.session->exam, x.session->session) <
           std::tie(y.academy->code, y.session->exam, y.session->session);
  });
  return out;
}

Result<Verdict> RuleSet::evaluate(unsigned worker, const std::string& academy, const std::string& exam,
                                  const std::string& session, Seconds at, const boost::json::object& answers,
                                  const boost::json::object& identity) const {
  const Academy* a = this->academy(academy);
  const Session* s = a ? a->find_session(exam, session) : nullptr;
  const Exam* x = s ? this->exam(exam) : nullptr;
  if (!x) return Error{"unknown_session", "Cette session d'examen n'existe pas dans cette académie."};
  EvalInput in{a, s, x, at, &answers, &identity};
  auto v = engine(worker).evaluate(in);
  if (v.ok()) v->rule_set_version = version_;
  return v;
}

}  // namespace guichet
