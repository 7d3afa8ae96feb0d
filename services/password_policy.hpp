// The password policy, after the French public-sector guidance (ANSSI, CNIL 2022): length
// rather than composition rules. At least 12 characters, at most 128; no composition
// requirement; refused when it is a well-known password, one repeated character, or contains
// the candidate's email or names.
#pragma once

#include <optional>
#include <string>

namespace guichet::services {

struct PasswordContext {
  std::string email, first_name, last_name;
};

// A French sentence saying what is wrong, or nothing when the password is acceptable.
std::optional<std::string> password_problem(const std::string& password, const PasswordContext& who);

}  // namespace guichet::services
