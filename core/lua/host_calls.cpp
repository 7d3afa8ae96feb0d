#include "core/lua/host_calls.hpp"

#include <boost/json.hpp>

#include <map>

#include "core/lua/limits.hpp"
#include "core/lua/lua_util.hpp"
#include "core/lua/sandbox.hpp"

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

namespace guichet::lua {
namespace {

// upvalues: HostFunctions* (light userdata), plugin, function
int call_host(lua_State* L) {
  auto* functions = static_cast<HostFunctions*>(lua_touserdata(L, lua_upvalueindex(1)));
  std::string plugin = lua_tostring(L, lua_upvalueindex(2));
  std::string function = lua_tostring(L, lua_upvalueindex(3));
  const std::string name = "plugins." + plugin + "." + function;
  std::string args = lua_gettop(L) >= 1 ? boost::json::serialize(to_json(L, 1)) : "null";
  if (args.size() > kMaxHostArgs) raise(L, name + " : arguments trop volumineux (64 Kio au plus)");
  auto result = functions->call(plugin, function, args, run_deadline(L));
  if (!result.ok()) {
    if (result.error().code == ErrorCode::script_timeout) trip_deadline(L);  // not catchable by pcall
    raise(L, name + " : " + result.error().message);
  }
  if (result->size() > kMaxHostResult) raise(L, name + " : réponse trop volumineuse (1 Mio au plus)");
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(*result, ec);
  if (ec) raise(L, name + " : le greffon a répondu autre chose que du JSON");
  push_json(L, v);
  return 1;
}

int read_only(lua_State* L) { return luaL_error(L, "la table plugins est en lecture seule"); }

int unknown_member(lua_State* L) {
  const char* what = lua_tostring(L, lua_upvalueindex(1));
  const char* key = lua_tostring(L, 2);
  return luaL_error(L, "%s%s n'existe pas (greffon non chargé ou fonction inconnue)", what, key ? key : "?");
}

// Leaves on the stack an empty proxy table whose reads go to the table at `real` (which it
// pops) and whose writes raise; a missing key raises, naming `prefix` + key.
void push_proxy(lua_State* L, const std::string& prefix) {
  lua_newtable(L);                // real, proxy
  lua_newtable(L);                // real, proxy, mt
  lua_newtable(L);                // real, proxy, mt, index-mt
  lua_pushstring(L, prefix.c_str());
  lua_pushcclosure(L, unknown_member, 1);
  lua_setfield(L, -2, "__index");
  lua_setmetatable(L, -4);        // real's missing keys raise
  lua_pushvalue(L, -3);
  lua_setfield(L, -2, "__index");
  lua_pushcfunction(L, read_only);
  lua_setfield(L, -2, "__newindex");
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_setmetatable(L, -2);        // real, proxy
  lua_remove(L, -2);              // proxy
}

}  // namespace

void push_host_functions(lua_State* L, HostFunctions* functions) {
  std::map<std::string, std::vector<std::string>> by_plugin;
  if (functions)
    for (const auto& [plugin, function] : functions->list()) by_plugin[plugin].push_back(function);
  lua_newtable(L);  // plugins (real)
  for (const auto& [plugin, names] : by_plugin) {
    lua_newtable(L);
    for (const auto& function : names) {
      lua_pushlightuserdata(L, functions);
      lua_pushstring(L, plugin.c_str());
      lua_pushstring(L, function.c_str());
      lua_pushcclosure(L, call_host, 3);
      lua_setfield(L, -2, function.c_str());
    }
    push_proxy(L, "plugins." + plugin + ".");
    lua_setfield(L, -2, plugin.c_str());
  }
  push_proxy(L, "plugins.");
}

}  // namespace guichet::lua
