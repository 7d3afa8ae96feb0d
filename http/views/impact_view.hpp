// The JSON of an impact analysis (GET /api/v1/admin/rules/versions/{n}/impact, and inside
// an activation's answer).
#pragma once

#include <boost/json/object.hpp>

#include "services/impact_analysis.hpp"

namespace guichet::views {

boost::json::object impact(const services::ImpactReport& r);

}  // namespace guichet::views
