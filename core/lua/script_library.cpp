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

// upvalues: 1 = {name -> source text}, 2 = current depth (number), 3 = {name -> file path}
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
  lua_getfield(L, lua_upvalueindex(3), name);
  std::string chunk = std::string("@") + lua_tostring(L, -1);
  lua_pop(L, 1);
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
  lua_newtable(L);  // name -> path
  for (const auto& f : sources.files) {
    // lib/<name>.lua, the rules' shared code; tests/lib/<name>.lua, the cases' helpers (only
    // ever in the set a test engine loads).
    size_t folder = f.path.rfind("lib/", 0) == 0 ? 4 : f.path.rfind("tests/lib/", 0) == 0 ? 10 : 0;
    if (folder == 0) continue;
    std::string name = f.path.substr(folder, f.path.size() - folder - 4);  // <name>.lua
    lua_getfield(L, -1, name.c_str());
    if (!lua_isnil(L, -1)) {
      diagnostics.push_back({f.path, 0, std::string("une bibliothèque porte déjà ce nom (") + lua_tostring(L, -1) +
                                            ") : require(\"" + name + "\") la désigne ; choisissez un autre nom"});
      lua_pop(L, 1);
      continue;
    }
    lua_pop(L, 1);
    if (luaL_loadbufferx(L, f.text.data(), f.text.size(), ("@" + f.path).c_str(), "t") != 0) {
      const char* m = lua_tostring(L, -1);
      diagnostics.push_back(Diagnostic::from_lua(m ? in_french(m) : "erreur de syntaxe", f.path));
    }
    lua_pop(L, 1);
    lua_pushlstring(L, f.text.data(), f.text.size());
    lua_setfield(L, -3, name.c_str());
    lua_pushlstring(L, f.path.data(), f.path.size());
    lua_setfield(L, -2, name.c_str());
  }
  lua_pushinteger(L, 0);
  lua_insert(L, -2);  // text table, depth, path table
  lua_pushcclosure(L, script_require, 3);
}

}  // namespace guichet::lua
