#include "documents/pdf_layout.hpp"

#include <algorithm>
#include <utility>

namespace guichet::documents {
namespace {

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Decodes one UTF-8 character at text[i]; returns its length, 0 if the bytes are not valid
// UTF-8 (overlong forms, surrogates and values past U+10FFFF included).
size_t decode_utf8(std::string_view text, size_t i, char32_t& cp) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char c = byte(i);
  size_t n;
  char32_t min;
  if (c < 0x80) {
    cp = c;
    return 1;
  } else if ((c & 0xE0) == 0xC0) {
    n = 2, cp = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3, cp = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4, cp = c & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

// Length of the (already valid) UTF-8 character starting at text[i].
size_t char_length(std::string_view text, size_t i) {
  unsigned char c = static_cast<unsigned char>(text[i]);
  size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
  return std::min(n, text.size() - i);
}

// French typography: these stay on the line of the word before them...
bool glues_to_previous(std::string_view token) {
  return token == ":" || token == ";" || token == "?" || token == "!" || token.starts_with("»");
}
// ...and this one on the line of the word after it.
bool glues_to_next(std::string_view token) { return token.ends_with("«"); }

// Words of one line of text (no '\n'), split on spaces, with the glued punctuation joined
// to its neighbour by a space that wrapping will not break.
std::vector<std::string> words_of(std::string_view line) {
  std::vector<std::string> tokens;
  size_t i = 0;
  while (i < line.size()) {
    size_t end = line.find(' ', i);
    if (end == std::string_view::npos) end = line.size();
    if (end > i) tokens.emplace_back(line.substr(i, end - i));
    i = end + 1;
  }
  std::vector<std::string> words;
  bool glue_next = false;
  for (auto& token : tokens) {
    if (!words.empty() && (glue_next || glues_to_previous(token))) {
      words.back() += ' ';
      words.back() += token;
    } else {
      words.push_back(std::move(token));
    }
    glue_next = glues_to_next(words.back());
  }
  return words;
}

}  // namespace

std::string sanitize_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    size_t n = decode_utf8(text, i, cp);
    if (n == 0) {
      append_utf8(out, 0xFFFD);
      i += 1;
      continue;
    }
    i += n;
    if (cp == '\n') {
      out += '\n';
    } else if (cp == '\r' || cp == 0x7F) {
      // dropped: "\r\n" is a line break, DEL draws nothing
    } else if (cp < 0x20 || (cp >= 0x80 && cp < 0xA0)) {
      out += ' ';
    } else {
      append_utf8(out, cp);
    }
  }
  return out;
}

void apply_style(cairo_t* cr, const std::string& family, const TextStyle& style) {
  cairo_select_font_face(cr, family.c_str(), CAIRO_FONT_SLANT_NORMAL,
                         style.weight == Weight::bold ? CAIRO_FONT_WEIGHT_BOLD
                                                      : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, style.size);
}

PdfLayout::PdfLayout(cairo_t* measure, std::string font_family, PageGeometry geometry)
    : measure_(measure), family_(std::move(font_family)), geometry_(geometry) {
  pages_.emplace_back();
  y_ = geometry_.margin_top;
}

double PdfLayout::content_width() const {
  return geometry_.width - geometry_.margin_left - geometry_.margin_right;
}


bool PdfLayout::at_page_top() const { return pages_.back().empty(); }

void PdfLayout::select(cairo_t* cr, const TextStyle& style) {
  if (cr == selected_on_ && style.size == selected_size_ && style.weight == selected_weight_)
    return;
  apply_style(cr, family_, style);
  selected_on_ = cr;
  selected_size_ = style.size;
  selected_weight_ = style.weight;
}

double PdfLayout::text_width(std::string_view text, const TextStyle& style) {
  select(measure_, style);
  std::string s(text);
  cairo_text_extents_t extents;
  cairo_text_extents(measure_, s.c_str(), &extents);
  return extents.x_advance;
}

std::vector<std::string> PdfLayout::cut_word(const std::string& word, const TextStyle& style,
                                             double width) {
  // A glued group ("pièces »") too wide for the line breaks at its own spaces first; a part
  // still too wide is cut between characters. Each line gets at least one character, so this
  // always ends.
  std::vector<std::string> lines;
  std::string line;
  auto add_char = [&](std::string_view c) {
    std::string longer = line + std::string(c);
    if (!line.empty() && text_width(longer, style) > width) {
      while (line.ends_with(' ')) line.pop_back();
      lines.push_back(std::move(line));
      line = std::string(c);
    } else {
      line = std::move(longer);
    }
  };
  size_t start = 0;
  while (start <= word.size()) {
    size_t end = word.find(' ', start);
    if (end == std::string::npos) end = word.size();
    const std::string part = word.substr(start, end - start);
    std::string candidate = line.empty() ? part : line + ' ' + part;
    if (text_width(candidate, style) <= width) {
      line = std::move(candidate);
    } else if (text_width(part, style) <= width) {
      lines.push_back(std::move(line));
      line = part;
    } else {
      if (!line.empty()) add_char(" ");
      for (size_t i = 0; i < part.size();) {
        size_t n = char_length(part, i);
        add_char(std::string_view(part).substr(i, n));
        i += n;
      }
    }
    start = end + 1;
  }
  if (!line.empty()) lines.push_back(std::move(line));
  return lines;
}

