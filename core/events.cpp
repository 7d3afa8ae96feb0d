#include "core/events.hpp"

namespace guichet {

int EventBus::subscribe(std::string type_prefix, Handler handler) {
  std::lock_guard lock(mu_);
  auto next = std::make_shared<std::vector<Sub>>(*subs_);
  int id = next_id_++;
  next->push_back({id, std::move(type_prefix), std::move(handler)});
  subs_ = std::move(next);
  return id;
}

void EventBus::unsubscribe(int id) {
  std::lock_guard lock(mu_);
  auto next = std::make_shared<std::vector<Sub>>(*subs_);
  std::erase_if(*next, [id](const Sub& s) { return s.id == id; });
  subs_ = std::move(next);
}

void EventBus::publish(const Event& event) const {
  std::shared_ptr<const std::vector<Sub>> subs;
  {
    std::lock_guard lock(mu_);
    subs = subs_;
  }
  for (const auto& s : *subs) {
    if (event.type.rfind(s.prefix, 0) != 0) continue;
    try {
      s.handler(event);
    } catch (...) {
    }
  }
}

}  // namespace guichet
