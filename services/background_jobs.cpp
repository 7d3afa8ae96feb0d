#include "services/background_jobs.hpp"

#include <spdlog/spdlog.h>

namespace guichet::services {

BackgroundJobs::BackgroundJobs(std::vector<Job> jobs) : jobs_(std::move(jobs)), thread_([this] { loop(); }) {}

BackgroundJobs::~BackgroundJobs() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void BackgroundJobs::poke() {
  {
    std::lock_guard lock(mutex_);
    poked_ = true;
  }
  cv_.notify_all();
}

void BackgroundJobs::loop() {
  using clock = std::chrono::steady_clock;
  std::vector<clock::time_point> next(jobs_.size(), clock::now());
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    auto wake = *std::min_element(next.begin(), next.end());
    cv_.wait_until(lock, wake, [&] { return stopping_ || poked_; });
    if (stopping_) break;
    bool poked = poked_;
    poked_ = false;
    lock.unlock();
    auto now = clock::now();
    for (size_t i = 0; i < jobs_.size(); ++i) {
      if (now < next[i] && !(poked && jobs_[i].on_poke)) continue;
      try {
        jobs_[i].run();
      } catch (const std::exception& e) {
        spdlog::error("tâche {} : {}", jobs_[i].name, e.what());
      }
      next[i] = clock::now() + jobs_[i].period;
    }
    lock.lock();
  }
}

}  // namespace guichet::services
