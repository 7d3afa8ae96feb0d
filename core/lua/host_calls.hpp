// The `plugins` table of the sandbox: plugins.<plugin>.<name>(args) calls a host function
// with its arguments as JSON and returns its JSON result as Lua values. The tables are
// read-only; an unknown plugin or function is a clear error; the call is bounded by the
// script's own deadline and sizes.
#pragma once

#include "core/host_functions.hpp"

struct lua_State;

namespace guichet::lua {

inline constexpr std::size_t kMaxHostArgs = 64 * 1024;
inline constexpr std::size_t kMaxHostResult = 1024 * 1024;

// Pushes the read-only `plugins` table for `functions` (null: an empty one).
void push_host_functions(lua_State* L, HostFunctions* functions);

}  // namespace guichet::lua
