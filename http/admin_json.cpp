#include "http/admin_json.hpp"

#include "core/time_format.hpp"
#include "services/staff_roles.hpp"

namespace guichet::api {
namespace json = boost::json;

namespace {

json::array roles_array(unsigned roles) {
  json::array out;
  std::string text = services::roles_text(roles);
  std::size_t start = 0;
  while (start < text.size()) {
    auto comma = text.find(',', start);
    out.push_back(json::string(text.substr(start, comma - start)));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace

json::object staff_json(const services::StaffView& u, const date::time_zone* zone) {
  return {{"id", u.id},
          {"academy", u.academy},
          {"email", u.email},
          {"display_name", u.display_name},
          {"roles", roles_array(u.roles)},
          {"status", u.status},
          {"created_at", format_rfc3339(std::chrono::floor<std::chrono::seconds>(u.created_at), zone)}};
}

json::object actor_json(const services::Actor& a) {
  return {{"id", a.id}, {"display_name", a.name}, {"academy", a.academy}, {"roles", roles_array(a.roles)}};
}

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
