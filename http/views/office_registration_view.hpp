// The JSON of a registration as the office reads it (GET /api/v1/admin/registrations/{id}):
// the candidate's view of it, with the candidate's identity.
#pragma once

#include <boost/json/object.hpp>

#include "services/office_service.hpp"

namespace guichet::views {

boost::json::object office_registration(const services::OfficeRegistration& r);

}  // namespace guichet::views
