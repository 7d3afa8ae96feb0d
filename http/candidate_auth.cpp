#include "http/candidate_auth.hpp"

#include <boost/beast/http/field.hpp>

#include "services/crypto.hpp"

namespace guichet::http {
namespace bhttp = boost::beast::http;

std::string cookie_header(std::string_view name, std::string_view value, std::string_view path, long long max_age,
                          bool secure) {
  std::string out;
  out.reserve(name.size() + value.size() + path.size() + 64);
  out.append(name).append("=").append(value).append("; Path=").append(path);
  out.append("; Max-Age=").append(std::to_string(max_age)).append("; HttpOnly;");
  if (secure) out.append(" Secure;");
  out.append(" SameSite=Strict");
  return out;
}

std::string cookie_value(const RequestHeader& req, std::string_view name) {
  std::string_view header = req[bhttp::field::cookie];
  while (!header.empty()) {
    auto semi = header.find(';');
    std::string_view part = header.substr(0, semi);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.size() > name.size() && part.substr(0, name.size()) == name && part[name.size()] == '=')
      return std::string(part.substr(name.size() + 1));
    if (semi == std::string_view::npos) break;
    header.remove_prefix(semi + 1);
  }
  return "";
}

PresentedToken session_token_of(const RequestHeader& req, std::string_view cookie_name) {
  std::string_view authz = req[bhttp::field::authorization];
  // The scheme's name is case-insensitive (RFC 7235).
  if (authz.size() > 7 && (authz.substr(0, 7) == "Bearer " || authz.substr(0, 7) == "bearer "))
    return {std::string(authz.substr(7)), false};
  std::string cookie = cookie_value(req, cookie_name);
  const bool from_cookie = !cookie.empty();
  return {std::move(cookie), from_cookie};
}

Result<services::Caller> authenticate_candidate(const RequestHeader& req, services::AccountService& accounts) {
  const PresentedToken presented = session_token_of(req);
  auto caller = accounts.authenticate(presented.token);
  if (!caller.ok()) return caller.error();
  if (Status st = check_csrf(req, presented, caller->csrf_hash); !st.ok()) return st.error();
  return caller;
}

Result<services::StaffCaller> authenticate_staff(const RequestHeader& req, services::StaffService& staff) {
  const PresentedToken presented = session_token_of(req, kStaffCookie);
  auto caller = staff.authenticate(presented.token);
  if (!caller.ok()) return caller.error();
  if (Status st = check_csrf(req, presented, services::sha256_hex(services::csrf_token_for(presented.token))); !st.ok())
    return st.error();
  return caller;
}

Status check_csrf(const RequestHeader& req, const PresentedToken& presented, const std::string& expected_hash) {
  const bool safe = req.method() == bhttp::verb::get || req.method() == bhttp::verb::head;
  if (!presented.from_cookie || safe) return Status::Ok();
  std::string csrf(req["X-CSRF-Token"]);
  if (csrf.empty() || !services::same_secret(services::sha256_hex(csrf), expected_hash))
    return Error{ErrorCode::csrf_failed, "Jeton anti-falsification (X-CSRF-Token) manquant ou invalide."};
  return Status::Ok();
}

}  // namespace guichet::http
