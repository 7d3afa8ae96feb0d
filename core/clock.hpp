// The one injectable clock. Everything that asks "what time is it" goes through a Clock,
// so tests can drive time and `--simulated-time` can rehearse a session.
#pragma once

#include <atomic>
#include <chrono>

namespace guichet {

using Instant = std::chrono::sys_time<std::chrono::microseconds>;

class Clock {
 public:
  virtual ~Clock() = default;
  // Returns the current instant (UTC).
  virtual Instant now() const = 0;
  // True when the clock does not follow the real time (logged and shown in a header).
  virtual bool simulated() const { return false; }
};

// The real time.
class SystemClock final : public Clock {
 public:
  Instant now() const override;
};

// Starts at a given instant and runs at the real pace from there (`--simulated-time`).
class SimulatedClock final : public Clock {
 public:
  explicit SimulatedClock(Instant start);
  Instant now() const override;
  bool simulated() const override { return true; }

 private:
  Instant start_;
  std::chrono::steady_clock::time_point started_at_;
};

// Stands still until moved; for tests.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Instant start) : now_(start.time_since_epoch().count()) {}
  Instant now() const override { return Instant(std::chrono::microseconds(now_.load())); }
  bool simulated() const override { return true; }
  void set(Instant t) { now_.store(t.time_since_epoch().count()); }
  void advance(std::chrono::microseconds d) { now_.fetch_add(d.count()); }

 private:
  std::atomic<long long> now_;
};

}  // namespace guichet
