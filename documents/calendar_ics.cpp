#include "documents/calendar_ics.hpp"

#include <date/date.h>
#include <date/tz.h>
#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace guichet::documents {
namespace {

using std::chrono::seconds;
using std::chrono::sys_seconds;

// TEXT values: backslash, semicolon, comma and newline escaped (RFC 5545 §3.3.11).
std::string text(const std::string& in) {
  std::string out;
  for (char c : in) {
    if (c == '\\' || c == ';' || c == ',') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (c == '\r') continue;
    out += c;
  }
  return out;
}

// Content lines are folded at 75 octets, never inside a UTF-8 character (§3.1).
void line(std::string& out, const std::string& content) {
  size_t start = 0, width = 75;
  while (content.size() - start > width) {
    size_t cut = start + width;
    while (cut > start && (static_cast<unsigned char>(content[cut]) & 0xC0) == 0x80) --cut;
    out += content.substr(start, cut - start) + "\r\n ";
    start = cut;
    width = 74;  // the leading space of a continuation counts
  }
  out += content.substr(start) + "\r\n";
}

std::string offset(seconds s) {
  long long v = s.count();
  char sign = v < 0 ? '-' : '+';
  v = std::llabs(v);
  return fmt::format("{}{:02}{:02}", sign, v / 3600, (v % 3600) / 60);
}

std::string local_stamp(date::local_seconds t) { return date::format("%Y%m%dT%H%M%S", t); }

void observance(std::string& out, const date::sys_info& info, seconds from_offset, sys_seconds begin) {
  const bool daylight = info.save != std::chrono::minutes(0);
  line(out, daylight ? "BEGIN:DAYLIGHT" : "BEGIN:STANDARD");
  // DTSTART is local time in the offset in force before the change.
  line(out, "DTSTART:" + local_stamp(date::local_seconds((begin + from_offset).time_since_epoch())));
  line(out, "TZOFFSETFROM:" + offset(from_offset));
  line(out, "TZOFFSETTO:" + offset(info.offset));
  if (!info.abbrev.empty() && info.abbrev[0] != '+' && info.abbrev[0] != '-') line(out, "TZNAME:" + info.abbrev);
  line(out, daylight ? "END:DAYLIGHT" : "END:STANDARD");
}

}  // namespace

std::string render_calendar(const std::vector<CalendarEvent>& events, const date::time_zone* zone,
                            const std::string& zone_name, sys_seconds stamp) {
  std::string out;
  line(out, "BEGIN:VCALENDAR");
  line(out, "VERSION:2.0");
  line(out, "PRODID:-//guichet//Inscriptions aux examens//FR");
  line(out, "CALSCALE:GREGORIAN");
  line(out, "METHOD:PUBLISH");

  // VTIMEZONE: every offset period that touches the events, from a year before the first.
  if (!events.empty()) {
    auto [lo, hi] = std::minmax_element(events.begin(), events.end(),
                                        [](const auto& a, const auto& b) { return a.at < b.at; });
    sys_seconds from = lo->at - std::chrono::days(366), to = hi->at;
    line(out, "BEGIN:VTIMEZONE");
    line(out, "TZID:" + zone_name);
    date::sys_info info = zone->get_info(from);
    // The period in force at `from`, then each change up to the last event.
    observance(out, info, info.offset, std::max(info.begin, from));
    while (info.end <= to) {
      seconds previous = info.offset;
      info = zone->get_info(info.end);
      observance(out, info, previous, info.begin);
    }
    line(out, "END:VTIMEZONE");
  }

  const std::string dtstamp = date::format("%Y%m%dT%H%M%SZ", stamp);
  for (const auto& e : events) {
    auto local = date::make_zoned(zone, e.at).get_local_time();
    line(out, "BEGIN:VEVENT");
    line(out, "UID:" + e.uid);
    line(out, "DTSTAMP:" + dtstamp);
    auto day = date::floor<date::days>(local);
    if (e.deadline && local == day) {
      // A deadline at midnight ("avant le 24 novembre") is the whole last day it leaves, the
      // 23rd: an event at 00:00 on the 24th would sit on a day already too late.
      line(out, "DTSTART;VALUE=DATE:" + date::format("%Y%m%d", day - date::days(1)));
      line(out, "DTEND;VALUE=DATE:" + date::format("%Y%m%d", day));
    } else {
      line(out, "DTSTART;TZID=" + zone_name + ":" + local_stamp(local));
      line(out, "DTEND;TZID=" + zone_name + ":" + local_stamp(local));
    }
    line(out, "SUMMARY:" + text(e.summary));
    if (!e.description.empty()) line(out, "DESCRIPTION:" + text(e.description));
    line(out, "TRANSP:TRANSPARENT");
    // A reminder the day before, unless there is nothing left to do; its text is what the
    // agenda shows alone, so it carries the event's purpose too.
    if (e.reminder) {
      line(out, "BEGIN:VALARM");
      line(out, "ACTION:DISPLAY");
      line(out, "TRIGGER:-P1D");
      line(out, "DESCRIPTION:" + text("Demain : " + e.summary + (e.description.empty() ? "" : "\n" + e.description)));
      line(out, "END:VALARM");
    }
    line(out, "END:VEVENT");
  }
  line(out, "END:VCALENDAR");
  return out;
}

}  // namespace guichet::documents
