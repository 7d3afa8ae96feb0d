#include "http/router.hpp"

#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "core/time_format.hpp"
#include "http/api_helpers.hpp"
#include "http/blocking_pool.hpp"
#include "http/body_sink.hpp"
#include "http/candidate_auth.hpp"
#include "http/cors.hpp"
#include "http/web_files.hpp"
#include "http/path_segments.hpp"
#include "services/staff_service.hpp"

namespace guichet::http {
namespace bhttp = boost::beast::http;

namespace {

bool method_matches(Method m, bhttp::verb v) {
  switch (m) {
    case Method::get: return v == bhttp::verb::get || v == bhttp::verb::head;
    case Method::post: return v == bhttp::verb::post;
    case Method::put: return v == bhttp::verb::put;
    case Method::patch: return v == bhttp::verb::patch;
    case Method::delete_: return v == bhttp::verb::delete_;
    case Method::any: return true;
  }
  return false;
}

bool is_parameter(std::string_view segment) { return segment.size() > 2 && segment.front() == '{'; }

std::string_view parameter_name(std::string_view segment) { return segment.substr(1, segment.size() - 2); }

// Who is calling, as the route requires.
Status authenticate(const Route& route, const ApiContext& api, Call& call) {
  if (route.access == Access::candidate) {
    auto caller = authenticate_candidate(call.req, *api.accounts);
    if (!caller.ok()) return caller.error();
    call.account_id = caller->account_id;
    call.token_hash = caller->token_hash;
  } else if (route.access == Access::staff) {
    auto caller = authenticate_staff(call.req, *api.staff);
    if (!caller.ok()) return caller.error();
    call.actor = caller->actor;
    call.token_hash = caller->token_hash;
  }
  return Status::Ok();
}

// The simulated instant on every answer, so a portal under test can show it. Formatted once
// per second per worker thread.
void stamp_simulated_time(const Clock& clock, Response& res) {
  thread_local Seconds cached_at{};
  thread_local std::string cached_text;
  static const date::time_zone* utc = *find_zone("Etc/UTC");
  Seconds now = std::chrono::floor<std::chrono::seconds>(clock.now());
  if (now != cached_at || cached_text.empty()) {
    cached_text = format_rfc3339(now, utc);
    cached_at = now;
  }
  res.set("X-Guichet-Simulated-Time", cached_text);
}

std::string_view path_of(std::string_view target) { return target.substr(0, target.find('?')); }

}  // namespace

const std::string& PathParams::operator[](std::string_view name) const {
  static const std::string none;
  for (std::size_t i = 0; i < n_; ++i)
    if (items_[i].first == name) return items_[i].second;
  return none;
}

bool Call::is_get() const { return req.method() == bhttp::verb::get || req.method() == bhttp::verb::head; }

void Call::queued_mail() const {
  if (api.on_change) api.on_change();
}

std::string Call::param(std::string_view name) const {
  auto parsed = boost::urls::parse_origin_form(req.target());
  if (!parsed) return "";
  for (auto p : parsed->params())
    if (p.key == name) return std::string(p.value);
  return "";
}

bool Call::has_param(std::string_view name) const {
  auto parsed = boost::urls::parse_origin_form(req.target());
  if (!parsed) return false;
  for (auto p : parsed->params())
    if (p.key == name) return true;
  return false;
}

std::string_view method_name(Method m) {
  switch (m) {
    case Method::get: return "GET";
    case Method::post: return "POST";
    case Method::put: return "PUT";
    case Method::patch: return "PATCH";
    case Method::delete_: return "DELETE";
    case Method::any: return "*";
  }
  return "";
}

Router::Router(std::vector<Route> routes, const ApiContext& api) : routes_(std::move(routes)), api_(api) {
  for (const Route& r : routes_) {
    auto it = std::find_if(resources_.begin(), resources_.end(), [&](const Resource& x) { return x.path == r.path; });
    if (it == resources_.end()) {
      Resource res;
      res.path = r.path;
      res.segments = path_segments(r.path);
      res.rest = r.rest;
      resources_.push_back(std::move(res));
      it = resources_.end() - 1;
    }
    it->routes.push_back(&r);
    if (!it->allow.empty()) it->allow += ", ";
    it->allow += method_name(r.method);
  }
}

const Router::Resource* Router::match(std::string_view path, PathParams& params) const {
  const auto seg = path_segments(path);
  const Resource* best = nullptr;
  auto more_specific = [](const Resource& a, const Resource& b) {
    for (std::size_t i = 0; i < a.segments.size() && i < b.segments.size(); ++i) {
      bool pa = is_parameter(a.segments[i]), pb = is_parameter(b.segments[i]);
      if (pa != pb) return !pa;
    }
    return false;
  };
  for (const Resource& r : resources_) {
    const std::size_t n = r.segments.size();
    // A rest parameter may take nothing: "/api/v1/plugins/x" is the plugin's "/".
    if (r.rest ? seg.size() + 1 < n : seg.size() != n) continue;
    bool ok = true;
    for (std::size_t i = 0; i < n && i < seg.size() && ok; ++i)
      ok = is_parameter(r.segments[i]) || r.segments[i] == seg[i];
    if (ok && (!best || more_specific(r, *best))) best = &r;
  }
  if (!best) return nullptr;
  for (std::size_t i = 0; i < best->segments.size(); ++i) {
    if (!is_parameter(best->segments[i])) continue;
    if (best->rest && i + 1 == best->segments.size()) {
      // The rest of the path from this segment on, as it was sent.
      if (i >= seg.size()) break;
      std::string_view from = seg[i];
      params.add(parameter_name(best->segments[i]),
                 path.substr(static_cast<std::size_t>(from.data() - path.data())));
    } else {
      params.add(parameter_name(best->segments[i]), seg[i]);
    }
  }
  return best;
}

std::shared_ptr<BodySink> Router::stream(const RequestHeader& header, RequestContext& ctx) const {
  PathParams params;
  const Resource* resource = match(path_of(header.target()), params);
  if (!resource) return nullptr;
  for (const Route* r : resource->routes) {
    if (!method_matches(r->method, header.method())) continue;
    if (r->runs == Runs::stream) {
      ctx.route = std::string(r->path);
      return r->stream(header, ctx, api_, params);
    }
    ctx.max_body_bytes = r->max_body;
    return nullptr;
  }
  return nullptr;
}

void Router::handle(const Request& req, Response& res, RequestContext& ctx) const {
  if (api_.clock && api_.clock->simulated()) stamp_simulated_time(*api_.clock, res);
  if (!boost::urls::parse_origin_form(req.target())) {
    ctx.route = "invalid";
    return api::write_error(res, {ErrorCode::bad_request, ""});
  }
  if (api_.cors && api_.cors->preflight(req, res)) {
    ctx.route = "preflight";
    return;
  }
  const std::string_view path = path_of(req.target());
  if (api_.web && WebFiles::is_portal_path(path)) {
    ctx.route = "portal";
    if (req.method() != bhttp::verb::get && req.method() != bhttp::verb::head) {
      res.set(bhttp::field::allow, "GET, HEAD");
      return api::write_error(res, {ErrorCode::method_not_allowed, ""});
    }
    return api_.web->serve(path, req[bhttp::field::accept_encoding], res);
  }
  PathParams params;
  const Resource* resource = match(path, params);
  if (!resource) {
    ctx.route = "unmatched";
    return api::write_error(res, {ErrorCode::not_found, ""});
  }
  ctx.route = std::string(resource->path);
  const Route* route = nullptr;
  for (const Route* r : resource->routes)
    if (method_matches(r->method, req.method())) {
      route = r;
      break;
    }
  if (!route) {
    res.set(bhttp::field::allow, resource->allow);
    return api::write_error(res, {ErrorCode::method_not_allowed, ""});
  }
  if (req.body().size() > route->max_body) {
    return api::write_error(res, {ErrorCode::payload_too_large,
                                  "Le contenu envoyé dépasse la taille autorisée (" +
                                      std::to_string(route->max_body / 1024) + " Kio)."});
  }
  if (route->runs == Runs::io) return run(*route, req, res, ctx, params, ctx.worker_index);
  // Runs::pool (a streamed route's whole body cannot arrive here: stream() took it).
  auto done = ctx.defer();
  api_.pool->submit([this, route, &req, &res, &ctx, params, done](unsigned worker) mutable {
    run(*route, req, res, ctx, params, worker);
    done();
  });
}

void Router::run(const Route& route, const Request& req, Response& res, RequestContext& ctx,
                 const PathParams& params, unsigned worker) const {
  try {
    Call call{req, res, ctx, api_, params, worker, {}, {}, {}};
    Status st = authenticate(route, api_, call);
    if (st.ok()) st = route.handler(call);
    if (!st.ok()) api::write_error(res, st.error());
  } catch (const std::exception& ex) {
    spdlog::error("requête {} : exception : {}", ctx.request_id, ex.what());
    res = Response{};
    write_json_error(res, ErrorCode::internal_error);
  }
}

}  // namespace guichet::http
