// The JSON of "Mes documents" (GET /api/v1/registrations/{id}/documents).
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <vector>

#include "services/document_entry.hpp"

namespace guichet::views {

boost::json::object document(const services::DocumentEntry& d);
boost::json::array documents(const std::vector<services::DocumentEntry>& list);

}  // namespace guichet::views
