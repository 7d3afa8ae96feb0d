#include "app/args.hpp"

namespace guichet::app {

std::optional<std::string> Args::get(const std::string& name) const {
  auto it = options.find(name);
  if (it == options.end()) return std::nullopt;
  return it->second;
}

Result<Args> parse_args(int argc, char** argv, int first, const std::set<std::string>& option_names,
                        const std::set<std::string>& flag_names) {
  Args a;
  for (int i = first; i < argc; ++i) {
    std::string s = argv[i];
    if (s.rfind("--", 0) != 0) {
      a.positional.push_back(s);
      continue;
    }
    std::string value;
    bool inline_value = false;
    if (auto eq = s.find('='); eq != std::string::npos) {
      value = s.substr(eq + 1);
      s = s.substr(0, eq);
      inline_value = true;
    }
    if (flag_names.count(s)) {
      a.flags.insert(s);
      continue;
    }
    if (!option_names.count(s)) return Error{ErrorCode::usage, "option inconnue : " + s};
    if (!inline_value) {
      if (i + 1 >= argc) return Error{ErrorCode::usage, "l'option " + s + " attend une valeur"};
      value = argv[++i];
    }
    a.options[s] = value;
  }
  return a;
}

}  // namespace guichet::app
