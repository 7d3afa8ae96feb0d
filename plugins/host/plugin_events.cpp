#include "plugins/host/plugin_events.hpp"

namespace guichet::plugins {

std::vector<services::EventConsumer> event_consumers(PluginHost& host) {
  std::vector<services::EventConsumer> out;
  for (const auto& info : host.list()) {
    if (info.state != "loaded") continue;
    auto prefixes = host.subscriptions_of(info.name);
    if (prefixes.empty()) continue;
    out.push_back({"plugin:" + info.name, prefixes,
                   [&host, name = info.name](const db::EventRow& e, unsigned attempt, std::string& error) {
                     auto r = host.deliver(name, e.id, e.type, e.aggregate, e.payload,
                                           std::chrono::floor<std::chrono::seconds>(e.occurred_at)
                                               .time_since_epoch()
                                               .count(),
                                           attempt);
                     if (r.timed_out) {
                       error = r.output;
                       return services::DeliveryOutcome::hung;
                     }
                     switch (r.status) {
                       case GUICHET_OK: return services::DeliveryOutcome::delivered;
                       case GUICHET_RETRY:
                         error = "le greffon demande de réessayer plus tard";
                         return services::DeliveryOutcome::retry;
                       default:
                         error = "le greffon a refusé l'événement";
                         return services::DeliveryOutcome::failed;
                     }
                   }});
  }
  return out;
}

}  // namespace guichet::plugins
