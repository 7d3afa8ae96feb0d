#include "core/diagnostic.hpp"

namespace guichet {

Diagnostic Diagnostic::from_lua(const std::string& m, const std::string& file) {
  // "academies/poitiers.lua:12: text"
  auto lua = m.find(".lua:");
  if (lua != std::string::npos) {
    size_t num = lua + 5, end = num;
    while (end < m.size() && m[end] >= '0' && m[end] <= '9') ++end;
    if (end > num && end + 1 < m.size() && m[end] == ':') {
      Diagnostic d{m.substr(0, lua + 4), std::stoi(m.substr(num, end - num)), m.substr(end + 1)};
      if (!d.message.empty() && d.message.front() == ' ') d.message.erase(0, 1);
      return d;
    }
  }
  std::string text = m;
  if (text.rfind(file + ": ", 0) == 0) text = text.substr(file.size() + 2);
  return {file, 0, text};
}

}  // namespace guichet
