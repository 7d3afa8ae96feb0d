// The names scripts and plugins give things (exam and field codes, session labels, plugin
// and function names), checked character by character: no std::regex for a character class.
#pragma once

#include <cstddef>
#include <string_view>

namespace guichet {

constexpr bool is_lower_ascii(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool is_digit_ascii(char c) { return c >= '0' && c <= '9'; }

// [a-z][a-z0-9_]{0,max_size-1}: a lowercase letter, then lowercase letters, digits and '_'.
constexpr bool is_identifier(std::string_view s, std::size_t max_size) {
  if (s.empty() || s.size() > max_size || !is_lower_ascii(s.front())) return false;
  for (char c : s.substr(1))
    if (!is_lower_ascii(c) && !is_digit_ascii(c) && c != '_') return false;
  return true;
}

// [A-Za-z0-9_-]{1,32}: a session's label ("2025", "2025-rattrapage", "S1").
constexpr bool is_session_label(std::string_view s) {
  if (s.empty() || s.size() > 32) return false;
  for (char c : s)
    if (!is_lower_ascii(c) && !(c >= 'A' && c <= 'Z') && !is_digit_ascii(c) && c != '_' && c != '-') return false;
  return true;
}

}  // namespace guichet
