// The JSON of a registration, as the candidate reads it (api.md, "Registrations"); the office's
// views add their members to it.
#pragma once

#include <boost/json/object.hpp>

#include "services/registration_context.hpp"

namespace guichet::views {

boost::json::object registration(const services::RegistrationRecord& r);

}  // namespace guichet::views
