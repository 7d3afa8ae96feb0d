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

namespace {

unsigned code_status(const std::string& code) {
  static const std::map<std::string, unsigned> table = {
      {"malformed_json", 400},        {"invalid_token", 400},         {"unauthenticated", 401},
      {"invalid_credentials", 401},   {"account_not_activated", 403}, {"csrf_failed", 403},
      {"withdrawal_by_office_only", 403}, {"not_found", 404},         {"unknown_session", 404},
      {"method_not_allowed", 405},    {"email_taken", 409},           {"already_registered", 409},
      {"service_closed", 409},        {"personal_data_locked", 409},  {"token_expired", 410},
      {"document_unavailable", 410},  {"stale_version", 412},         {"unsupported_media_type", 415},
      {"validation_failed", 422},     {"wrong_academy", 422},         {"too_many_attempts", 429},
      {"not_ready", 503},             {"database_unavailable", 503},  {"rules_unavailable", 503},
      {"unknown_piece", 404},         {"postal_session", 409},        {"pieces_frozen", 409},
      {"too_many_files", 409},        {"file_too_large", 413},        {"unsupported_file_type", 415},
      {"pieces_missing", 422},        {"storage_unavailable", 503},   {"uploads_busy", 503},
      {"registration_withdrawn", 409},
      // The back office.
      {"forbidden", 403},             {"not_staff_academy", 404},     {"conflict", 409},
      {"window_guard", 409},          {"approval_required", 409},     {"nothing_staged", 409},
  };
  auto it = table.find(code);
  return it == table.end() ? 500 : it->second;
}

}  // namespace

void write_error(Response& res, const Error& e) {
  unsigned status = code_status(e.code);
  if (e.code.rfind("script_", 0) == 0) {
    // A script's fault: the file:line goes to the log, the candidate gets the rules' word.
    spdlog::error("règles : {} ({})", e.message, e.code);
    http::write_json_error(res, 500, "rules_error",
                           "Les règles de cette session sont momentanément en erreur. Le service des examens a été averti.");
    return;
  }
  if (status == 500) {
    // Unknown faults never reach the client as they are.
    spdlog::error("erreur interne : {} ({})", e.message, e.code);
    http::write_json_error(res, 500, "internal_error", "Une erreur interne est survenue. Veuillez réessayer plus tard.");
    return;
  }
  http::write_json_error(res, status, e.code, e.message, e.fields);
  if (e.retry_after_seconds > 0) res.set(bhttp::field::retry_after, std::to_string(e.retry_after_seconds));
}

Error method_not_allowed(Response& res, const char* allow) {
  res.set(bhttp::field::allow, allow);
  return {"method_not_allowed", "Méthode HTTP non autorisée pour cette adresse."};
}

// The error that field faults are gathered into (api.md: 422 with `fields`).
Error invalid_fields() { return {"validation_failed", "Certaines informations sont invalides."}; }

// The JSON object body, with only `allowed` fields; strings where `strings` says so.
Result<json::object> body_object(const Request& req, const std::set<std::string>& allowed,
                                 const std::set<std::string>& required) {
  auto ct = req[bhttp::field::content_type];
  if (ct.substr(0, 16) != "application/json")
    return Error{"unsupported_media_type", "Le corps de la requête doit être du JSON (application/json)."};
  boost::system::error_code ec;
  json::parse_options opts;
  opts.max_depth = 16;
  json::value v = json::parse(req.body(), ec, {}, opts);
  if (ec) return Error{"malformed_json", "Le corps de la requête n'est pas un JSON valide."};
  if (!v.is_object()) return Error{"validation_failed", "Un objet JSON est attendu.", {{"body", "Un objet JSON est attendu."}}};
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



// A stored file as a download: never rendered inline, never sniffed by the browser.
void send_file(Response& res, std::string bytes, const std::string& content_type, const std::string& file_name) {
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
          "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded);
  res.set("X-Content-Type-Options", "nosniff");
  res.set(bhttp::field::cache_control, "no-store");
  res.body() = std::move(bytes);
}

}  // namespace guichet::api
