// Functions the host offers the scripts beyond the sandbox's own, as plugins.<plugin>.<name>
// (a postal-code lookup, say): JSON in, JSON out, bounded by the calling script's deadline.
// The core knows only this interface; the plugin host implements it.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace guichet {

class HostFunctions {
 public:
  virtual ~HostFunctions() = default;
  // {plugin, function} pairs.
  virtual std::vector<std::pair<std::string, std::string>> list() const = 0;
  // The function's JSON result, or an error whose message a script author can act on. Gives
  // up at `deadline` (code "script_timeout").
  virtual Result<std::string> call(const std::string& plugin, const std::string& function, const std::string& args_json,
                                   std::chrono::steady_clock::time_point deadline) = 0;
};

}  // namespace guichet
