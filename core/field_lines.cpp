#include "core/field_lines.hpp"

namespace guichet {
namespace {

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

int field_line(std::string_view text, int from_line, std::string_view field) {
  if (from_line < 1 || field.empty()) return 0;
  size_t pos = 0;
  for (int line = 1; line < from_line && pos < text.size(); ++line) {
    size_t nl = text.find('\n', pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
  }
  int line = from_line, depth = 0;
  bool opened = false;
  char quote = 0;
  for (size_t i = pos; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n') {
      ++line;
      continue;
    }
    if (quote) {
      if (c == '\\') ++i;
      else if (c == quote) quote = 0;
      continue;
    }
    if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '-' && i + 1 < text.size() && text[i + 1] == '-') {  // a comment, to the end of the line
      size_t nl = text.find('\n', i);
      if (nl == std::string_view::npos) return 0;
      i = nl - 1;
    } else if (c == '{') {
      ++depth;
      opened = true;
    } else if (c == '}') {
      if (--depth <= 0 && opened) return 0;
    } else if (opened && text.compare(i, field.size(), field) == 0 && (i == 0 || !is_name_char(text[i - 1])) &&
               (i + field.size() >= text.size() || !is_name_char(text[i + field.size()]))) {
      size_t j = i + field.size();
      while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
      if (j < text.size() && text[j] == '=' && (j + 1 >= text.size() || text[j + 1] != '=')) return line;
    }
  }
  return 0;
}

}  // namespace guichet
