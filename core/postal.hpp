// French postal codes to départements: a library helper for the residence rule.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace guichet {

// Returns the département of a five-digit French postal code ("86000" -> "86",
// "20000" -> "2A", "20200" -> "2B", "97200" -> "972"), or nothing if it is not one.
std::optional<std::string> department_of_postal_code(std::string_view postal_code);

}  // namespace guichet
