// The deadlines calendar read back: unfolded, each event's local time resolved through the
// file's own VTIMEZONE gives back the exact instant, on both sides of a DST change and in a
// zone without DST.
#include <gtest/gtest.h>

#include <date/date.h>
#include <date/tz.h>

#include <map>
#include <sstream>

#include "documents/calendar_ics.hpp"

namespace guichet::documents {
namespace {

using namespace std::chrono;

sys_seconds utc(const char* text) {
  std::istringstream in(text);
  sys_seconds t;
  in >> date::parse("%FT%TZ", t);
  return t;
}

std::vector<std::string> unfold(const std::string& ics) {
  std::vector<std::string> lines;
  size_t i = 0;
  while (i < ics.size()) {
    size_t end = ics.find("\r\n", i);
    EXPECT_NE(end, std::string::npos) << "every line ends with CRLF";
    std::string l = ics.substr(i, end - i);
    EXPECT_LE(l.size(), 75u) << l;
    if (!l.empty() && l[0] == ' ') lines.back() += l.substr(1);
    else lines.push_back(l);
    i = end + 2;
  }
  return lines;
}

seconds parse_offset(const std::string& s) {
  int h = std::stoi(s.substr(1, 2)), m = std::stoi(s.substr(3, 2));
  seconds v = hours(h) + minutes(m);
  return s[0] == '-' ? -v : v;
}

date::local_seconds parse_local(const std::string& s) {
  std::istringstream in(s);
  date::local_seconds t;
  in >> date::parse("%Y%m%dT%H%M%S", t);
  return t;
}

// Reads the VTIMEZONE observances and resolves each DTSTART back to UTC.
struct Parsed {
  std::vector<std::pair<date::local_seconds, seconds>> observances;  // local start -> offset
  std::vector<std::pair<std::string, sys_seconds>> events;          // summary -> instant
};

Parsed parse(const std::string& ics) {
  Parsed p;
  date::local_seconds start{};
  std::string summary, dtstart;
  for (const auto& l : unfold(ics)) {
    if (l.rfind("DTSTART:", 0) == 0) start = parse_local(l.substr(8));
    if (l.rfind("TZOFFSETTO:", 0) == 0) p.observances.push_back({start, parse_offset(l.substr(11))});
    if (l.rfind("DTSTART;TZID=", 0) == 0) dtstart = l.substr(l.find(':') + 1);
    if (l.rfind("SUMMARY:", 0) == 0) summary = l.substr(8);
    if (l == "END:VEVENT") {
      auto local = parse_local(dtstart);
      seconds off{};
      for (const auto& [from, o] : p.observances)
        if (from <= local) off = o;
      p.events.push_back({summary, sys_seconds(local.time_since_epoch() - off)});
    }
  }
  return p;
}

TEST(CalendarIcs, EveryDeadlineComesBackToTheSameInstantAcrossTheDstChange) {
  const auto* paris = date::locate_zone("Europe/Paris");
  std::vector<CalendarEvent> events = {
      {"a@guichet", "Ouverture", "", utc("2024-10-21T22:00:00Z")},  // 00:00 summer time
      {"b@guichet", "Fin des inscriptions, et des modifications", "Ligne 1\nLigne 2; fin", utc("2024-11-13T18:00:00Z")},
  };
  std::string ics = render_calendar(events, paris, "Europe/Paris", utc("2024-11-01T10:00:00Z"));
  EXPECT_NE(ics.find("DTSTART;TZID=Europe/Paris:20241022T000000"), std::string::npos) << ics;
  EXPECT_NE(ics.find("DTSTART;TZID=Europe/Paris:20241113T190000"), std::string::npos);
  EXPECT_NE(ics.find("SUMMARY:Fin des inscriptions\\, et des modifications"), std::string::npos);
  EXPECT_NE(ics.find("Ligne 1\\nLigne 2\\; fin"), std::string::npos);
  auto p = parse(ics);
  ASSERT_EQ(p.events.size(), 2u);
  EXPECT_EQ(p.events[0].second, events[0].at);
  EXPECT_EQ(p.events[1].second, events[1].at);
  // The October 2024 change is described: 03:00 summer time becomes 02:00 winter time.
  EXPECT_NE(ics.find("DTSTART:20241027T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100"), std::string::npos) << ics;
}

TEST(CalendarIcs, AZoneWithoutDstHasOneOffset) {
  const auto* martinique = date::locate_zone("America/Martinique");
  std::vector<CalendarEvent> events = {{"c@guichet", "Date limite", "", utc("2024-11-13T23:00:00Z")}};
  std::string ics = render_calendar(events, martinique, "America/Martinique", utc("2024-11-01T10:00:00Z"));
  EXPECT_NE(ics.find("DTSTART;TZID=America/Martinique:20241113T190000"), std::string::npos) << ics;
  EXPECT_EQ(ics.find("BEGIN:DAYLIGHT"), std::string::npos);
  auto p = parse(ics);
  ASSERT_EQ(p.events.size(), 1u);
  EXPECT_EQ(p.events[0].second, events[0].at);
}

TEST(CalendarIcs, AMidnightDeadlineIsTheWholeLastDayAllowed) {
  const auto* paris = date::locate_zone("Europe/Paris");
  // "avant le 24 novembre 2022": 24/11 00:00 in Paris is 23/11 23:00Z.
  CalendarEvent midnight{"m@guichet", "Date limite d'envoi", "avant le 24 novembre 2022", utc("2022-11-23T23:00:00Z"), true};
  CalendarEvent evening{"e@guichet", "Fin des inscriptions", "", utc("2022-11-22T18:00:00Z"), true};
  CalendarEvent opening{"o@guichet", "Ouverture", "", utc("2022-11-23T23:00:00Z")};  // not a deadline
  std::string ics = render_calendar({midnight, evening, opening}, paris, "Europe/Paris", utc("2022-11-01T10:00:00Z"));
  EXPECT_NE(ics.find("UID:m@guichet\r\nDTSTAMP:20221101T100000Z\r\nDTSTART;VALUE=DATE:20221123\r\n"
                     "DTEND;VALUE=DATE:20221124\r\n"),
            std::string::npos)
      << ics;
  EXPECT_NE(ics.find("DTSTART;TZID=Europe/Paris:20221122T190000"), std::string::npos) << ics;
  EXPECT_NE(ics.find("UID:o@guichet\r\nDTSTAMP:20221101T100000Z\r\nDTSTART;TZID=Europe/Paris:20221124T000000"),
            std::string::npos)
      << ics;
  EXPECT_EQ(ics.find("VALUE=DATE:20221124\r\nDTEND"), std::string::npos) << "no event starts on the 24th";
}

// A deadline with nothing left to do keeps its event but has no alarm; an alarm says what the
// date is for, not only its title.
TEST(CalendarIcs, AnEventWithoutReminderHasNoAlarmAndAlarmsSayWhatFor) {
  const auto* paris = date::locate_zone("Europe/Paris");
  CalendarEvent quiet{"q@guichet", "Date limite de dépôt des pièces", "Rien d'autre à faire.", utc("2024-11-13T18:00:00Z")};
  quiet.reminder = false;
  CalendarEvent loud{"l@guichet", "Fin des inscriptions", "Téléchargez votre récapitulatif.", utc("2024-11-12T18:00:00Z")};
  std::string ics = render_calendar({loud, quiet}, paris, "Europe/Paris", utc("2024-11-01T10:00:00Z"));
  auto lines = unfold(ics);
  int alarms = 0, events = 0;
  std::string alarm_text;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i] == "BEGIN:VEVENT") ++events;
    if (lines[i] == "BEGIN:VALARM") {
      ++alarms;
      for (std::size_t j = i; j < lines.size() && lines[j] != "END:VALARM"; ++j)
        if (lines[j].rfind("DESCRIPTION:", 0) == 0) alarm_text = lines[j].substr(12);
    }
  }
  EXPECT_EQ(events, 2);
  EXPECT_EQ(alarms, 1);
  EXPECT_EQ(alarm_text, "Demain : Fin des inscriptions\\nTéléchargez votre récapitulatif.") << ics;
}

TEST(CalendarIcs, LongFrenchTextIsFoldedWithoutBreakingCharacters) {
  const auto* paris = date::locate_zone("Europe/Paris");
  std::string longtext;
  for (int i = 0; i < 20; ++i) longtext += "pièces justificatives à déposer ";
  std::string ics = render_calendar({{"d@guichet", "Échéance", longtext, utc("2024-11-13T18:00:00Z")}}, paris,
                                    "Europe/Paris", utc("2024-11-01T10:00:00Z"));
  std::string description;
  for (const auto& l : unfold(ics))
    if (l.rfind("DESCRIPTION:", 0) == 0 && description.empty()) description = l.substr(12);
  EXPECT_EQ(description, longtext);
}

}  // namespace
}  // namespace guichet::documents
