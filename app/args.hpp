// Command-line options: `--name value` pairs, bare flags and positional arguments.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace guichet::app {

struct Args {
  std::map<std::string, std::string> options;  // "--listen" -> "127.0.0.1:8080"
  std::set<std::string> flags;                  // "--explain"
  std::vector<std::string> positional;

  std::optional<std::string> get(const std::string& name) const;
  bool has(const std::string& flag) const { return flags.count(flag) > 0; }
};

// Parses argv[first..]; `flag_names` take no value. Unknown options are errors.
Result<Args> parse_args(int argc, char** argv, int first, const std::set<std::string>& option_names,
                        const std::set<std::string>& flag_names);

}  // namespace guichet::app
