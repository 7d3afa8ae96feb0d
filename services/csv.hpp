// CSV for French spreadsheets: ";" separators, CRLF lines, UTF-8 announced by a BOM.
#pragma once

#include <string>

namespace guichet::services {

inline constexpr const char* kCsvBom = "\xEF\xBB\xBF";

// One cell: quoted when it holds the separator, a quote or a line break; a leading = + - @
// (a formula to a spreadsheet) is defused with an apostrophe, as OWASP advises.
inline std::string csv_cell(std::string v) {
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r'))
    v = "'" + v;
  if (v.find_first_of(";\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace guichet::services
