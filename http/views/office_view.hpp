// The JSON of the exam office's answers besides the registration itself (/api/v1/admin/registrations
// search and history, /candidate, /derogations, /documents, and `guichet admin publish`):
// times in the académie's zone with its offset.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "services/office_service.hpp"

namespace guichet::views {

// {"registrations": [...], "next": "<registration number>" | null}
boost::json::object registration_page(const services::RegistrationPage& page);
boost::json::object registration_summary(const services::RegistrationSummary& r, const date::time_zone* zone);
// [{"version", "saved_at", "changed_by", "reason", "answers", "pieces", "pole", "rule_set_version"}]
boost::json::array registration_history(const services::RegistrationHistory& h);
boost::json::object candidate_identity(const services::CandidateIdentity& c);
boost::json::object derogation(const services::GrantedDerogation& d);
// [{"type", "title", "version", "file_name", "size", "published_at", "published_by"}]
boost::json::array office_documents(const services::OfficeDocuments& d);
// {"published": [{"file", "registration_number", "version"}], "refused": [{"file", "message"}]}
boost::json::object bulk_publication(const services::BulkPublication& b);

}  // namespace guichet::views
