#include "core/name_key.hpp"

#include <cstdint>

namespace guichet {
namespace {

// Folds one code point of Latin-1 Supplement or Latin Extended-A that French names use.
const char* fold(std::uint32_t cp) {
  switch (cp) {
    case 0xC0: case 0xC1: case 0xC2: case 0xC3: case 0xC4: case 0xC5:
    case 0xE0: case 0xE1: case 0xE2: case 0xE3: case 0xE4: case 0xE5: return "a";
    case 0xC6: case 0xE6: return "ae";
    case 0xC7: case 0xE7: return "c";
    case 0xC8: case 0xC9: case 0xCA: case 0xCB: case 0xE8: case 0xE9: case 0xEA: case 0xEB: return "e";
    case 0xCC: case 0xCD: case 0xCE: case 0xCF: case 0xEC: case 0xED: case 0xEE: case 0xEF: return "i";
    case 0xD1: case 0xF1: return "n";
    case 0xD2: case 0xD3: case 0xD4: case 0xD5: case 0xD6: case 0xD8:
    case 0xF2: case 0xF3: case 0xF4: case 0xF5: case 0xF6: case 0xF8: return "o";
    case 0xD9: case 0xDA: case 0xDB: case 0xDC: case 0xF9: case 0xFA: case 0xFB: case 0xFC: return "u";
    case 0xDD: case 0xFD: case 0xFF: case 0x178: return "y";
    case 0xDF: return "ss";
    case 0x152: case 0x153: return "oe";
    case 0x2019: return " ";  // typographic apostrophe
    default: return nullptr;
  }
}

}  // namespace

std::string name_key(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  auto put_space = [&out] {
    if (!out.empty() && out.back() != ' ') out += ' ';
  };
  for (std::size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
      else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += static_cast<char>(c);
      else put_space();  // spaces, hyphens, apostrophes, punctuation
      continue;
    }
    // A UTF-8 sequence; invalid bytes are skipped.
    int len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || i + len > text.size()) {
      ++i;
      continue;
    }
    std::uint32_t cp = len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    i += len;
    if (const char* f = fold(cp)) {
      if (f[0] == ' ') put_space();
      else out += f;
    } else {
      out.append(text.substr(i - len, len));  // other scripts are kept as they are
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string person_key(std::string_view last_name, std::string_view first_name) {
  std::string last = name_key(last_name), first = name_key(first_name);
  return first.empty() ? last : last + " " + first;
}

}  // namespace guichet
