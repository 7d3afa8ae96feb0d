// Dispatches every request through the route table (http/routes.cpp): finds the route from
// the path, answers 404 and 405 (with Allow), names the route for metrics and the access log,
// enforces the route's body limit and authentication, and runs the handler where the route
// says (I/O thread, blocking pool, or a streamed body's sink).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "http/api_context.hpp"
#include "http/route.hpp"
#include "http/server.hpp"

namespace guichet::http {

class Router {
 public:
  Router(std::vector<Route> routes, const ApiContext& api);

  // The server's Handler.
  void handle(const Request& req, Response& res, RequestContext& ctx) const;
  // The server's StreamRouter: a sink for a streamed route; otherwise nullptr, with the
  // route's body limit set on `ctx` (checked against Content-Length before reading).
  std::shared_ptr<BodySink> stream(const RequestHeader& header, RequestContext& ctx) const;

  // One path template with the routes of its methods.
  struct Resource {
    std::string_view path;
    std::vector<std::string_view> segments;  // "{x}" for a parameter
    bool rest = false;
    std::vector<const Route*> routes;
    std::string allow;  // "GET, PUT"
  };
  const std::vector<Resource>& resources() const { return resources_; }

 private:
  // The most specific resource whose template matches (literal segments win over
  // parameters, from the left); nullptr when none does.
  const Resource* match(std::string_view path, PathParams& params) const;
  void run(const Route& route, const Request& req, Response& res, RequestContext& ctx, const PathParams& params,
           unsigned worker) const;

  std::vector<Route> routes_;
  std::vector<Resource> resources_;
  const ApiContext& api_;
};

}  // namespace guichet::http
