// The loaded plugins as consumers of the event outbox: one per plugin that subscribed, its
// callbacks run under the host's watchdog.
#pragma once

#include <vector>

#include "plugins/host/plugin_host.hpp"
#include "services/event_delivery.hpp"

namespace guichet::plugins {

std::vector<services::EventConsumer> event_consumers(PluginHost& host);

}  // namespace guichet::plugins
