// Parsing and formatting of instants: RFC 3339 at the API, local date-times in scripts.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace date {
class time_zone;
}

namespace guichet {

using Seconds = std::chrono::sys_seconds;

// Returns the IANA zone, or an error naming it.
Result<const date::time_zone*> find_zone(std::string_view name);

// Parses RFC 3339 with any offset or `Z` ("2024-11-13T19:00:00+01:00"); fractions are dropped.
Result<Seconds> parse_rfc3339(std::string_view text);

// Parses a script date in the given zone: "YYYY-MM-DD", "YYYY-MM-DD HH:MM", "YYYY-MM-DD HH:MM:SS",
// optionally followed by an explicit offset ("+02:00") that settles a DST ambiguity.
// A local time that does not exist, or is ambiguous without an offset, is an error.
Result<Seconds> parse_local(std::string_view text, const date::time_zone* zone);

// Accepts either form: RFC 3339 when it has a 'T', else a local date-time in the zone.
Result<Seconds> parse_any(std::string_view text, const date::time_zone* zone);

// Formats as RFC 3339 with the zone's offset at that instant: "2024-11-13T19:00:00+01:00".
std::string format_rfc3339(Seconds t, const date::time_zone* zone);

// Formats as a local "YYYY-MM-DD HH:MM:SS" in the zone.
std::string format_local(Seconds t, const date::time_zone* zone);

// Formats for French readers in the zone: "13/11/2024 à 19:00", or "13/11/2024" without time.
std::string format_french(Seconds t, const date::time_zone* zone, bool with_time = true);

// The one way a person is told a moment, in the zone, in words: "13 novembre 2024 à 19 h 00",
// "1er octobre 2024 à 9 h 05"; at local midnight the day alone, "24 novembre 2022" (the start of
// that day). Use it for beginnings ("ouvert du ...") and facts ("enregistrée le ...").
std::string format_french_moment(Seconds t, const date::time_zone* zone);

// The same with the hour always written, midnight included ("24 novembre 2022 à 0 h 00"): for a
// moment already past, where "le 24 novembre" would read as the whole day.
std::string format_french_exact(Seconds t, const date::time_zone* zone);

// The one way a person is told a deadline (an instant from which something is no longer
// possible): "avant le 24 novembre 2022" when it falls at local midnight (the whole 23rd is
// still in time, as the notices say it), else "avant le 13 novembre 2024 à 19 h 00". Never a
// day the rules do not enforce.
std::string format_deadline(Seconds t, const date::time_zone* zone);

// Parses "YYYY-MM-DD" as a calendar date; returns days since epoch.
Result<std::chrono::sys_days> parse_calendar_date(std::string_view text);

}  // namespace guichet
