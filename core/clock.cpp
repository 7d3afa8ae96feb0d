#include "core/clock.hpp"

namespace guichet {

Instant SystemClock::now() const {
  return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
}

SimulatedClock::SimulatedClock(Instant start)
    : start_(start), started_at_(std::chrono::steady_clock::now()) {}

Instant SimulatedClock::now() const {
  auto elapsed = std::chrono::steady_clock::now() - started_at_;
  return start_ + std::chrono::duration_cast<std::chrono::microseconds>(elapsed);
}

}  // namespace guichet
