#include "core/lua/lua_util.hpp"

#include <boost/json.hpp>

#include <cmath>

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

namespace guichet::lua {

void raise(lua_State* L, const std::string& message) {
  Caller c = caller(L);
  std::string m = c.line > 0 ? c.file + ":" + std::to_string(c.line) + ": " + message : message;
  lua_pushlstring(L, m.data(), m.size());
  lua_error(L);
  __builtin_unreachable();
}

Caller caller(lua_State* L, int level) {
  lua_Debug ar;
  // Skip C frames (a declaration called through pcall, say) up to the first Lua one.
  for (int l = level; lua_getstack(L, l, &ar); ++l) {
    if (!lua_getinfo(L, "Sl", &ar)) break;
    if (ar.currentline > 0 && ar.source && ar.source[0] == '@') return {ar.source + 1, ar.currentline};
  }
  return {};
}

void raw_field(lua_State* L, int t, const char* key) {
  if (t < 0 && t > LUA_REGISTRYINDEX) t = lua_gettop(L) + t + 1;
  if (!lua_istable(L, t)) {
    lua_pushnil(L);
    return;
  }
  lua_pushstring(L, key);
  lua_rawget(L, t);
}

std::string get_string(lua_State* L, int t, const char* key, const std::string& what, bool required) {
  raw_field(L, t, key);
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    if (required) raise(L, what + " : le champ « " + key + " » est obligatoire");
    return {};
  }
  if (lua_type(L, -1) != LUA_TSTRING)
    raise(L, what + " : le champ « " + key + " » doit être un texte");
  size_t n = 0;
  const char* s = lua_tolstring(L, -1, &n);
  std::string out(s, n);
  lua_pop(L, 1);
  return out;
}

bool get_bool(lua_State* L, int t, const char* key, const std::string& what, bool fallback) {
  raw_field(L, t, key);
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    return fallback;
  }
  if (lua_type(L, -1) != LUA_TBOOLEAN) raise(L, what + " : le champ « " + key + " » doit valoir true ou false");
  bool b = lua_toboolean(L, -1);
  lua_pop(L, 1);
  return b;
}

long long get_integer(lua_State* L, int t, const char* key, const std::string& what, bool required,
                      long long fallback) {
  raw_field(L, t, key);
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    if (required) raise(L, what + " : le champ « " + key + " » est obligatoire");
    return fallback;
  }
  double d = lua_tonumber(L, -1);
  if (lua_type(L, -1) != LUA_TNUMBER || std::floor(d) != d)
    raise(L, what + " : le champ « " + key + " » doit être un nombre entier");
  lua_pop(L, 1);
  return static_cast<long long>(d);
}

boost::json::value to_json(lua_State* L, int idx, int depth) {
  if (idx < 0) idx = lua_gettop(L) + idx + 1;
  switch (lua_type(L, idx)) {
    case LUA_TBOOLEAN:
      return lua_toboolean(L, idx) != 0;
    case LUA_TNUMBER: {
      double d = lua_tonumber(L, idx);
      if (std::floor(d) == d && std::fabs(d) < 9e15) return static_cast<std::int64_t>(d);
      return d;
    }
    case LUA_TSTRING: {
      size_t n = 0;
      const char* s = lua_tolstring(L, idx, &n);
      return boost::json::string(s, n);
    }
    case LUA_TTABLE: {
      if (depth > 8) return nullptr;
      size_t n = lua_objlen(L, idx);
      if (n > 0) {
        boost::json::array a;
        for (size_t i = 1; i <= n; ++i) {
          lua_rawgeti(L, idx, static_cast<int>(i));
          a.push_back(to_json(L, -1, depth + 1));
          lua_pop(L, 1);
        }
        return a;
      }
      boost::json::object o;
      lua_pushnil(L);
      while (lua_next(L, idx)) {
        if (lua_type(L, -2) == LUA_TSTRING) o[lua_tostring(L, -2)] = to_json(L, -1, depth + 1);
        lua_pop(L, 1);
      }
      return o;
    }
    default:
      return nullptr;
  }
}

void push_json(lua_State* L, const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::bool_:
      lua_pushboolean(L, v.get_bool());
      break;
    case boost::json::kind::int64:
      lua_pushnumber(L, static_cast<double>(v.get_int64()));
      break;
    case boost::json::kind::uint64:
      lua_pushnumber(L, static_cast<double>(v.get_uint64()));
      break;
    case boost::json::kind::double_:
      lua_pushnumber(L, v.get_double());
      break;
    case boost::json::kind::string:
      lua_pushlstring(L, v.get_string().data(), v.get_string().size());
      break;
    case boost::json::kind::array: {
      const auto& a = v.get_array();
      lua_createtable(L, static_cast<int>(a.size()), 0);
      for (size_t i = 0; i < a.size(); ++i) {
        push_json(L, a[i]);
        lua_rawseti(L, -2, static_cast<int>(i + 1));
      }
      break;
    }
    case boost::json::kind::object: {
      const auto& o = v.get_object();
      lua_createtable(L, 0, static_cast<int>(o.size()));
      for (const auto& [k, val] : o) {
        push_json(L, val);
        lua_setfield(L, -2, std::string(k).c_str());
      }
      break;
    }
    default:
      lua_pushnil(L);
  }
}

}  // namespace guichet::lua
