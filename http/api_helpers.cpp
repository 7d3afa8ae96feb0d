#include "http/api_helpers.hpp"

#include <boost/beast/http.hpp>
#include <spdlog/spdlog.h>

#include <cctype>
#include <map>

#include "http/json_error.hpp"

namespace guichet::api {
namespace json = boost::json;
namespace bhttp = boost::beast::http;
using http::Request;
using http::Response;

void write_error(Response& res, const Error& e) {
  const ErrorCodeInfo& code = info(e.code);
  const std::string_view message = e.message.empty() ? code.message : std::string_view(e.message);
  if (code.exposure == Exposure::rules) {
    // A script's fault: the file:line goes to the log, the candidate gets the rules' word.
    spdlog::error("règles : {} ({})", message, code.name);
    http::write_json_error(res, ErrorCode::rules_error);
    return;
  }
  if (code.exposure == Exposure::internal) {
    // Unknown faults never reach the client as they are.
    spdlog::error("erreur interne : {} ({})", message, code.name);
    http::write_json_error(res, ErrorCode::internal_error);
    return;
  }
  http::write_json_error(res, e.code, message, e.fields);
  if (e.retry_after_seconds > 0) res.set(bhttp::field::retry_after, std::to_string(e.retry_after_seconds));
}


// The error that field faults are gathered into (api.md: 422 with `fields`).
Error invalid_fields() { return {ErrorCode::validation_failed, "Certaines informations sont invalides."}; }

// The JSON object body, with only `allowed` fields; strings where `strings` says so.
Result<json::object> body_object(const Request& req, const std::set<std::string>& allowed,
                                 const std::set<std::string>& required) {
  auto ct = req[bhttp::field::content_type];
  if (ct.substr(0, 16) != "application/json")
    return Error{ErrorCode::unsupported_media_type, "Le corps de la requête doit être du JSON (application/json)."};
  boost::system::error_code ec;
  json::parse_options opts;
  opts.max_depth = 16;
  json::value v = json::parse(req.body(), ec, {}, opts);
  if (ec) return Error{ErrorCode::malformed_json, "Le corps de la requête n'est pas un JSON valide."};
  if (!v.is_object()) return Error{ErrorCode::validation_failed, "Un objet JSON est attendu.", {{"body", "Un objet JSON est attendu."}}};
  Error faults = invalid_fields();
  for (const auto& [k, _] : v.get_object())
    if (!allowed.count(std::string(k))) faults.fields[std::string(k)] = "Champ inconnu.";
  for (const auto& k : required)
    if (!v.get_object().contains(k)) faults.fields[k] = "Ce champ est obligatoire.";
  if (!faults.fields.empty()) return faults;
  return std::move(v.get_object());
}

// A string member; a fault when present with another type.
std::optional<std::string> string_field(const json::object& o, const char* key, Error& faults) {
  const json::value* v = o.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_string()) {
    faults.fields[key] = "Un texte est attendu.";
    return std::nullopt;
  }
  if (v->get_string().size() > 1000) {
    faults.fields[key] = "Ce champ est trop long.";
    return std::nullopt;
  }
  return std::string(v->get_string());
}



void send_file(Response& res, std::string bytes, const std::string& content_type, const std::string& file_name,
               Disposition disposition) {
  const bool shown = disposition == Disposition::inline_in_own_pages &&
                     (content_type == "application/pdf" || content_type == "image/jpeg" || content_type == "image/png");
  // An ASCII fallback for old clients, the exact UTF-8 name (RFC 6266, RFC 5987) for the rest.
  std::string ascii, encoded;
  static const char* hex = "0123456789ABCDEF";
  for (unsigned char c : file_name) {
    ascii += c < 0x80 && c >= 0x20 && c != '"' && c != '\\' ? static_cast<char>(c) : '_';
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += hex[c >> 4];
      encoded += hex[c & 15];
    }
  }
  res.result(bhttp::status::ok);
  res.set(bhttp::field::content_type, content_type);
  res.set(bhttp::field::content_disposition,
          std::string(shown ? "inline" : "attachment") + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded);
  res.set("X-Content-Type-Options", "nosniff");
  if (shown) {
    res.set("Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'");
    res.set("X-Frame-Options", "SAMEORIGIN");
  }
  res.set(bhttp::field::cache_control, "no-store");
  res.body() = std::move(bytes);
}

}  // namespace guichet::api
