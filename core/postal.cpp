#include "core/postal.hpp"

namespace guichet {

std::optional<std::string> department_of_postal_code(std::string_view pc) {
  if (pc.size() != 5) return std::nullopt;
  for (char c : pc)
    if (c < '0' || c > '9') return std::nullopt;
  std::string two(pc.substr(0, 2));
  if (two == "00") return std::nullopt;
  if (two == "20") {
    // Corsica: 200xx-201xx are Corse-du-Sud, 202xx-206xx Haute-Corse.
    int third = pc[2] - '0';
    if (third <= 1) return "2A";
    if (third <= 6) return "2B";
    return std::nullopt;
  }
  if (two == "97" || two == "98") {
    std::string three(pc.substr(0, 3));
    // 971 Guadeloupe (with Saint-Barthélemy and Saint-Martin), 972 Martinique, 973 Guyane,
    // 974 La Réunion, 975 Saint-Pierre-et-Miquelon, 976 Mayotte; 986-988 Pacific; 980 Monaco.
    if (three == "971" || three == "972" || three == "973" || three == "974" || three == "975" ||
        three == "976" || three == "984" || three == "986" || three == "987" || three == "988")
      return three;
    return std::nullopt;
  }
  if (two == "96" || two == "99") return std::nullopt;
  return two;
}

}  // namespace guichet
