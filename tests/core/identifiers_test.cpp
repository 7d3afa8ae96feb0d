// The character tests that replaced the regular expressions for codes and labels.
#include <gtest/gtest.h>

#include <string>

#include "core/identifiers.hpp"

namespace guichet {
namespace {

TEST(Identifiers, AreALowercaseLetterThenLettersDigitsAndUnderscores) {
  for (const char* ok : {"a", "cap", "bac_pro", "x9", "a_"}) EXPECT_TRUE(is_identifier(ok, 32)) << ok;
  for (const char* bad : {"", "9a", "_a", "Cap", "bac-pro", "bac pro", "é", "a.b", "a\n"})
    EXPECT_FALSE(is_identifier(bad, 32)) << bad;
  EXPECT_TRUE(is_identifier(std::string(32, 'a'), 32));
  EXPECT_FALSE(is_identifier(std::string(33, 'a'), 32));
  EXPECT_FALSE(is_identifier(std::string("ab\0c", 4), 32));
}

TEST(Identifiers, SessionLabelsAllowCapitalsDigitsAndDashes) {
  for (const char* ok : {"2025", "2025-rattrapage", "S1", "a_B-9"}) EXPECT_TRUE(is_session_label(ok)) << ok;
  for (const char* bad : {"", "2025 bis", "2025/26", "été", "2025.1"}) EXPECT_FALSE(is_session_label(bad)) << bad;
  EXPECT_TRUE(is_session_label(std::string(32, '9')));
  EXPECT_FALSE(is_session_label(std::string(33, '9')));
}

}  // namespace
}  // namespace guichet
