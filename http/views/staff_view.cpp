#include "http/views/staff_view.hpp"

#include <boost/json.hpp>

#include "core/time_format.hpp"
#include "services/staff_roles.hpp"

namespace guichet::views {
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

json::object staff_user(const services::StaffView& u, const date::time_zone* zone) {
  return {{"id", u.id},
          {"academy", u.academy},
          {"email", u.email},
          {"display_name", u.display_name},
          {"roles", roles_array(u.roles)},
          {"status", u.status},
          {"created_at", format_rfc3339(std::chrono::floor<std::chrono::seconds>(u.created_at), zone)}};
}

json::object staff_login(const services::StaffLogin& login, const date::time_zone* zone,
                         std::chrono::seconds idle_timeout) {
  return {{"token", login.token},
          {"expires_at", format_rfc3339(std::chrono::floor<std::chrono::seconds>(login.expires_at), zone)},
          {"idle_timeout_seconds", idle_timeout.count()},
          {"user", staff_user(login.user, zone)},
          {"device_token", login.device_token}};
}

json::object staff_actor(const services::Actor& a) {
  return {{"id", a.id}, {"display_name", a.name}, {"academy", a.academy}, {"roles", roles_array(a.roles)}};
}

}  // namespace guichet::views
