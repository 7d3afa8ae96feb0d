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

}  // namespace
}  // namespace guichet
