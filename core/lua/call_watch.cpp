#include "core/lua/call_watch.hpp"

#include <array>
#include <atomic>
#include <cstdint>

namespace guichet::lua {
namespace {

using Clock = std::chrono::steady_clock;

// One slot per thread that ever ran a script (workers, pool, reload, CLI); a thread past the
// last slot is simply not watched. Slots hold the start in nanoseconds, 0 when idle.
constexpr std::size_t kSlots = 512;
std::array<std::atomic<std::int64_t>, kSlots> g_started{};
std::atomic<std::size_t> g_used{0};

std::atomic<std::int64_t>* my_slot() {
  thread_local std::atomic<std::int64_t>* slot = [] {
    std::size_t i = g_used.fetch_add(1, std::memory_order_relaxed);
    return i < kSlots ? &g_started[i] : nullptr;
  }();
  return slot;
}

std::int64_t now_ns() { return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count(); }

}  // namespace

void call_started() {
  if (auto* s = my_slot()) s->store(now_ns(), std::memory_order_relaxed);
}

void call_finished() {
  if (auto* s = my_slot()) s->store(0, std::memory_order_relaxed);
}

std::chrono::milliseconds longest_running_call() {
  std::int64_t now = now_ns(), oldest = 0;
  std::size_t n = std::min(g_used.load(std::memory_order_relaxed), kSlots);
  for (std::size_t i = 0; i < n; ++i) {
    std::int64_t t = g_started[i].load(std::memory_order_relaxed);
    if (t != 0 && (oldest == 0 || t < oldest)) oldest = t;
  }
  if (oldest == 0 || now <= oldest) return std::chrono::milliseconds(0);
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::nanoseconds(now - oldest));
}

}  // namespace guichet::lua
