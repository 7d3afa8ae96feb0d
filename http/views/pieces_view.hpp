// The JSON of "Mes justificatifs" (GET /api/v1/registrations/{id}/pieces), also what an
// upload and the confirmation answer, and what the office reads of a registration's pieces.
#pragma once

#include <boost/json/object.hpp>

#include "services/piece_service.hpp"

namespace guichet::views {

boost::json::object piece_file(const services::PieceFile& f, const date::time_zone* zone);
// With "file" when the list comes from an upload.
boost::json::object pieces(const services::PieceList& list);

}  // namespace guichet::views
