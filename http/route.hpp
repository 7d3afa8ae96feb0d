// One entry of the route table (http/routes.cpp) and what its handler gets. An entry says
// everything about an endpoint that is not its business logic: method, path template as
// written in openapi.yaml, who may call it, where it runs, how large its body may be.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <boost/beast/http/verb.hpp>

#include "core/result.hpp"
#include "http/server.hpp"
#include "services/audit.hpp"

namespace guichet::http {

struct ApiContext;  // http/api_context.hpp: the services the handlers use
class BodySink;

// Who may call. The rights beyond that (role, académie) are checked by the services, which
// answer "not_found" for what lies outside the caller's académie.
enum class Access : std::uint8_t {
  open,       // anyone
  candidate,  // a candidate session: bearer token, or cookie + X-CSRF-Token for changes
  staff,      // a staff session (bearer token, second factor passed at login)
};

// Where the handler runs.
enum class Runs : std::uint8_t {
  io,      // on the connection's I/O thread: no blocking call (the rules, with that worker's Lua state)
  pool,    // on the blocking pool: database, Argon2id, files
  stream,  // the body streams to a sink (uploads); the handler is the sink's factory
};

// The path's parameters, by the names of the template ("{id}" -> "id").
class PathParams {
 public:
  static constexpr std::size_t kMax = 4;
  void add(std::string_view name, std::string_view value) {
    if (n_ < kMax) items_[n_++] = {name, std::string(value)};
  }
  // The parameter's value; "" when the template has no such name (a programming error).
  const std::string& operator[](std::string_view name) const;

 private:
  std::array<std::pair<std::string_view, std::string>, kMax> items_;
  std::size_t n_ = 0;
};

// One request as a handler sees it.
struct Call {
  const Request& req;
  Response& res;
  RequestContext& ctx;
  const ApiContext& api;
  const PathParams& path;
  unsigned worker;  // the Lua state to use: the I/O worker's, or the pool thread's

  // Who is calling (Access::candidate: account_id; Access::staff: actor).
  std::string account_id;
  std::string token_hash;
  services::Actor actor;

  bool is_get() const;
  // Wakes the mail and event delivery: for handlers whose change queued mail or events (a wake
  // runs every background job, so it is not done for every request).
  void queued_mail() const;
  // A query parameter, decoded; "" when absent.
  std::string param(std::string_view name) const;
  bool has_param(std::string_view name) const;
};

using RouteHandler = Status (*)(Call&);
// A streamed route: the sink that takes the body (it authenticates at open()).
using StreamFactory = std::shared_ptr<BodySink> (*)(const RequestHeader&, RequestContext&, const ApiContext&,
                                                    const PathParams&);

enum class Method : std::uint8_t { get, post, put, patch, delete_, any };

struct Route {
  Method method;
  std::string_view path;  // template, exactly as in openapi.yaml
  Access access;
  Runs runs;
  std::uint64_t max_body;  // bytes of a whole body; a streamed route's sink sets its own
  RouteHandler handler = nullptr;
  StreamFactory stream = nullptr;
  // The last parameter takes the rest of the path, slashes included (plugins' own routes).
  bool rest = false;
};

std::string_view method_name(Method m);

}  // namespace guichet::http
