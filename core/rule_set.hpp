// An immutable, validated rule set: the catalog every worker reads, and one Lua engine per
// worker and per académie, made on first use from that académie's script and the exams and
// libraries it uses. An académie's scripts never share a Lua heap with another's: whatever
// they do, the other académies' verdicts are untouched. An engine that tripped a limit is
// dropped and made again.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/diagnostic.hpp"
#include "core/lua/engine.hpp"
#include "core/sources.hpp"

namespace guichet {

class ScriptFaults;

struct RuleSetOptions {
  lua::SandboxLimits limits;
  unsigned workers = 1;           // worker threads that evaluate, each with its own engines
  ScriptFaults* faults = nullptr;  // where faults are counted, and the breaker (optional)
};

struct OpenService {
  const Academy* academy;
  const Session* session;
};

class RuleSet {
 public:
  const Catalog& catalog() const { return catalog_; }
  const SourceSet& sources() const { return sources_; }
  // The content hash of the sources that produced it, shortened: what verdicts carry.
  const std::string& version() const { return version_; }
  const std::string& hash() const { return sources_.hash; }
  const RuleSetOptions& options() const { return options_; }

  const Academy* academy(const std::string& code) const;
  const Exam* exam(const std::string& code) const;

  // Every session whose window holds `at`, sorted by académie, exam, session.
  std::vector<OpenService> open_at(Seconds at) const;

  // Evaluates on worker `worker`'s engine for that académie (only that worker's thread may
  // use that index). Errors: unknown_session (404), rules_unavailable (503: the académie is
  // suspended after repeated faults, or its engine could not be made) or a script fault
  // (script_timeout, script_memory, script_stack, script_error).
  Result<Verdict> evaluate(unsigned worker, const std::string& academy, const std::string& exam,
                           const std::string& session, Seconds at, const boost::json::object& answers,
                           const boost::json::object& identity) const;

  // Loads test files (`case{...}`) in an engine of their own and returns their cases.
  Result<std::vector<ScriptCase>> load_cases(const SourceSet& tests, std::vector<Diagnostic>& diagnostics) const;

  // The sources an académie's engines load: the libraries, the exams its sessions use, its file.
  const SourceSet* academy_sources(const std::string& academy) const;

 private:
  friend struct RuleSetBuilder;
  Engine* engine_for(unsigned worker, const std::string& academy) const;

  Catalog catalog_;
  SourceSet sources_;
  std::string version_;
  RuleSetOptions options_;
  std::map<std::string, SourceSet> academy_sources_;
  // engines_[worker][académie]: each worker's slot is touched by that worker's thread only.
  mutable std::vector<std::map<std::string, std::unique_ptr<Engine>>> engines_;
};

struct BuildResult {
  std::shared_ptr<const RuleSet> rules;  // null only when no engine could be made
  std::vector<Diagnostic> diagnostics;   // faults; the faulty parts are left out of `rules`
};

// Loads and validates `sources`: structure checks while loading, then consistency checks
// across files (each session's exam exists, every office its routing picks exists).
BuildResult build_rule_set(const SourceSet& sources, const RuleSetOptions& options);

}  // namespace guichet
