// /api/v1/plugins/{plugin}/{path}: what a plugin serves itself (exports, hooks). The plugin
// gets the method, its own path, the query, the body and the headers without guichet's
// credentials, and answers status, content type and body.
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include <cctype>

#include "http/api_context.hpp"
#include "http/handlers.hpp"
#include "http/json_error.hpp"
#include "http/path_segments.hpp"
#include "plugins/host/plugin_host.hpp"

namespace guichet::api {
namespace bhttp = boost::beast::http;

Status plugin_route(Call& c) {
  const std::string& plugin = c.path["plugin"];
  // Metric labels: only names of loaded plugins, never what a caller typed.
  if (!c.api.plugins->has_routes(plugin)) return Error{ErrorCode::not_found, ""};
  c.ctx.route = "/api/v1/plugins/" + plugin + "/*";
  std::string rest;
  for (auto segment : http::path_segments(c.path["path"])) rest += "/" + std::string(segment);
  if (rest.empty()) rest = "/";
  std::string_view target = c.req.target();
  const auto q = target.find('?');
  std::string query = q == std::string_view::npos ? std::string() : std::string(target.substr(q + 1));
  // Headers as JSON, lower-case names, without guichet's own credentials.
  boost::json::object headers;
  for (const auto& f : c.req) {
    std::string name(f.name_string());
    for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (name == "authorization" || name == "cookie") continue;
    headers[name] = std::string(f.value());
  }
  auto answer = c.api.plugins->route(plugin, std::string(c.req.method_string()), rest, query, c.req.body(),
                                     boost::json::serialize(headers));
  c.res.result(static_cast<bhttp::status>(answer.status));
  c.res.set(bhttp::field::content_type, answer.content_type);
  c.res.set("X-Content-Type-Options", "nosniff");
  c.res.body() = std::move(answer.body);
  return Status::Ok();
}

}  // namespace guichet::api