std::vector<std::string> PdfLayout::wrap(std::string_view raw, const TextStyle& style,
                                         double width) {
  const std::string text = sanitize_utf8(raw);
  std::vector<std::string> lines;
  size_t start = 0;
  while (true) {
    size_t nl = text.find('\n', start);
    std::string_view hard_line =
        std::string_view(text).substr(start, nl == std::string::npos ? std::string::npos
                                                                     : nl - start);
    std::string current;
    for (const auto& word : words_of(hard_line)) {
      std::string candidate = current.empty() ? word : current + ' ' + word;
      if (text_width(candidate, style) <= width) {
        current = std::move(candidate);
        continue;
      }
      if (!current.empty()) lines.push_back(std::move(current));
      current.clear();
      if (text_width(word, style) <= width) {
        current = word;
        continue;
      }
      auto pieces = cut_word(word, style, width);
      current = std::move(pieces.back());
      pieces.pop_back();
      for (auto& piece : pieces) lines.push_back(std::move(piece));
    }
    lines.push_back(std::move(current));  // an empty hard line stays as a blank line
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return lines;
}

void PdfLayout::new_page() {
  pages_.emplace_back();
  y_ = geometry_.margin_top;
}

void PdfLayout::ensure_line(double line_height) {
  if (y_ + line_height > bottom() && !at_page_top()) new_page();
}

void PdfLayout::paragraph(std::string_view text, const TextStyle& style, double indent) {
  const double x = geometry_.margin_left + indent;
  const double height = style.line_height();
  for (auto& line : wrap(text, style, content_width() - indent)) {
    ensure_line(height);
    if (!line.empty()) {
      // Baseline: the leading split above and below the glyphs (DejaVu's ascent ~0.93 em).
      double baseline = y_ + (height - style.size) / 2 + style.size * 0.93;
      pages_.back().texts.push_back({x, baseline, std::move(line), style});
    }
    y_ += height;
  }
}

void PdfLayout::field(std::string_view label, std::string_view value,
                      const TextStyle& label_style, const TextStyle& value_style,
                      double label_width) {
  constexpr double kGap = 8.0;
  const double label_x = geometry_.margin_left;
  const double value_x = geometry_.margin_left + label_width;
  auto labels = wrap(label, label_style, label_width - kGap);
  auto values = wrap(value, value_style, content_width() - label_width);
  const double height = std::max(label_style.line_height(), value_style.line_height());
  const double size = std::max(label_style.size, value_style.size);
  // A short field stays on one page.
  if (std::max(labels.size(), values.size()) <= 4) {
    keep_together(height * static_cast<double>(std::max(labels.size(), values.size())));
  }
  for (size_t i = 0; i < std::max(labels.size(), values.size()); ++i) {
    ensure_line(height);
    double baseline = y_ + (height - size) / 2 + size * 0.93;
    if (i < labels.size() && !labels[i].empty())
      pages_.back().texts.push_back({label_x, baseline, std::move(labels[i]), label_style});
    if (i < values.size() && !values[i].empty())
      pages_.back().texts.push_back({value_x, baseline, std::move(values[i]), value_style});
    y_ += height;
  }
}

void PdfLayout::space(double points) {
  if (at_page_top()) return;
  y_ = std::min(y_ + points, bottom());
}

void PdfLayout::rule(double width, double gray) {
  ensure_line(width + 2);
  double y = y_ + width / 2;
  pages_.back().rules.push_back({geometry_.margin_left, y,
                                 geometry_.width - geometry_.margin_right, y, width, gray});
  y_ += width + 2;
}

void PdfLayout::keep_together(double height) {
  if (y_ + height > bottom() && !at_page_top()) new_page();
}

void PdfLayout::page_break() {
  if (!at_page_top()) new_page();
}

void PdfLayout::draw(cairo_t* cr,
                     const std::function<std::string(int page, int count)>& footer,
                     const TextStyle& footer_style) {
  const int count = static_cast<int>(pages_.size());
  for (int index = 0; index < count; ++index) {
    const Page& page = pages_[static_cast<size_t>(index)];
    for (const auto& rule : page.rules) {
      cairo_set_source_rgb(cr, rule.gray, rule.gray, rule.gray);
      cairo_set_line_width(cr, rule.width);
      cairo_move_to(cr, rule.x1, rule.y1);
      cairo_line_to(cr, rule.x2, rule.y2);
      cairo_stroke(cr);
    }
    for (const auto& text : page.texts) {
      select(cr, text.style);
      cairo_set_source_rgb(cr, text.style.gray, text.style.gray, text.style.gray);
      cairo_move_to(cr, text.x, text.y);
      cairo_show_text(cr, text.text.c_str());
    }
    if (footer) {
      const std::string line = sanitize_utf8(footer(index + 1, count));
      double width = text_width(line, footer_style);
      select(cr, footer_style);
      cairo_set_source_rgb(cr, footer_style.gray, footer_style.gray, footer_style.gray);
      cairo_move_to(cr, (geometry_.width - width) / 2,
                    geometry_.height - geometry_.footer_baseline);
      cairo_show_text(cr, line.c_str());
    }
    cairo_show_page(cr);
  }
}

}  // namespace guichet::documents
