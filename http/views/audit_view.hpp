// The JSON of the audit log (GET /api/v1/admin/audit): times in the académie's zone with
// its offset.
#pragma once

#include <boost/json/object.hpp>

#include "services/audit_reader.hpp"

namespace guichet::views {

// {"entries": [...], "next": <seq> | null}
boost::json::object audit_page(const services::AuditPage& page);

}  // namespace guichet::views
