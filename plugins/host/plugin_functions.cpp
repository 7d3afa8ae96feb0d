#include "plugins/host/plugin_functions.hpp"

namespace guichet::plugins {

std::vector<std::pair<std::string, std::string>> PluginFunctions::list() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& name : host_.functions()) {
    auto dot = name.find('.');
    out.emplace_back(name.substr(0, dot), name.substr(dot + 1));
  }
  return out;
}

Result<std::string> PluginFunctions::call(const std::string& plugin, const std::string& function,
                                          const std::string& args_json,
                                          std::chrono::steady_clock::time_point deadline) {
  CallResult r = host_.call(plugin, function, args_json, deadline);
  if (r.timed_out) return Error{ErrorCode::script_timeout, "temps d'exécution dépassé en attendant le greffon"};
  if (r.status != GUICHET_OK)
    return Error{ErrorCode::plugin_error, r.output.empty() ? "le greffon a signalé une erreur" : r.output.substr(0, 300)};
  return std::move(r.output);
}

}  // namespace guichet::plugins
