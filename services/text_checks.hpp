// Identity text (names, places, phone numbers, staff names) is one line of printable text: it
// goes into mails' headers and bodies, CSV exports, PDFs and logs, where a CR, LF or TAB can
// forge lines or cells. Checked on every way in (sign-up, "me", the office's corrections,
// staff accounts).
#pragma once

#include <string_view>

namespace guichet::services {

// True when `text` (UTF-8) holds a control character: C0 (U+0000 to U+001F, so CR, LF and
// TAB), DEL (U+007F) or C1 (U+0080 to U+009F, encoded C2 80 to C2 9F).
inline bool has_control_character(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7F) return true;
    if (c == 0xC2 && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9F) return true;
    }
  }
  return false;
}

inline constexpr const char* kControlCharacterFault =
    "Ce champ ne doit contenir ni retour à la ligne, ni tabulation, ni caractère de contrôle.";

}  // namespace guichet::services
