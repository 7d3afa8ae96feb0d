// The plugins' Lua-callable functions, as the rules engine sees them (core/host_functions.hpp).
#pragma once

#include "core/host_functions.hpp"
#include "plugins/host/plugin_host.hpp"

namespace guichet::plugins {

class PluginFunctions : public HostFunctions {
 public:
  explicit PluginFunctions(PluginHost& host) : host_(host) {}
  std::vector<std::pair<std::string, std::string>> list() const override;
  Result<std::string> call(const std::string& plugin, const std::string& function, const std::string& args_json,
                           std::chrono::steady_clock::time_point deadline) override;

 private:
  PluginHost& host_;
};

}  // namespace guichet::plugins
