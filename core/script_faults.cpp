#include "core/script_faults.hpp"

#include <algorithm>

namespace guichet {

const char* to_string(FaultKind k) {
  switch (k) {
    case FaultKind::timeout: return "timeout";
    case FaultKind::memory: return "memory";
    case FaultKind::stack: return "stack";
    case FaultKind::error: break;
  }
  return "error";
}

FaultKind fault_kind_of(ErrorCode code) {
  if (code == ErrorCode::script_timeout) return FaultKind::timeout;
  if (code == ErrorCode::script_memory) return FaultKind::memory;
  if (code == ErrorCode::script_stack) return FaultKind::stack;
  return FaultKind::error;
}

bool ScriptFaults::admits(const std::string& academy, std::chrono::seconds* retry_after) {
  if (suspended_count_.load(std::memory_order_acquire) == 0) return true;
  std::lock_guard lock(mu_);
  auto it = books_.find(academy);
  if (it == books_.end() || !it->second.faults.suspended) return true;
  auto now = SteadyClock::now();
  auto& f = it->second.faults;
  if (now >= f.suspended_until) {
    f.suspended = false;
    suspended_count_.fetch_sub(1, std::memory_order_acq_rel);
    return true;
  }
  if (retry_after)
    *retry_after = std::max(std::chrono::seconds(1), std::chrono::ceil<std::chrono::seconds>(f.suspended_until - now));
  return false;
}

void ScriptFaults::record(const std::string& academy, FaultKind kind, const std::string& message) {
  std::lock_guard lock(mu_);
  Book& b = books_[academy];
  b.faults.academy = academy;
  b.faults.counts[kind]++;
  b.faults.last_kind = kind;
  b.faults.last_message = message.substr(0, 500);
  b.faults.last_at = std::chrono::system_clock::now();
  if (!is_limit(kind)) return;
  auto now = SteadyClock::now();
  auto& trips = b.recent_trips;
  trips.erase(std::remove_if(trips.begin(), trips.end(), [&](auto t) { return now - t > policy_.window; }),
              trips.end());
  trips.push_back(now);
  if (static_cast<int>(trips.size()) >= policy_.trips && !b.faults.suspended) {
    b.faults.suspended = true;
    b.faults.suspended_until = now + policy_.suspension;
    trips.clear();
    suspended_count_.fetch_add(1, std::memory_order_acq_rel);
  }
}

void ScriptFaults::forgive(const std::string& academy) {
  std::lock_guard lock(mu_);
  auto it = books_.find(academy);
  if (it == books_.end()) return;
  it->second.recent_trips.clear();
  if (it->second.faults.suspended) {
    it->second.faults.suspended = false;
    suspended_count_.fetch_sub(1, std::memory_order_acq_rel);
  }
}

std::vector<AcademyFaults> ScriptFaults::snapshot() const {
  std::lock_guard lock(mu_);
  std::vector<AcademyFaults> out;
  auto now = SteadyClock::now();
  for (const auto& [code, b] : books_) {
    out.push_back(b.faults);
    if (out.back().suspended && now >= out.back().suspended_until) out.back().suspended = false;
  }
  return out;
}

}  // namespace guichet
