// What the JSON APIs (candidate and back office) share: the error-code table of the contract,
// JSON bodies with only known fields, string members, file downloads.
#pragma once

#include <boost/json.hpp>

#include <optional>
#include <set>
#include <string>

#include "core/result.hpp"
#include "http/server.hpp"

namespace guichet::api {

// Writes `e` as the contract's JSON error (unknown codes become a plain 500, logged).
void write_error(http::Response& res, const Error& e);

Error method_not_allowed(http::Response& res, const char* allow);
// The error that field faults are gathered into (api.md: 422 with `fields`).
Error invalid_fields();
// The JSON object body, with only `allowed` fields and every `required` one.
Result<boost::json::object> body_object(const http::Request& req, const std::set<std::string>& allowed,
                                        const std::set<std::string>& required);
// A string member (at most 1000 bytes); a fault when present with another type.
std::optional<std::string> string_field(const boost::json::object& o, const char* key, Error& faults);
// A stored file as a download: never rendered inline, never sniffed by the browser.
void send_file(http::Response& res, std::string bytes, const std::string& content_type, const std::string& file_name);

}  // namespace guichet::api
