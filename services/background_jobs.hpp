// The server's periodic work on one thread: deliver the outbox, purge accounts never
// activated. Both are safe when several servers run them (leases; idempotent deletes).
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace guichet::services {

class BackgroundJobs {
 public:
  struct Job {
    std::string name;
    std::chrono::milliseconds period;
    std::function<void()> run;
    // Also run at poke(): delivery and the like, which a request may have given work; not
    // what only its period gives work (retention, sweeps of old data).
    bool on_poke = true;
  };
  explicit BackgroundJobs(std::vector<Job> jobs);
  ~BackgroundJobs();  // stops and joins
  // Runs every job marked on_poke soon (e.g. after a mail was queued), without waiting for its
  // period.
  void poke();

 private:
  void loop();
  std::vector<Job> jobs_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stopping_ = false, poked_ = false;
  std::thread thread_;
};

}  // namespace guichet::services
