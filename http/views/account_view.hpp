// The candidate's account as api.md shows it (GET/PATCH /api/v1/me).
#pragma once

#include <boost/json/object.hpp>

#include "services/account_service.hpp"

namespace guichet::views {

boost::json::object account(const services::AccountView& a);

}  // namespace guichet::views
