// The running server's plugins as the back office shows them: each plugin's version, ABI,
// state (loaded, hung, refused, failed) and what it provides, with its event delivery.
#pragma once

#include <boost/json/value.hpp>

#include "plugins/host/plugin_host.hpp"
#include "services/event_delivery.hpp"

namespace guichet::plugins {

boost::json::value plugins_status(PluginHost& host, services::EventDelivery& delivery);

}  // namespace guichet::plugins
