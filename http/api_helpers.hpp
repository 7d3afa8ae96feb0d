// What the route handlers share: errors written as the contract says, JSON bodies with only
// known fields, string members, file downloads.
#pragma once

#include <boost/json.hpp>

#include <optional>
#include <set>
#include <string>

#include "core/result.hpp"
#include "http/server.hpp"

namespace guichet::api {

// Writes `e` as the contract's JSON error, with its code's status; internal and script codes
// become internal_error and rules_error (the real ones logged).
void write_error(http::Response& res, const Error& e);

// The error that field faults are gathered into (api.md: 422 with `fields`).
Error invalid_fields();
// The JSON object body, with only `allowed` fields and every `required` one.
Result<boost::json::object> body_object(const http::Request& req, const std::set<std::string>& allowed,
                                        const std::set<std::string>& required);
// A string member (at most 1000 bytes); a fault when present with another type.
std::optional<std::string> string_field(const boost::json::object& o, const char* key, Error& faults);
// How a stored file is answered: as a download, or shown in the back office's own page.
enum class Disposition { attachment, inline_in_own_pages };
// A stored file, never sniffed by the browser. `inline_in_own_pages` is honoured for PDF, JPEG
// and PNG only (what uploads are checked to be): shown in a frame of our own pages and nowhere
// else, with nothing it could load or run.
void send_file(http::Response& res, std::string bytes, const std::string& content_type, const std::string& file_name,
               Disposition disposition = Disposition::attachment);

}  // namespace guichet::api
