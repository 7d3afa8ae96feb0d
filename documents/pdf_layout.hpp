// A small text layout for cairo documents: a cursor that goes down the page, wraps text on
// spaces, and breaks pages. Layout first, draw second, so the page count is known before any
// footer ("page X/Y") is drawn.
//
// One PdfLayout per document and per thread: it keeps no global state.
#pragma once

#include <cairo.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace guichet::documents {

// Sizes are PDF points (1/72 inch).
struct PageGeometry {
  double width = 595.276;  // A4 portrait
  double height = 841.890;
  double margin_left = 56.7;  // 20 mm
  double margin_right = 56.7;
  double margin_top = 56.7;
  double margin_bottom = 70.9;  // 25 mm: the footer sits inside it
  double footer_baseline = 31.2;  // from the bottom edge (11 mm)
};

enum class Weight { regular, bold };

struct TextStyle {
  double size = 10.0;
  Weight weight = Weight::regular;
  double gray = 0.0;  // 0 is black, 1 white
  double line_spacing = 1.35;
  double line_height() const { return size * line_spacing; }
};

// What layout produced, ready to draw: texts by baseline, and rules.
struct PlacedText {
  double x = 0, y = 0;
  std::string text;
  TextStyle style;
};
struct PlacedRule {
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  double width = 0.5;
  double gray = 0.6;
};
struct Page {
  std::vector<PlacedText> texts;
  std::vector<PlacedRule> rules;
  bool empty() const { return texts.empty() && rules.empty(); }
};

// Valid UTF-8 for cairo: invalid bytes become U+FFFD, '\t' and other control characters a
// space, '\r' is dropped; '\n' is kept.
std::string sanitize_utf8(std::string_view text);

// Selects `family` at the style's weight and size on `cr`.
void apply_style(cairo_t* cr, const std::string& family, const TextStyle& style);

class PdfLayout {
 public:
  // `measure` only serves to measure text (its font is changed); it may be the context that
  // will draw. `font_family` is a fontconfig family ("DejaVu Sans").
  PdfLayout(cairo_t* measure, std::string font_family, PageGeometry geometry = {});

  const PageGeometry& geometry() const { return geometry_; }
  double content_width() const;

  // Text wrapped to the content width (less `indent`); '\n' forces a line break and an empty
  // line leaves a blank line.
  void paragraph(std::string_view text, const TextStyle& style, double indent = 0.0);
  // A label column `label_width` wide, the value wrapped beside it; long values (several
  // lines, '\n' included) may continue on the next page.
  void field(std::string_view label, std::string_view value, const TextStyle& label_style,
             const TextStyle& value_style, double label_width);
  // Vertical space; none at the top of a page.
  void space(double points);
  // A horizontal line across the content width.
  void rule(double width = 0.5, double gray = 0.6);
  // Starts a new page unless `height` still fits on this one.
  void keep_together(double height);
  // The next content starts on a new page (no blank page if this one is still empty).
  void page_break();

  // Lines of at most `width` points. Breaks on spaces, never between « and the next word nor
  // before » : ; ? !; a word wider than `width` is cut between characters.
  std::vector<std::string> wrap(std::string_view text, const TextStyle& style, double width);
  double text_width(std::string_view text, const TextStyle& style);

  const std::vector<Page>& pages() const { return pages_; }

  // Draws every page on cr's surface (one cairo_show_page each). `footer(index, count)`
  // (index from 1) gives each page's footer, centred at the bottom.
  void draw(cairo_t* cr, const std::function<std::string(int page, int count)>& footer,
            const TextStyle& footer_style);

 private:
  void ensure_line(double line_height);
  void new_page();
  double bottom() const { return geometry_.height - geometry_.margin_bottom; }
  bool at_page_top() const;
  void select(cairo_t* cr, const TextStyle& style);
  std::vector<std::string> cut_word(const std::string& word, const TextStyle& style,
                                    double width);

  cairo_t* measure_;
  std::string family_;
  PageGeometry geometry_;
  std::vector<Page> pages_;
  double y_;  // top of the next line on the current page

  // The style last selected on a context, to skip redundant font selections.
  cairo_t* selected_on_ = nullptr;
  double selected_size_ = -1;
  Weight selected_weight_ = Weight::regular;
};

}  // namespace guichet::documents
