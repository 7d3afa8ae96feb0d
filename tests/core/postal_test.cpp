#include "core/postal.hpp"

#include <gtest/gtest.h>

namespace guichet {
namespace {

TEST(PostalCode, MetropolitanCodesGiveTheirFirstTwoDigits) {
  EXPECT_EQ(department_of_postal_code("86000"), "86");
  EXPECT_EQ(department_of_postal_code("17000"), "17");
  EXPECT_EQ(department_of_postal_code("01000"), "01");
}

TEST(PostalCode, CorsicaSplitsIntoTwoDepartments) {
  EXPECT_EQ(department_of_postal_code("20000"), "2A");
  EXPECT_EQ(department_of_postal_code("20100"), "2A");
  EXPECT_EQ(department_of_postal_code("20200"), "2B");
  EXPECT_EQ(department_of_postal_code("20600"), "2B");
}

TEST(PostalCode, OverseasCodesGiveThreeDigits) {
  EXPECT_EQ(department_of_postal_code("97200"), "972");
  EXPECT_EQ(department_of_postal_code("97400"), "974");
  EXPECT_EQ(department_of_postal_code("97600"), "976");
  EXPECT_EQ(department_of_postal_code("98800"), "988");
}

TEST(PostalCode, RejectsWhatIsNotAPostalCode) {
  for (const char* bad : {"8600", "860000", "8600A", "00100", "97900", "", "ABCDE"})
    EXPECT_FALSE(department_of_postal_code(bad).has_value()) << bad;
}

}  // namespace
}  // namespace guichet
