#include "db/url_redaction.hpp"

#include <cstddef>

namespace guichet::db {
namespace {

// "://user:secret@" becomes "://user:***@", for every "://" followed by a user name (no ':',
// '/' or '@'), a colon and, further on, an '@'.
std::string redact_user_password(std::string_view url) {
  std::string out;
  std::size_t copied = 0;
  for (std::size_t at = url.find("://"); at != std::string_view::npos; at = url.find("://", at + 1)) {
    std::size_t colon = url.find_first_of(":/@", at + 3);
    if (colon == std::string_view::npos || url[colon] != ':') continue;
    std::size_t arobase = url.find('@', colon + 1);
    if (arobase == std::string_view::npos) continue;
    out.append(url.substr(copied, colon + 1 - copied)).append("***@");
    copied = arobase + 1;
    at = arobase;  // the next "://" is searched after what was replaced
  }
  return out.append(url.substr(copied));
}

bool starts_with_password_key(std::string_view s) {
  constexpr std::string_view key = "password=";
  if (s.size() < key.size()) return false;
  for (std::size_t i = 0; i < key.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != key[i]) return false;
  }
  return true;
}

// "?password=secret" and "&PassWord=secret" become "?password=***" (the key as written).
std::string redact_password_parameters(std::string_view url) {
  constexpr std::size_t kKey = sizeof("password=") - 1;
  std::string out;
  std::size_t i = 0;
  while (i < url.size()) {
    if ((url[i] == '?' || url[i] == '&') && starts_with_password_key(url.substr(i + 1))) {
      out.append(url.substr(i, 1 + kKey)).append("***");
      i += 1 + kKey;
      while (i < url.size() && url[i] != '&') ++i;
      continue;
    }
    out += url[i++];
  }
  return out;
}

}  // namespace

std::string redact_url(std::string_view url) { return redact_password_parameters(redact_user_password(url)); }

}  // namespace guichet::db
