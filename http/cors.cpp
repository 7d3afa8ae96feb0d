#include "http/cors.hpp"

#include <boost/beast/http.hpp>

#include <algorithm>

namespace guichet::http {
namespace bhttp = boost::beast::http;

namespace {

// scheme://host[:port], nothing after: what a browser sends as Origin.
bool well_formed_origin(std::string_view o) {
  std::string_view rest;
  if (o.substr(0, 8) == "https://") rest = o.substr(8);
  else if (o.substr(0, 7) == "http://") rest = o.substr(7);
  else return false;
  if (rest.empty()) return false;
  return std::all_of(rest.begin(), rest.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == ':' || c == '[' ||
           c == ']';
  });
}

}  // namespace

Result<CorsPolicy> CorsPolicy::parse(std::string_view list) {
  CorsPolicy p;
  while (!list.empty()) {
    auto comma = list.find(',');
    std::string_view item = list.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) {
      if (!well_formed_origin(item))
        return Error{ErrorCode::usage, "--cors-origins : origine invalide « " + std::string(item) +
                                           " » (attendu : https://hote[:port], en minuscules, sans chemin)"};
      p.origins_.emplace_back(item);
    }
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return p;
}

bool CorsPolicy::allows(std::string_view origin) const {
  return std::find(origins_.begin(), origins_.end(), origin) != origins_.end();
}

void CorsPolicy::decorate(const RequestHeader& req, Response& res) const {
  if (origins_.empty() || req.target().substr(0, 5) != "/api/") return;
  const std::string_view vary = res[bhttp::field::vary];
  res.set(bhttp::field::vary, vary.empty() ? std::string("Origin") : std::string(vary) + ", Origin");
  std::string_view origin = req[bhttp::field::origin];
  if (origin.empty() || !allows(origin)) return;
  res.set(bhttp::field::access_control_allow_origin, origin);
  res.set(bhttp::field::access_control_expose_headers,
          "Retry-After, Content-Disposition, X-Request-Id, X-Guichet-Simulated-Time, Allow");
}

bool CorsPolicy::preflight(const RequestHeader& req, Response& res) const {
  if (origins_.empty() || req.method() != bhttp::verb::options || req[bhttp::field::origin].empty() ||
      req[bhttp::field::access_control_request_method].empty())
    return false;
  if (!allows(req[bhttp::field::origin])) {
    write_json_error(res, ErrorCode::forbidden, "Cette origine n'est pas autorisée à appeler l'API.");
    return true;
  }
  res.result(bhttp::status::no_content);
  res.set(bhttp::field::access_control_allow_methods, "GET, POST, PUT, PATCH, DELETE");
  res.set(bhttp::field::access_control_allow_headers, "Authorization, Content-Type, Content-Disposition, X-Request-Id");
  res.set(bhttp::field::access_control_max_age, "600");
  return true;
}

}  // namespace guichet::http
