// Delivers the event outbox to its consumers (the plugins that subscribed), each from its own
// cursor on its own thread, so a slow or failing consumer holds back no one else and never a
// request. Guarantees: at least once; in order per aggregate (a registration, an account);
// each event keeps its id across retries and restarts.
//
//  - A consumer answering "retry" (or hung past the watchdog) is temporarily unavailable: its
//    cursor stays on that event and the whole stream backs off (1 s, doubling, up to a cap).
//  - A consumer answering "failed" refuses that one event: it is parked, retried with its own
//    backoff, and the later events of the same aggregate are parked behind it; the rest flows.
//  - PostgreSQL hands out seq numbers before commit, so a later seq may be visible before an
//    earlier one: the stream stops at such a gap until it fills or is older than `gap_grace`
//    (then it was a rolled-back transaction).
//  - One server at a time delivers to a consumer (a lease on its cursor row).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "db/events_repository.hpp"

namespace guichet::services {

enum class DeliveryOutcome { delivered, retry, failed, hung };

struct EventConsumer {
  std::string name;                   // the cursor's key, e.g. "plugin:webhook"
  std::vector<std::string> prefixes;  // event types wanted ("" for all)
  std::function<DeliveryOutcome(const db::EventRow& event, unsigned attempt, std::string& error)> deliver;
};

struct EventDeliveryConfig {
  std::chrono::milliseconds poll{1000};  // how often to look without a poke (other servers' events)
  std::chrono::milliseconds first_backoff{1000};
  std::chrono::milliseconds max_backoff{std::chrono::hours(1)};
  std::chrono::milliseconds gap_grace{10000};
  std::chrono::seconds lease{60};
  int batch = 200;
};

struct ConsumerStatus {
  std::string name;
  long long last_seq = 0;
  int attempts = 0;
  std::string last_error;
  std::size_t parked = 0;
};

class EventDelivery {
 public:
  EventDelivery(Database& db, const Clock& clock, std::vector<EventConsumer> consumers, EventDeliveryConfig config = {});
  ~EventDelivery();  // stops and joins the threads
  EventDelivery(const EventDelivery&) = delete;
  EventDelivery& operator=(const EventDelivery&) = delete;

  // Creates the cursors of new consumers (at the end of the log), then one thread per
  // consumer. Call before the server takes requests.
  void start();
  // New events were committed here: look now rather than at the next poll.
  void poke();
  // One pass for consumer `index`: parked events due, then the stream. Returns how many
  // events were delivered. Tests drive it directly.
  Result<int> run_once(std::size_t index);
  std::vector<ConsumerStatus> status();
  // Prometheus text: per consumer, events delivered and failed calls (counters), parked
  // events and failed attempts at the head of the stream (gauges). From memory, no query.
  std::string render_metrics() const;
  // Deletes what every live consumer has delivered, once older than `retention`.
  Result<long long> purge(std::chrono::hours retention);

 private:
  struct Worker;
  void loop(std::size_t index);
  std::chrono::milliseconds backoff(int attempts) const;
  bool wanted(const EventConsumer& c, const std::string& type) const;

  Database& db_;
  const Clock& clock_;
  std::vector<EventConsumer> consumers_;
  EventDeliveryConfig config_;
  std::string owner_;  // this server's lease id
  std::vector<std::unique_ptr<Worker>> workers_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::uint64_t pokes_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace guichet::services
