#include "http/plugin_routes.hpp"

#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include <cctype>
#include <spdlog/spdlog.h>

#include "http/json_error.hpp"
#include "http/path_segments.hpp"

namespace guichet::api {
namespace bhttp = boost::beast::http;

bool PluginRoutes::handle(const http::Request& req, http::Response& res, http::RequestContext& ctx) {
  std::string_view target = req.target();
  const auto q = target.find('?');
  std::string_view path = target.substr(0, q);
  auto seg = http::path_segments(path);
  if (seg.size() < 4 || seg[0] != "api" || seg[1] != "v1" || seg[2] != "plugins") return false;
  std::string plugin(seg[3]);
  // Metric labels: only names of loaded plugins, never what a caller typed.
  if (!host_.has_routes(plugin)) {
    ctx.route = "/api/v1/plugins/{x}";
    http::write_json_error(res, 404, "not_found", "La ressource demandée n'existe pas.");
    return true;
  }
  ctx.route = "/api/v1/plugins/" + plugin + "/*";
  std::string rest;
  for (std::size_t i = 4; i < seg.size(); ++i) rest += "/" + std::string(seg[i]);
  if (rest.empty()) rest = "/";
  std::string query = q == std::string_view::npos ? std::string() : std::string(target.substr(q + 1));
  auto done = ctx.defer();
  pool_.submit([this, &req, &res, &ctx, plugin, rest, query, done](unsigned) mutable {
    try {
      // Headers as JSON, lower-case names, without guichet's own credentials.
      boost::json::object headers;
      for (const auto& f : req) {
        std::string name(f.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (name == "authorization" || name == "cookie") continue;
        headers[name] = std::string(f.value());
      }
      auto answer = host_.route(plugin, std::string(req.method_string()), rest, query, req.body(),
                                boost::json::serialize(headers));
      res.result(static_cast<bhttp::status>(answer.status));
      res.set(bhttp::field::content_type, answer.content_type);
      res.set("X-Content-Type-Options", "nosniff");
      res.body() = std::move(answer.body);
    } catch (const std::exception& e) {
      spdlog::error("requête {} : greffon {} : {}", ctx.request_id, plugin, e.what());
      res = http::Response{};
      http::write_json_error(res, 500, "internal_error", "Une erreur interne est survenue. Veuillez réessayer plus tard.");
    }
    done();
  });
  return true;
}

}  // namespace guichet::api
