// The search key of a person's name: lower case, French accents and ligatures folded to ASCII,
// hyphens, apostrophes and runs of spaces to one space. "Lefèvre-Saint Œuvre" and
// "LEFEVRE saint oeuvre" share the key "lefevre saint oeuvre", so an office finds a candidate
// however the name was typed.
#pragma once

#include <string>
#include <string_view>

namespace guichet {

std::string name_key(std::string_view text);
// The key of "<last name> <first name>": what registrations are searched by.
std::string person_key(std::string_view last_name, std::string_view first_name);

}  // namespace guichet
