// /api/v1/plugins/{plugin}/...: the HTTP routes plugins provide. The request runs on the
// blocking pool (a plugin may do I/O); the plugin sees the method, the path after its prefix,
// the query and the body, and answers status, content type and body. Authentication on these
// routes is the plugin's business (plugins/README.md).
#pragma once

#include "http/blocking_pool.hpp"
#include "http/server.hpp"
#include "plugins/host/plugin_host.hpp"

namespace guichet::api {

class PluginRoutes {
 public:
  PluginRoutes(plugins::PluginHost& host, http::BlockingPool& pool) : host_(host), pool_(pool) {}
  bool handle(const http::Request& req, http::Response& res, http::RequestContext& ctx);

 private:
  plugins::PluginHost& host_;
  http::BlockingPool& pool_;
};

}  // namespace guichet::api
