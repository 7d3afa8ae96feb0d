#include "http/blocking_pool.hpp"

#include <spdlog/spdlog.h>

namespace guichet::http {

BlockingPool::BlockingPool(unsigned threads, unsigned first_worker) : first_worker_(first_worker) {
  for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this, i] { run(first_worker_ + i); });
}

BlockingPool::~BlockingPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_) t.join();
}

void BlockingPool::submit(Task task) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(task));
  }
  cv_.notify_one();
}

void BlockingPool::run(unsigned index) {
  for (;;) {
    Task task;
    {
      std::unique_lock lock(mutex_);
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left to do
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    try {
      task(index);
    } catch (const std::exception& e) {
      // Tasks answer their own errors; this is the last guard so the thread survives.
      spdlog::error("tâche de fond : exception non traitée : {}", e.what());
    }
  }
}

}  // namespace guichet::http
