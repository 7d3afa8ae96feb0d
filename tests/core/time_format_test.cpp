#include "core/time_format.hpp"

#include <date/tz.h>
#include <gtest/gtest.h>

namespace guichet {
namespace {

const date::time_zone* paris() { return *find_zone("Europe/Paris"); }

TEST(TimeFormat, ParsesRfc3339WithAnyOffset) {
  auto z = parse_rfc3339("2024-11-13T18:00:00Z");
  auto p = parse_rfc3339("2024-11-13T19:00:00+01:00");
  auto r = parse_rfc3339("2024-11-13T23:00:00+05:00");
  ASSERT_TRUE(z.ok() && p.ok() && r.ok());
  EXPECT_EQ(*z, *p);
  EXPECT_EQ(*z, *r);
}

TEST(TimeFormat, RejectsMalformedTimes) {
  for (const char* bad : {"2024-11-13", "2024-13-01T00:00:00Z", "2024-11-13T25:00:00Z", "2024-11-13T10:00:00",
                          "2024-02-30T10:00:00Z", "yesterday", "2024-11-13T10:00:00+1:00", ""})
    EXPECT_FALSE(parse_rfc3339(bad).ok()) << bad;
}

TEST(TimeFormat, FormatsWithTheZoneOffsetOfTheInstant) {
  auto winter = parse_rfc3339("2024-11-13T18:00:00Z");
  auto summer = parse_rfc3339("2024-10-10T08:00:00Z");
  EXPECT_EQ(format_rfc3339(*winter, paris()), "2024-11-13T19:00:00+01:00");
  EXPECT_EQ(format_rfc3339(*summer, paris()), "2024-10-10T10:00:00+02:00");
}

TEST(TimeFormat, LocalDateAloneMeansStartOfDay) {
  auto t = parse_local("2024-10-22", paris());
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(format_rfc3339(*t, paris()), "2024-10-22T00:00:00+02:00");
}

TEST(TimeFormat, RefusesNonexistentLocalTimeAtSpringForward) {
  auto t = parse_local("2024-03-31 02:30", paris());
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().message.find("n'existe pas"), std::string::npos);
}

TEST(TimeFormat, RefusesAmbiguousLocalTimeUnlessOffsetGiven) {
  EXPECT_FALSE(parse_local("2024-10-27 02:30", paris()).ok());
  auto first = parse_local("2024-10-27 02:30+02:00", paris());
  auto second = parse_local("2024-10-27 02:30+01:00", paris());
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(*second - *first, std::chrono::hours(1));
  EXPECT_FALSE(parse_local("2024-10-27 02:30+05:00", paris()).ok());
}

TEST(TimeFormat, OverseasZoneHasNoDaylightSaving) {
  auto z = *find_zone("America/Martinique");
  auto t = parse_local("2024-07-01 12:00", z);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(format_rfc3339(*t, z), "2024-07-01T12:00:00-04:00");
}

TEST(TimeFormat, UnknownZoneIsAnError) { EXPECT_FALSE(find_zone("Europe/Atlantis").ok()); }

}  // namespace
}  // namespace guichet

namespace guichet {
namespace {

TEST(TimeFormat, InstantsOutsideFourDigitYearsInEveryZoneAreRefused) {
  // 9999-12-31T23:59:59Z reads as year 10000 in Paris: refused rather than echoed so.
  auto far = parse_rfc3339("9999-12-31T23:59:59Z");
  ASSERT_FALSE(far.ok());
  EXPECT_NE(far.error().message.find("hors des limites"), std::string::npos);
  EXPECT_FALSE(parse_rfc3339("0001-01-01T00:00:00Z").ok());
  auto last = parse_rfc3339("9998-12-31T10:00:00+14:00");
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(format_rfc3339(*last, *find_zone("Pacific/Kiritimati")).substr(0, 4), "9998");
}

Seconds local(const char* text, const date::time_zone* zone) {
  auto t = parse_local(text, zone);
  EXPECT_TRUE(t.ok()) << text;
  return *t;
}

TEST(DeadlineFormat, MidnightIsBeforeThatDayAsTheNoticesSayIt) {
  // "avant le 24 novembre 2022": the rules close at 24/11 00:00, so the 24th is never promised.
  EXPECT_EQ(format_deadline(local("2022-11-24", paris()), paris()), "avant le 24 novembre 2022");
  EXPECT_EQ(format_deadline(local("2024-10-01", paris()), paris()), "avant le 1er octobre 2024");
}

TEST(DeadlineFormat, AnHourIsWrittenInFrenchStyle) {
  EXPECT_EQ(format_deadline(local("2024-11-13 19:00", paris()), paris()), "avant le 13 novembre 2024 à 19 h 00");
  EXPECT_EQ(format_deadline(local("2024-08-05 09:05", paris()), paris()), "avant le 5 août 2024 à 9 h 05");
  EXPECT_EQ(format_deadline(local("2024-11-13 18:59:30", paris()), paris()),
            "avant le 13 novembre 2024 à 18 h 59 min 30 s");
}

TEST(DeadlineFormat, SaysTheLocalHourOnBothSidesOfADaylightSavingChange) {
  // 08:00Z is 10:00 in October (summer time), 18:00Z is 19:00 in November (winter time).
  EXPECT_EQ(format_deadline(*parse_rfc3339("2024-10-10T08:00:00Z"), paris()), "avant le 10 octobre 2024 à 10 h 00");
  EXPECT_EQ(format_deadline(*parse_rfc3339("2024-11-13T18:00:00Z"), paris()), "avant le 13 novembre 2024 à 19 h 00");
  // The repeated hour of the autumn change: the same wall time, said once for each instant.
  EXPECT_EQ(format_deadline(*parse_rfc3339("2025-10-26T00:30:00Z"), paris()), "avant le 26 octobre 2025 à 2 h 30");
  EXPECT_EQ(format_deadline(*parse_rfc3339("2025-10-26T01:30:00Z"), paris()), "avant le 26 octobre 2025 à 2 h 30");
}

TEST(DeadlineFormat, UsesTheAcademysZone) {
  const auto* martinique = *find_zone("America/Martinique");
  Seconds t = *parse_rfc3339("2024-11-15T21:00:00Z");
  EXPECT_EQ(format_deadline(t, martinique), "avant le 15 novembre 2024 à 17 h 00");
  EXPECT_EQ(format_deadline(t, paris()), "avant le 15 novembre 2024 à 22 h 00");
  // Midnight in Martinique is 04:00Z: the day alone there, an hour in Paris.
  Seconds m = local("2024-11-22", martinique);
  EXPECT_EQ(format_deadline(m, martinique), "avant le 22 novembre 2024");
  EXPECT_EQ(format_deadline(m, paris()), "avant le 22 novembre 2024 à 5 h 00");
}

TEST(DeadlineFormat, MomentsAndPastInstants) {
  EXPECT_EQ(format_french_moment(local("2024-10-22", paris()), paris()), "22 octobre 2024");
  EXPECT_EQ(format_french_moment(local("2024-10-10 10:00", paris()), paris()), "10 octobre 2024 à 10 h 00");
  // Past: the hour is always said, or "le 24 novembre" would read as the whole day.
  EXPECT_EQ(format_french_exact(local("2022-11-24", paris()), paris()), "24 novembre 2022 à 0 h 00");
}

}  // namespace
}  // namespace guichet
