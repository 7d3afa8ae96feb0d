// JSON bodies and contract errors (api.md "Conventions"), shared by every route.
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/json/value.hpp>

#include <map>
#include <string>
#include <string_view>

#include "core/error_code.hpp"

namespace guichet::http {

using Request = boost::beast::http::request<boost::beast::http::string_body>;
using Response = boost::beast::http::response<boost::beast::http::string_body>;
using RequestHeader = boost::beast::http::request_header<>;

inline constexpr std::string_view kJsonContentType = "application/json; charset=utf-8";

// Sets status, JSON content type, no-store and the serialized body.
void write_json(Response& res, unsigned status, const boost::json::value& body);

// {"error": {"code", "message", "fields"?}} with the code's status; `message` (the code's
// default when empty) and field sentences in French.
void write_json_error(Response& res, ErrorCode code, std::string_view message = {},
                      const std::map<std::string, std::string>& fields = {});

}  // namespace guichet::http
