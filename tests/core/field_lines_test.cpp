// Where a script writes a field, for explanations: the `closes = ...` line of a session.
#include <gtest/gtest.h>

#include "core/field_lines.hpp"

namespace guichet {
namespace {

const char* kScript = R"(-- closes = "commentaire"
session {
  exam = "cap", title = "closes = dans un texte",
  opens = "2022-10-18 10:00",
  -- closes = "2022-01-01" (ancienne date)
  closes = "2022-11-22 19:00",
  final_registration = {
    mode = "postal",
    deadline = "2022-11-24",
  },
}

session {
  exam = "bp",
  closes_later = true,
}
)";

TEST(FieldLines, TheLineThatWritesTheFieldNotCommentsOrStrings) {
  EXPECT_EQ(field_line(kScript, 2, "opens"), 4);
  EXPECT_EQ(field_line(kScript, 2, "closes"), 6);
  EXPECT_EQ(field_line(kScript, 2, "deadline"), 9);
  EXPECT_EQ(field_line(kScript, 2, "exam"), 3);
}

TEST(FieldLines, NotFoundStaysInsideTheCall) {
  EXPECT_EQ(field_line(kScript, 13, "closes"), 0);  // closes_later is another name; the first session is past
  EXPECT_EQ(field_line(kScript, 2, "edits_close"), 0);
  EXPECT_EQ(field_line(kScript, 99, "closes"), 0);
}

}  // namespace
}  // namespace guichet
