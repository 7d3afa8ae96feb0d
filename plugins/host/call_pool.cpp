#include "plugins/host/call_pool.hpp"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace guichet::plugins {

namespace {

struct Task {
  std::function<void()> call;
  std::mutex mu;
  std::condition_variable cv;
  bool started = false, done = false, abandoned = false;
};

}  // namespace

struct CallPool::State {
  std::mutex mu;
  std::condition_variable cv;
  std::deque<std::shared_ptr<Task>> queue;
  bool stopping = false;
  unsigned overdue = 0;
};

CallPool::CallPool(unsigned threads) : state_(std::make_shared<State>()) {
  for (unsigned i = 0; i < std::max(1u, threads); ++i) {
    std::thread([state = state_] {
      for (;;) {
        std::shared_ptr<Task> task;
        {
          std::unique_lock lock(state->mu);
          state->cv.wait(lock, [&] { return state->stopping || !state->queue.empty(); });
          if (state->queue.empty()) return;  // stopping
          task = std::move(state->queue.front());
          state->queue.pop_front();
        }
        {
          std::lock_guard lock(task->mu);
          if (task->abandoned) continue;  // its caller gave up before it started
          task->started = true;
        }
        try {
          task->call();
        } catch (...) {
          // A C plugin cannot throw; a C++ one that lets an exception out is a failed call.
        }
        std::lock_guard lock(task->mu);
        task->done = true;
        if (task->abandoned) {
          std::lock_guard l(state->mu);
          --state->overdue;
        }
        task->cv.notify_all();
      }
    }).detach();
  }
}

CallPool::~CallPool() {
  {
    std::lock_guard lock(state_->mu);
    state_->stopping = true;
  }
  state_->cv.notify_all();
}

bool CallPool::run(std::function<void()> call, std::chrono::steady_clock::time_point deadline) {
  auto task = std::make_shared<Task>();
  task->call = std::move(call);
  {
    std::lock_guard lock(state_->mu);
    state_->queue.push_back(task);
  }
  state_->cv.notify_one();
  std::unique_lock lock(task->mu);
  if (task->cv.wait_until(lock, deadline, [&] { return task->done; })) return true;
  task->abandoned = true;
  if (task->started) {
    std::lock_guard l(state_->mu);
    ++state_->overdue;
  }
  return false;
}

unsigned CallPool::overdue() const {
  std::lock_guard lock(state_->mu);
  return state_->overdue;
}

}  // namespace guichet::plugins
