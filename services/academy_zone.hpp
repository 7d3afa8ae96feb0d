// The time zone a person of an académie reads times in: staff and auditors see every time
// in their académie's zone with its offset, as candidates do (Europe/Paris when the rules no
// longer describe the académie).
#pragma once

#include <chrono>
#include <string>

#include "core/rules.hpp"
#include "core/time_format.hpp"

namespace guichet::services {

inline const date::time_zone* academy_zone(const Rules& rules, const std::string& academy) {
  auto set = rules.current();
  const Academy* a = set ? set->academy(academy) : nullptr;
  return a && a->zone ? a->zone : *find_zone("Europe/Paris");
}

// RFC 3339 to the second with the zone's offset at that instant ("2024-11-01T10:00:00+01:00").
inline std::string local_rfc3339(Instant t, const date::time_zone* zone) {
  return format_rfc3339(std::chrono::floor<std::chrono::seconds>(t), zone);
}

}  // namespace guichet::services
