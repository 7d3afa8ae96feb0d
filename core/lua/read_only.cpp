#include "core/lua/read_only.hpp"

#include <utility>

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

namespace guichet::lua {
namespace {

constexpr int kMaxDepth = 16;

// The table a view shows, pushed; false (nothing pushed) when `idx` is not a view. A view's
// table is both its metatable's __index (the VM's fast path for fields) and its environment
// (one call here, on every step of ipairs). Scripts can make no userdata: any is a view.
bool push_underlying(lua_State* L, int idx) {
  if (lua_type(L, idx) != LUA_TUSERDATA) return false;
  lua_getfenv(L, idx);
  if (lua_istable(L, -1)) return true;
  lua_pop(L, 1);
  return false;
}

int view_newindex(lua_State* L) {
  const char* k = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : "?";
  return luaL_error(L, "table en lecture seule : « %s » ne peut pas être modifié", k);
}

int view_len(lua_State* L) {
  push_underlying(L, 1);
  lua_pushinteger(L, static_cast<lua_Integer>(lua_objlen(L, -1)));
  return 1;
}

void push_view_of_top(lua_State* L) {
  lua_newuserdata(L, 0);  // table, ud
  lua_createtable(L, 0, 4);
  lua_pushliteral(L, "__index");
  lua_pushvalue(L, -4);
  lua_rawset(L, -3);
  lua_pushliteral(L, "__newindex");
  lua_pushcfunction(L, view_newindex);
  lua_rawset(L, -3);
  lua_pushliteral(L, "__len");
  lua_pushcfunction(L, view_len);
  lua_rawset(L, -3);
  lua_pushliteral(L, "__metatable");
  lua_pushboolean(L, 0);
  lua_rawset(L, -3);
  lua_setmetatable(L, -2);
  lua_pushvalue(L, -2);
  lua_setfenv(L, -2);
  lua_remove(L, -2);  // ud
}

// Freezes the nested tables of the table at `idx` in place (depth-first), then nothing else.
void freeze_children(lua_State* L, int idx, int depth) {
  if (depth > kMaxDepth) return;
  lua_pushnil(L);
  while (lua_next(L, idx)) {
    if (lua_type(L, -1) == LUA_TTABLE) {
      int child = lua_gettop(L);
      freeze_children(L, child, depth + 1);
      push_view_of_top(L);     // key, view
      lua_pushvalue(L, -2);    // key, view, key
      lua_insert(L, -2);       // key, key, view
      lua_rawset(L, idx);      // key (setting an existing key keeps lua_next valid)
    } else {
      lua_pop(L, 1);
    }
  }
}

// pairs/next over a view iterate its table: the iterator never hands the table itself out.
int view_next(lua_State* L) {
  if (!push_underlying(L, 1)) {
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 2);
    return lua_next(L, 1) ? 2 : (lua_pushnil(L), 1);
  }
  lua_pushvalue(L, 2);
  if (lua_next(L, -2)) return 2;
  lua_pushnil(L);
  return 1;
}

int safe_next(lua_State* L) {
  lua_settop(L, 2);
  return view_next(L);
}

// Upvalue 1: Lua's own iterator (next, ipairs' stepper), kept for plain tables: it is a fast
// function the interpreter runs without a C call.
int safe_pairs(lua_State* L) {
  luaL_checkany(L, 1);
  if (lua_type(L, 1) != LUA_TUSERDATA) luaL_checktype(L, 1, LUA_TTABLE);
  if (lua_type(L, 1) == LUA_TTABLE) lua_pushvalue(L, lua_upvalueindex(1));
  else lua_pushcfunction(L, view_next);
  lua_pushvalue(L, 1);
  lua_pushnil(L);
  return 3;
}

int view_inext(lua_State* L) {
  lua_Integer i = luaL_checkinteger(L, 2) + 1;
  if (!push_underlying(L, 1)) {
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_pushvalue(L, 1);
  }
  lua_rawgeti(L, -1, static_cast<int>(i));
  if (lua_isnil(L, -1)) return 1;
  lua_pushinteger(L, i);
  lua_insert(L, -2);
  return 2;
}

int safe_ipairs(lua_State* L) {
  luaL_checkany(L, 1);
  if (lua_type(L, 1) != LUA_TUSERDATA) luaL_checktype(L, 1, LUA_TTABLE);
  if (lua_type(L, 1) == LUA_TTABLE) lua_pushvalue(L, lua_upvalueindex(1));
  else lua_pushcfunction(L, view_inext);
  lua_pushvalue(L, 1);
  lua_pushinteger(L, 0);
  return 3;
}

int safe_type(lua_State* L) {
  luaL_checkany(L, 1);
  if (push_underlying(L, 1)) {
    lua_pushliteral(L, "table");
    return 1;
  }
  lua_pushstring(L, luaL_typename(L, 1));
  return 1;
}

// unpack(view, i, j): the original unpack on the view's table (upvalue 1: Lua's unpack).
int safe_unpack(lua_State* L) {
  if (push_underlying(L, 1)) lua_replace(L, 1);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
  return lua_gettop(L);
}

}  // namespace

void make_read_only(lua_State* L, int idx) {
  if (idx < 0) idx = lua_gettop(L) + idx + 1;
  freeze_children(L, idx, 0);
  lua_pushvalue(L, idx);
  push_view_of_top(L);
  lua_replace(L, idx);
}

void retarget_read_only(lua_State* L, int view_idx) {
  if (view_idx < 0) view_idx = lua_gettop(L) + view_idx + 1;
  int table = lua_gettop(L);
  freeze_children(L, table, 0);
  lua_getmetatable(L, view_idx);
  lua_pushliteral(L, "__index");
  lua_pushvalue(L, table);
  lua_rawset(L, -3);
  lua_pop(L, 1);
  lua_setfenv(L, view_idx);  // pops the table
}

void install_read_only_builtins(lua_State* L) {
  lua_pushcfunction(L, safe_type);
  lua_setfield(L, -2, "type");
  lua_pushcfunction(L, safe_next);
  lua_setfield(L, -2, "next");
  // Lua's own iterators, taken from pairs({}) and ipairs({}).
  for (auto [name, fn] : {std::pair<const char*, lua_CFunction>{"pairs", safe_pairs}, {"ipairs", safe_ipairs}}) {
    lua_getfield(L, -1, name);
    lua_newtable(L);
    lua_call(L, 1, 1);
    lua_pushcclosure(L, fn, 1);
    lua_setfield(L, -2, name);
  }
  lua_getfield(L, -1, "unpack");
  lua_pushcclosure(L, safe_unpack, 1);
  lua_setfield(L, -2, "unpack");
}

}  // namespace guichet::lua
