// One back-office request once its staff session checked out: what each route handler gets.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "http/server.hpp"
#include "services/audit.hpp"

namespace guichet::api {

struct AdminRequest {
  const http::Request& req;
  http::Response& res;
  http::RequestContext& ctx;
  std::vector<std::string> path;              // after /api/v1/admin
  std::map<std::string, std::string> query;   // decoded
  services::Actor actor;
  std::string token_hash;
  unsigned worker = 0;

  bool is_get() const;
  std::string param(const std::string& name) const;
};

// The result of a route group: not its route (try the next group), or the route's outcome
// (an empty code means the response is written).
struct RouteOutcome {
  bool matched = false;
  Error error;
  static RouteOutcome miss() { return {}; }
  static RouteOutcome done(Error e = {}) { return {true, std::move(e)}; }
};

}  // namespace guichet::api
