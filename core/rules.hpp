// The live rule set. Reloads build a whole new set off the request path and swap it in
// atomically; workers pick it up with one atomic load per request, and requests in flight
// finish on the set they started with (they hold a reference).
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/events.hpp"
#include "core/rule_set.hpp"
#include "core/script_faults.hpp"

namespace guichet {

struct ReloadReport {
  bool activated = false;             // a new set went live
  std::string version;                // the live version afterwards
  std::vector<Diagnostic> refused;    // faults of the edits that were refused
};

class Rules {
 public:
  Rules(RuleSetOptions options, const Clock& clock, EventBus* events);

  // First load: faulty académies or exams are left out, the rest serves.
  ReloadReport load(const SourceSet& sources);

  // Later loads: a faulty file keeps its last good content (a new faulty file stays out);
  // the rest of the edit goes live. Refused edits are reported and counted.
  ReloadReport reload(const SourceSet& sources);

  // The live set, for worker `worker` (0 <= worker < options.workers). Hot path: one atomic
  // load unless a swap happened since this worker last looked. Only that worker's thread
  // may call it with that index.
  const std::shared_ptr<const RuleSet>& acquire(unsigned worker);

  // The live set, from any thread (takes a lock).
  std::shared_ptr<const RuleSet> current() const;

  bool loaded() const { return generation_.load(std::memory_order_acquire) > 0; }
  // Faults of the live set's sources, of the last refused edit and of held files, for /readyz.
  std::vector<Diagnostic> diagnostics() const;

  // Faults of files refused before they reach a reload (an académie file of the folder that
  // does not build, when versions are kept in the database): listed until the file is fixed.
  // Returns true when they differ from the previous ones (counted as a refused reload).
  bool set_held_faults(std::vector<Diagnostic> faults);

  struct Stats {
    std::atomic<unsigned long long> reloads_ok{0}, reloads_refused{0};
  };
  const Stats& stats() const { return stats_; }
  // Script faults per académie, across reloads (and the breaker the live sets consult).
  ScriptFaults& faults() { return faults_; }
  const ScriptFaults& faults() const { return faults_; }
  unsigned workers() const { return options_.workers; }

 private:
  ReloadReport load_locked(const SourceSet& sources);
  void activate(BuildResult built, std::vector<Diagnostic> refused);

  ScriptFaults faults_;
  RuleSetOptions options_;
  const Clock& clock_;
  EventBus* events_;
  mutable std::mutex mu_;                       // guards current_, diagnostics_
  std::shared_ptr<const RuleSet> current_;
  std::vector<Diagnostic> live_faults_, refused_, held_;
  std::atomic<unsigned long long> generation_{0};
  std::mutex reload_mu_;                        // one reload at a time

  struct alignas(64) Slot {
    unsigned long long generation = 0;
    std::shared_ptr<const RuleSet> set;
  };
  std::vector<Slot> slots_;
  Stats stats_;
};

}  // namespace guichet
