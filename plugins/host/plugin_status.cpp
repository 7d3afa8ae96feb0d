#include "plugins/host/plugin_status.hpp"

#include <boost/json.hpp>

namespace guichet::plugins {
namespace json = boost::json;

json::value plugins_status(PluginHost& host, services::EventDelivery& delivery) {
  auto consumers = delivery.status();
  json::array list;
  for (const auto& p : host.list()) {
    json::array provides;
    for (const auto& what : p.provides) provides.emplace_back(what);
    json::value events = nullptr;
    for (const auto& c : consumers)
      if (c.name == "plugin:" + p.name)
        events = json::object{{"last_seq", c.last_seq},
                              {"failed_attempts", c.attempts},
                              {"last_error", c.last_error},
                              {"parked", static_cast<std::int64_t>(c.parked)}};
    list.push_back(json::object{{"name", p.name},
                                {"version", p.version},
                                {"abi", std::to_string(p.abi_major) + "." + std::to_string(p.abi_minor)},
                                {"state", p.state},
                                {"error", p.error},
                                {"description", p.description},
                                {"provides", std::move(provides)},
                                {"events", std::move(events)}});
  }
  return json::object{
      {"host_abi", std::to_string(GUICHET_PLUGIN_ABI_MAJOR) + "." + std::to_string(GUICHET_PLUGIN_ABI_MINOR)},
      {"plugins", std::move(list)}};
}

}  // namespace guichet::plugins
