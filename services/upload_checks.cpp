#include "services/upload_checks.hpp"

#include <algorithm>
#include <cctype>

namespace guichet::services {

std::string sniff_piece_type(std::string_view b) {
  if (b.size() >= 5 && b.substr(0, 5) == "%PDF-") return "application/pdf";
  if (b.size() >= 3 && static_cast<unsigned char>(b[0]) == 0xFF && static_cast<unsigned char>(b[1]) == 0xD8 &&
      static_cast<unsigned char>(b[2]) == 0xFF)
    return "image/jpeg";
  if (b.size() >= 8 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) return "image/png";
  return "";
}

namespace {

const char* extension_of(const std::string& type) {
  if (type == "application/pdf") return ".pdf";
  if (type == "image/jpeg") return ".jpg";
  if (type == "image/png") return ".png";
  return "";
}

bool ends_with_ci(const std::string& s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  return std::equal(suffix.begin(), suffix.end(), s.end() - static_cast<long>(suffix.size()),
                    [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b)); });
}

}  // namespace

std::string safe_file_name(std::string_view given, const std::string& sniffed_type) {
  auto slash = given.find_last_of("/\\");
  if (slash != std::string_view::npos) given = given.substr(slash + 1);
  std::string out;
  for (char c : given) {
    auto u = static_cast<unsigned char>(c);
    bool bad = u < 0x20 || u == 0x7f || c == '"' || c == '<' || c == '>' || c == ':' || c == '*' || c == '?' ||
               c == '|' || c == ';' || c == '%';
    out += bad ? '_' : c;
  }
  while (!out.empty() && (out.front() == '.' || out.front() == ' ')) out.erase(out.begin());
  while (!out.empty() && out.back() == ' ') out.pop_back();
  std::string ext = extension_of(sniffed_type);
  if (ext == std::string(".jpg") && ends_with_ci(out, ".jpeg")) ext = ".jpeg";
  if (!ends_with_ci(out, ext)) out += ext;
  if (out.empty() || out == ext) out = "piece" + ext;
  // At most 100 bytes, cut between whole UTF-8 characters, keeping the extension.
  const size_t kMax = 100;
  if (out.size() > kMax) {
    size_t keep = kMax - ext.size();
    while (keep > 0 && (static_cast<unsigned char>(out[keep]) & 0xC0) == 0x80) --keep;
    out = out.substr(0, keep) + ext;
  }
  return out;
}

}  // namespace guichet::services
