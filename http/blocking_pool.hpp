// Threads for work that blocks (database round trips, Argon2id hashing), so the I/O threads
// never wait. Each thread has a stable index, used to pick its own Lua engine: thread i of the
// pool is rules worker `first_worker + i`.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace guichet::http {

class BlockingPool {
 public:
  using Task = std::function<void(unsigned worker_index)>;

  BlockingPool(unsigned threads, unsigned first_worker);
  ~BlockingPool();  // finishes queued tasks, then joins
  BlockingPool(const BlockingPool&) = delete;
  BlockingPool& operator=(const BlockingPool&) = delete;

  void submit(Task task);
  unsigned size() const { return static_cast<unsigned>(threads_.size()); }

 private:
  void run(unsigned index);
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<Task> queue_;
  bool stopping_ = false;
  unsigned first_worker_;
  std::vector<std::thread> threads_;
};

}  // namespace guichet::http
