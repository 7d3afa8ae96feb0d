// The route table: every endpoint of the API, in one place (see routes.cpp).
#pragma once

#include <vector>

#include "http/route.hpp"

namespace guichet::api {

std::vector<http::Route> api_routes();

}  // namespace guichet::api
