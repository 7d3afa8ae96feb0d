// What a plugin may be called, and the functions it gives the scripts.
#pragma once

#include <string_view>

#include "core/identifiers.hpp"

namespace guichet::plugins {

// [a-z][a-z0-9_]{0,39}: the name prefixes its routes and names its configuration file and
// its table in the scripts (plugins.<name>).
constexpr bool is_plugin_name(std::string_view s) { return is_identifier(s, 40); }
// [a-z][a-z0-9_]{0,62}: plugins.<plugin>.<function> in the scripts.
constexpr bool is_function_name(std::string_view s) { return is_identifier(s, 63); }

}  // namespace guichet::plugins
