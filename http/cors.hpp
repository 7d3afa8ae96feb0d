// Cross-origin access to the API for portals on another origin: an explicit allow-list of
// origins, empty (off) by default. Such portals authenticate with Bearer tokens: the session
// cookie is SameSite=Strict and never crosses sites, so credentials are not allowed here.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "http/json_error.hpp"

namespace guichet::http {

class CorsPolicy {
 public:
  // "https://portail.ac-x.fr,https://autre.fr": scheme and host (and port) only.
  static Result<CorsPolicy> parse(std::string_view list);

  bool empty() const { return origins_.empty(); }
  bool allows(std::string_view origin) const;
  // The Access-Control-* headers of an answer to an allowed origin (Vary: Origin always, so
  // that a cache never serves one origin's answer to another).
  void decorate(const RequestHeader& req, Response& res) const;
  // Answers a preflight (OPTIONS with Access-Control-Request-Method); false if it is not one.
  bool preflight(const RequestHeader& req, Response& res) const;

 private:
  std::vector<std::string> origins_;
};

}  // namespace guichet::http
