// A registration's deadlines as an iCalendar file (RFC 5545) for a candidate's agenda. Times
// carry their académie's zone (TZID) with a VTIMEZONE that lists the zone's real offsets and
// changes over the events' years, so agendas show the right local hour on both sides of a
// daylight-saving change, overseas zones included.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace date {
class time_zone;
}

namespace guichet::documents {

struct CalendarEvent {
  std::string uid;          // stable: the same deadline keeps its UID across downloads
  std::string summary;      // French title
  std::string description;  // French text
  std::chrono::sys_seconds at;
  // `at` is a deadline (something must be done before it): at local midnight the event is the
  // whole day before, the last day allowed, rather than 00:00 of a day already too late.
  bool deadline = false;
  bool reminder = true;  // a display alarm the day before, saying what the date is for
};

// `zone_name` is the IANA name written as TZID; `stamp` is DTSTAMP (the time of issue).
std::string render_calendar(const std::vector<CalendarEvent>& events, const date::time_zone* zone,
                            const std::string& zone_name, std::chrono::sys_seconds stamp);

}  // namespace guichet::documents
