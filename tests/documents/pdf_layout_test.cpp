// The layout helper on its own: wrapping widths, French punctuation, cut words, page breaks.
#include "documents/pdf_layout.hpp"

#include <gtest/gtest.h>

#include <string>

namespace guichet::documents {
namespace {

class PdfLayoutTest : public ::testing::Test {
 protected:
  PdfLayoutTest() {
    surface_ = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
    cr_ = cairo_create(surface_);
  }
  ~PdfLayoutTest() override {
    cairo_destroy(cr_);
    cairo_surface_destroy(surface_);
  }
  cairo_surface_t* surface_;
  cairo_t* cr_;
  TextStyle body_{.size = 10};
};

TEST_F(PdfLayoutTest, WrappedLinesFitTheWidthAndKeepEveryWord) {
  PdfLayout layout(cr_, "DejaVu Sans");
  const std::string text =
      "Imprimez ce récapitulatif, vérifiez-le, datez-le, signez-le et envoyez-le avec les "
      "pièces justificatives listées en annexe au service gestionnaire avant le 24 novembre 2024.";
  auto lines = layout.wrap(text, body_, 150);
  ASSERT_GT(lines.size(), 2u);
  std::string joined;
  for (const auto& line : lines) {
    EXPECT_LE(layout.text_width(line, body_), 150.0) << line;
    EXPECT_FALSE(line.empty());
    joined += (joined.empty() ? "" : " ") + line;
  }
  EXPECT_EQ(joined, text);
}

TEST_F(PdfLayoutTest, NewlinesBreakAndBlankLinesStay) {
  PdfLayout layout(cr_, "DejaVu Sans");
  auto lines = layout.wrap("3 rue des Écoles\n\n86000 Poitiers", body_, 400);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], "3 rue des Écoles");
  EXPECT_EQ(lines[1], "");
  EXPECT_EQ(lines[2], "86000 Poitiers");
}

TEST_F(PdfLayoutTest, FrenchPunctuationStaysWithItsWord) {
  PdfLayout layout(cr_, "DejaVu Sans");
  const std::string text = "puis confirmez « J'ai fourni toutes mes pièces » : est-ce fait ? oui !";
  // From the widest glued group ("pièces » :") up; narrower, it must be cut somewhere.
  for (double width = layout.text_width("pièces » :", body_); width < 400; width += 7) {
    for (const auto& line : layout.wrap(text, body_, width)) {
      EXPECT_FALSE(line.ends_with("«")) << width << ": " << line;
      EXPECT_FALSE(line.starts_with("»")) << width << ": " << line;
      EXPECT_FALSE(line.starts_with(":")) << width << ": " << line;
      EXPECT_FALSE(line.starts_with("?")) << width << ": " << line;
      EXPECT_FALSE(line.starts_with("!")) << width << ": " << line;
    }
  }
}

TEST_F(PdfLayoutTest, AWordWiderThanTheLineIsCutBetweenCharacters) {
  PdfLayout layout(cr_, "DejaVu Sans");
  std::string word;
  while (word.size() < 600) word += "é";  // 300 two-byte characters
  auto lines = layout.wrap("avant " + word + " après", body_, 100);
  std::string joined;
  for (const auto& line : lines) {
    EXPECT_LE(layout.text_width(line, body_), 100.0);
    EXPECT_EQ(sanitize_utf8(line), line) << "cut inside a character";
    joined += line;
  }
  EXPECT_NE(joined.find(word), std::string::npos);
  // Even a width narrower than one character makes progress, one character a line.
  EXPECT_EQ(layout.wrap("ééé", body_, 1).size(), 3u);
  // A glued group too wide breaks at its spaces before cutting a word.
  const double pieces = layout.text_width("pièces", body_);
  auto glued = layout.wrap("pièces »", body_, pieces + 1);
  ASSERT_EQ(glued.size(), 2u);
  EXPECT_EQ(glued[0], "pièces");
  EXPECT_EQ(glued[1], "»");
}

TEST_F(PdfLayoutTest, SanitizeReplacesInvalidBytesAndControls) {
  EXPECT_EQ(sanitize_utf8("Élodie"), "Élodie");
  EXPECT_EQ(sanitize_utf8("a\xff" "b"), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(sanitize_utf8("a\xC3"), "a\xEF\xBF\xBD");          // truncated
  EXPECT_EQ(sanitize_utf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '/'
  EXPECT_EQ(sanitize_utf8("a\tb\r\nc"), "a b\nc");
}

TEST_F(PdfLayoutTest, PagesBreakWhenFullAndOnDemand) {
  PdfLayout layout(cr_, "DejaVu Sans");
  layout.page_break();  // nothing yet: no blank first page
  EXPECT_EQ(layout.pages().size(), 1u);
  for (int i = 0; i < 200; ++i) layout.paragraph("Ligne " + std::to_string(i), body_);
  const size_t pages = layout.pages().size();
  EXPECT_GE(pages, 3u);
  for (const auto& page : layout.pages()) {
    for (const auto& text : page.texts) {
      EXPECT_GE(text.y, layout.geometry().margin_top);
      EXPECT_LE(text.y, layout.geometry().height - layout.geometry().margin_bottom);
    }
  }
  layout.page_break();
  EXPECT_EQ(layout.pages().size(), pages + 1);
  layout.page_break();
  EXPECT_EQ(layout.pages().size(), pages + 1);
}

}  // namespace
}  // namespace guichet::documents
