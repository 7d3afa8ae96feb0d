// What plugins may read through host->query(): an académie's registrations, paged, with the
// candidate's identity (what the systems taking over after registration need). Plugins run in
// the server's process and are trusted as such: this is a convenience, not a security boundary.
#pragma once

#include "db/database.hpp"
#include "plugins/host/plugin_host.hpp"

namespace guichet::plugins {

PluginHost::QueryHandler registration_queries(Database& db);

}  // namespace guichet::plugins
