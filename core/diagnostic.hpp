// A fault found in a script, located by file and line.
#pragma once

#include <string>
#include <vector>

namespace guichet {

struct Diagnostic {
  std::string file;  // "academies/poitiers.lua"
  int line = 0;      // 0 when unknown
  std::string message;

  // "academies/poitiers.lua:12: message"
  std::string str() const {
    return line > 0 ? file + ":" + std::to_string(line) + ": " + message : file + ": " + message;
  }
  // Splits a Lua message "file:line: text" (falls back to `file` when there is no position).
  static Diagnostic from_lua(const std::string& lua_message, const std::string& file);
};

}  // namespace guichet
