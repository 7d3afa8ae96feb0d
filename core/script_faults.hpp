// Per-académie books of script faults, kept across reloads: what /metrics counts and /readyz
// lists, and a circuit breaker. An académie whose scripts keep tripping the sandbox's limits
// (time, memory, stack) is suspended for a while: its evaluations answer at once without
// running the script, so it cannot hold the workers every other académie shares.
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "core/error_code.hpp"

namespace guichet {

enum class FaultKind { timeout, memory, stack, error };
const char* to_string(FaultKind k);
// The kind of an engine error code ("script_timeout"...); error for anything else.
FaultKind fault_kind_of(ErrorCode code);
// A limit, as opposed to an ordinary script error: the state that ran it is rebuilt.
inline bool is_limit(FaultKind k) { return k != FaultKind::error; }

struct BreakerPolicy {
  int trips = 5;                                    // limit trips...
  std::chrono::seconds window = std::chrono::seconds(60);  // ...within this long...
  std::chrono::seconds suspension = std::chrono::seconds(30);  // ...suspend for this long
};

struct AcademyFaults {
  std::string academy;
  std::map<FaultKind, unsigned long long> counts;
  std::string last_message;          // file:line: message
  FaultKind last_kind = FaultKind::error;
  std::chrono::system_clock::time_point last_at{};
  std::chrono::steady_clock::time_point suspended_until{};
  bool suspended = false;            // as of the snapshot
};

class ScriptFaults {
 public:
  using SteadyClock = std::chrono::steady_clock;
  explicit ScriptFaults(BreakerPolicy policy = {}) : policy_(policy) {}

  // False while `academy` is suspended; `retry_after` then says for how long.
  bool admits(const std::string& academy, std::chrono::seconds* retry_after = nullptr);
  void record(const std::string& academy, FaultKind kind, const std::string& message);

  // A new version of the académie's rules starts afresh: suspension lifted, trips forgotten
  // (the counts stay, for /metrics).
  void forgive(const std::string& academy);

  std::vector<AcademyFaults> snapshot() const;

 private:
  struct Book {
    AcademyFaults faults;
    std::vector<SteadyClock::time_point> recent_trips;
  };
  BreakerPolicy policy_;
  mutable std::mutex mu_;  // taken only by faults and by suspended académies, not on the hot path
  std::map<std::string, Book> books_;
  // Fast path: nobody suspended, no lock.
  std::atomic<int> suspended_count_{0};
};

}  // namespace guichet
