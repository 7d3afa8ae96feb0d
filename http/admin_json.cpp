#include "http/admin_json.hpp"

#include "core/time_format.hpp"

namespace guichet::api {
namespace json = boost::json;

Result<long long> int_param(const http::Call& r, const std::string& name, long long fallback, long long min,
                            long long max) {
  std::string v = r.param(name);
  if (v.empty()) return fallback;
  Error e{ErrorCode::validation_failed, "Paramètre invalide.", {{name, "Nombre entier attendu, entre " + std::to_string(min) +
                                                                 " et " + std::to_string(max) + "."}}};
  if (v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos) return e;
  long long n = std::stoll(v);
  if (n < min || n > max) return e;
  return n;
}

Result<std::optional<Instant>> instant_param(const http::Call& r, const std::string& name) {
  std::string v = r.param(name);
  if (v.empty()) return std::optional<Instant>();
  auto t = parse_rfc3339(v);
  if (!t.ok())
    return Error{ErrorCode::validation_failed, "Paramètre invalide.", {{name, "Date et heure RFC 3339 attendues, avec décalage."}}};
  return std::optional<Instant>(Instant(*t));
}

}  // namespace guichet::api
