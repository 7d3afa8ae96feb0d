// Small helpers for reading declaration tables from Lua and converting values to JSON.
#pragma once

#include <boost/json/value.hpp>

#include <string>

struct lua_State;

namespace guichet::lua {

// Raises a Lua error located at the Lua caller of the current C function.
[[noreturn]] void raise(lua_State* L, const std::string& message);

// "file" and line of the Lua code that called the current C function (level 1).
struct Caller {
  std::string file;
  int line = 0;
};
Caller caller(lua_State* L, int level = 1);

// Pushes field `key` of the table at `t` without metamethods (nil when `t` is not a table):
// reading a script's declaration must not run the script's code behind the host's back.
void raw_field(lua_State* L, int t, const char* key);

// Reads field `key` of the table at index `t` (raw); raises with `what` in the message when the
// field is missing (if required) or of the wrong type.
std::string get_string(lua_State* L, int t, const char* key, const std::string& what, bool required = true);
bool get_bool(lua_State* L, int t, const char* key, const std::string& what, bool fallback);
long long get_integer(lua_State* L, int t, const char* key, const std::string& what, bool required,
                      long long fallback = 0);

// Converts the Lua value at `idx` to JSON (tables become arrays when they are sequences).
boost::json::value to_json(lua_State* L, int idx, int depth = 0);
// Pushes a JSON value as a Lua value.
void push_json(lua_State* L, const boost::json::value& v);

}  // namespace guichet::lua
