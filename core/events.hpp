// The domain event bus: services publish what happened, in-process adapters subscribe (mail
// reminders, the rules job). Delivery here is synchronous, in-process and after the commit;
// the durable copy plugins receive is written in the change's own transaction (the event
// outbox, db/events_repository.hpp) and delivered by services/event_delivery.hpp.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace guichet {

struct Event {
  std::string type;     // "rules.activated", "registration.saved", ...
  std::string payload;  // JSON object text
  std::chrono::sys_seconds occurred_at{};
  // What the delivery order is per: "registration:<id>", "account:<id>", "rules:<académie>".
  std::string aggregate{};
  std::string id{};  // stable id, set when the event is recorded in the outbox
};

class EventBus {
 public:
  using Handler = std::function<void(const Event&)>;

  // Calls `handler` for every event whose type starts with `type_prefix` ("" for all).
  // Returns an id for unsubscribe().
  int subscribe(std::string type_prefix, Handler handler);
  void unsubscribe(int id);

  // Delivers to the current subscribers, in subscription order. A handler that throws is
  // skipped (and the exception swallowed): one subscriber cannot break the others.
  void publish(const Event& event) const;

 private:
  struct Sub {
    int id;
    std::string prefix;
    Handler handler;
  };
  mutable std::mutex mu_;
  // Copy-on-write so publish never runs handlers under the lock.
  std::shared_ptr<const std::vector<Sub>> subs_ = std::make_shared<std::vector<Sub>>();
  int next_id_ = 1;
};

}  // namespace guichet
