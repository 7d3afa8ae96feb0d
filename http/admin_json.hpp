// Query parameters of the back office, shared by its route groups.
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

// Query parameter `name` as an integer within [min, max], `fallback` when absent.
Result<long long> int_param(const http::Call& r, const std::string& name, long long fallback, long long min,
                            long long max);
// Query parameter `name` as an RFC 3339 instant, nothing when absent.
Result<std::optional<Instant>> instant_param(const http::Call& r, const std::string& name);

}  // namespace guichet::api
