// JSON shapes and query parameters of the back office, shared by its route groups.
#pragma once

#include <boost/json.hpp>

#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/time_format.hpp"
#include "core/result.hpp"
#include "http/route.hpp"
#include "services/staff_service.hpp"

namespace guichet::api {

// Times in `zone` (the staff member's académie's) with its offset.
boost::json::object staff_json(const services::StaffView& u, const date::time_zone* zone);
boost::json::object actor_json(const services::Actor& a);

// Query parameter `name` as an integer within [min, max], `fallback` when absent.
Result<long long> int_param(const http::Call& r, const std::string& name, long long fallback, long long min,
                            long long max);
// Query parameter `name` as an RFC 3339 instant, nothing when absent.
Result<std::optional<Instant>> instant_param(const http::Call& r, const std::string& name);

}  // namespace guichet::api
