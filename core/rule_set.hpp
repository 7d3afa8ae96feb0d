// An immutable, validated rule set: the catalog every worker reads, and one Lua engine per
// worker built from the same sources.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/diagnostic.hpp"
#include "core/lua/engine.hpp"
#include "core/sources.hpp"

namespace guichet {

struct RuleSetOptions {
  lua::SandboxLimits limits;
  unsigned workers = 1;  // engines to build, one per worker thread
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

  const Academy* academy(const std::string& code) const;
  const Exam* exam(const std::string& code) const;

  // Every session whose window holds `at`, sorted by académie, exam, session.
  std::vector<OpenService> open_at(Seconds at) const;

  // Evaluates on worker `worker`'s engine. Errors: unknown_session (404) or a script fault.
  Result<Verdict> evaluate(unsigned worker, const std::string& academy, const std::string& exam,
                           const std::string& session, Seconds at, const boost::json::object& answers,
                           const boost::json::object& identity) const;

  Engine& engine(unsigned worker) const { return *engines_.at(worker % engines_.size()); }

 private:
  friend struct RuleSetBuilder;
  Catalog catalog_;
  SourceSet sources_;
  std::string version_;
  std::vector<std::unique_ptr<Engine>> engines_;
};

struct BuildResult {
  std::shared_ptr<const RuleSet> rules;  // null only when no engine could be made
  std::vector<Diagnostic> diagnostics;   // faults; the faulty parts are left out of `rules`
};

// Loads and validates `sources`: structure checks while loading, then consistency checks
// across files (each session's exam exists, every office its routing picks exists).
BuildResult build_rule_set(const SourceSet& sources, const RuleSetOptions& options);

}  // namespace guichet
