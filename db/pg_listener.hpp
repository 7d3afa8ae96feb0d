// LISTEN on a PostgreSQL channel from a thread of its own (its own connection, not a pooled
// one): each NOTIFY on the channel calls `on_notify` on that thread. Reconnects with a
// backoff when the connection drops; stop() returns promptly.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <thread>

namespace guichet::db {

class PgListener {
 public:
  PgListener(std::string conninfo, std::string channel, std::function<void()> on_notify);
  ~PgListener();
  PgListener(const PgListener&) = delete;
  PgListener& operator=(const PgListener&) = delete;

  void start();
  void stop();

 private:
  void run();

  std::string conninfo_, channel_;
  std::function<void()> on_notify_;
  int stop_fd_ = -1;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace guichet::db
