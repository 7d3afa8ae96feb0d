#include "core/lua/script_library.hpp"

#include "core/lua/french_messages.hpp"

#include <string>
#include <string_view>

#include "core/lua/limits.hpp"
#include "core/lua/lua_util.hpp"
#include "core/lua/sandbox.hpp"

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

namespace guichet::lua {
namespace {

constexpr int kMaxDepth = 8;

// upvalues: 1 = {name -> source text}, 2 = current depth (number)
int script_require(lua_State* L) {
  const char* name = luaL_checkstring(L, 1);
  auto valid = [](std::string_view n) {
    if (n.empty() || n.size() > 63 || n[0] < 'a' || n[0] > 'z') return false;
    for (char c : n)
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
  };
  if (!valid(name)) raise(L, std::string("require : nom de bibliothèque invalide : ") + name);
  lua_getfield(L, lua_upvalueindex(1), name);
  if (lua_isnil(L, -1)) raise(L, std::string("require : bibliothèque inconnue : lib/") + name + ".lua");
  size_t len = 0;
  const char* text = lua_tolstring(L, -1, &len);
  int depth = static_cast<int>(lua_tointeger(L, lua_upvalueindex(2)));
  if (depth >= kMaxDepth) raise(L, "require : bibliothèques imbriquées trop profondément (boucle ?)");
  std::string chunk = std::string("@lib/") + name + ".lua";
  if (luaL_loadbufferx(L, text, len, chunk.c_str(), "t") != 0) return lua_error(L);
  push_environment(L);
  lua_setfenv(L, -2);
  lua_pushinteger(L, depth + 1);
  lua_replace(L, lua_upvalueindex(2));
  int status;
  {
    ReentryGuard guard(L);
    status = lua_pcall(L, 0, 1, 0);
  }
  lua_pushinteger(L, depth);
  lua_replace(L, lua_upvalueindex(2));
  if (status != 0) return lua_error(L);  // the library's own message, with its file:line
  return 1;
}

}  // namespace

void push_script_library(lua_State* L, const SourceSet& sources, std::vector<Diagnostic>& diagnostics) {
  lua_newtable(L);  // name -> text
  for (const auto& f : sources.files) {
    if (f.path.rfind("lib/", 0) != 0) continue;
    std::string name = f.path.substr(4, f.path.size() - 4 - 4);  // lib/<name>.lua
    if (luaL_loadbufferx(L, f.text.data(), f.text.size(), ("@" + f.path).c_str(), "t") != 0) {
      const char* m = lua_tostring(L, -1);
      diagnostics.push_back(Diagnostic::from_lua(m ? in_french(m) : "erreur de syntaxe", f.path));
    }
    lua_pop(L, 1);
    lua_pushlstring(L, f.text.data(), f.text.size());
    lua_setfield(L, -2, name.c_str());
  }
  lua_pushinteger(L, 0);
  lua_pushcclosure(L, script_require, 2);
}

}  // namespace guichet::lua
