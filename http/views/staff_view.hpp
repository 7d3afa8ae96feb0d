// The JSON of the académies' staff accounts (/api/v1/admin/staff..., the login's "user" and
// /api/v1/admin/me).
#pragma once

#include <boost/json/object.hpp>

#include <chrono>

#include "core/time_format.hpp"
#include "services/audit.hpp"
#include "services/staff_service.hpp"

namespace guichet::views {

// Times in `zone` (the staff member's académie's) with its offset.
boost::json::object staff_user(const services::StaffView& u, const date::time_zone* zone);
// A new staff session: the token, its absolute end in `zone`, the idle timeout, the user and
// the device token to present at the next logins.
boost::json::object staff_login(const services::StaffLogin& login, const date::time_zone* zone,
                                std::chrono::seconds idle_timeout);
// Who is logged in: {"id", "display_name", "academy", "roles"}.
boost::json::object staff_actor(const services::Actor& a);

}  // namespace guichet::views
