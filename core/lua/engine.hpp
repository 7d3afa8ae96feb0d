// One sandboxed Lua state holding a whole rule set: the académie and exam scripts loaded,
// their declarations read into a Catalog, their rule functions ready to call. One Engine is
// used by one thread at a time (one per worker).
#pragma once

#include <boost/json/object.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/domain.hpp"
#include "core/lua/sandbox.hpp"
#include "core/result.hpp"
#include "core/sources.hpp"
#include "core/verdict.hpp"

namespace guichet {

// Everything the scripts declared.
struct Catalog {
  std::map<std::string, Academy> academies;
  std::map<std::string, Exam> exams;
};

// A script test case (`case{...}` in tests/*.lua).
struct ScriptCase {
  std::string name;
  std::string academy, exam, session;
  std::string at;
  boost::json::object answers;
  boost::json::object identity;
  boost::json::object expect;
  SourceRef source;
};

struct EvalInput {
  const Academy* academy = nullptr;
  const Session* session = nullptr;
  const Exam* exam = nullptr;
  Seconds at{};
  const boost::json::object* answers = nullptr;
  const boost::json::object* identity = nullptr;
};

class Engine {
 public:
  // Loads every file of `sources` into a fresh sandbox; exam scripts first. Declarations
  // land in `catalog`; a file that fails is left out of it and reported in `diagnostics`.
  static std::unique_ptr<Engine> load(const SourceSet& sources, const lua::SandboxLimits& limits,
                                      Catalog& catalog, std::vector<Diagnostic>& diagnostics);
  ~Engine();

  // Runs the rules on one would-be registration. A fault in a script is an error value
  // whose message carries file:line.
  Result<Verdict> evaluate(const EvalInput& input);

  // The office the exam's route picks for a speciality alone (for the load-time check).
  Result<std::optional<std::string>> route_of(const Academy& academy, const Session& session,
                                              const Exam& exam, const std::string& speciality);

  // True once a script tripped a limit on this engine: it must be thrown away, not reused.
  bool poisoned() const;

  // Loads test files (`case{...}`) into this engine's sandbox and returns their cases; the
  // helpers under tests/lib/ are skipped (the engine's require() serves them).
  Result<std::vector<ScriptCase>> load_cases(const SourceSet& tests, std::vector<Diagnostic>& diagnostics);

  struct Impl;

 private:
  explicit Engine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace guichet
