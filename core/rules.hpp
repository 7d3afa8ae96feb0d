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

// A change of the scripts folder that is not live: refused by the gate (it does not load, fails
// the consistency checks, the scripts' tests or the sweep), or held by the window guard until
// someone confirms it with a reason. Listed until the file is fixed, reverted or confirmed.
struct PendingChange {
  enum class State { refused, held };
  std::string file;
  std::string content_hash;
  State state = State::refused;
  std::vector<Diagnostic> reasons;
  Instant since{};
  std::string serving;  // what serves instead (French)
  std::string confirm;  // held: how to confirm it (French)
  const char* state_name() const { return state == State::held ? "held" : "refused"; }
};

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
  // Faults of the live set's own sources only (parts left out when it loaded).
  std::vector<Diagnostic> live_faults() const;

  // Changes of the folder the gate kept from going live (the lifecycle's sync sets them all at
  // once). Keeps the `since` of those already listed; returns the new ones (to log), each
  // counted as a refused reload.
  std::vector<PendingChange> set_pending_changes(std::vector<PendingChange> changes);
  std::vector<PendingChange> pending_changes() const;

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
  std::vector<Diagnostic> live_faults_, refused_;
  std::vector<PendingChange> pending_;
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
