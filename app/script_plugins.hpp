// The plugins' Lua functions for the commands that run scripts outside the server (check,
// test, eval, rules submit): `--plugins DIR` loads the same folder the server would, so a
// script calling plugins.<name>.<fn> is checked against the real functions.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/rule_set.hpp"
#include "plugins/host/plugin_functions.hpp"
#include "plugins/host/plugin_host.hpp"

namespace guichet::app {

class ScriptPlugins {
 public:
  explicit ScriptPlugins(const std::optional<std::string>& dir) {
    if (!dir) return;
    host_ = std::make_unique<plugins::PluginHost>();
    host_->load_folder(*dir);
    functions_ = std::make_unique<plugins::PluginFunctions>(*host_);
  }
  // `options` with the functions (none without --plugins).
  RuleSetOptions with(RuleSetOptions options) const {
    options.limits.functions = functions_.get();
    return options;
  }

 private:
  std::unique_ptr<plugins::PluginHost> host_;
  std::unique_ptr<plugins::PluginFunctions> functions_;
};

}  // namespace guichet::app
