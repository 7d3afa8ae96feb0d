// The watchdog around calls into plugin code. A thread cannot be killed safely, so a call that
// overruns its deadline is abandoned to the pool thread running it: the caller gets "timed
// out" at the deadline and goes on; that thread comes back to the pool if the call ever
// returns. Pool threads are detached and share their state, so a hung call never blocks the
// host's shutdown either.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace guichet::plugins {

class CallPool {
 public:
  // `threads`: calls that may run at once; more wait in line (within their deadline).
  explicit CallPool(unsigned threads);
  ~CallPool();
  CallPool(const CallPool&) = delete;
  CallPool& operator=(const CallPool&) = delete;

  // Runs `call` on a pool thread; false when it did not finish by `deadline` (it may still be
  // running: anything it captures must stay valid, so pass owned copies).
  bool run(std::function<void()> call, std::chrono::steady_clock::time_point deadline);
  // Calls still running past their deadline.
  unsigned overdue() const;

  struct State;

 private:
  std::shared_ptr<State> state_;
};

}  // namespace guichet::plugins
