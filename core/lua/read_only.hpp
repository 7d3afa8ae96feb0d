// Read-only views of the tables the host hands to scripts (v.academy, v.session,
// v.identity): a script reads them like tables (fields, #, pairs, ipairs, next, unpack,
// type() == "table") but cannot change them, so one evaluation cannot leave a trace in
// the next. A view is a userdata whose metatable's __index is the underlying table: Lua
// 5.1 honours __len on userdata, not on tables.
#pragma once

struct lua_State;

namespace guichet::lua {

// Replaces the table at `idx` by a read-only view of it; nested tables become views too.
void make_read_only(lua_State* L, int idx);

// Points the view at `view_idx` at the table on top of the stack (popped), freezing the
// table's nested tables: one view reused across evaluations with fresh content each time.
void retarget_read_only(lua_State* L, int view_idx);

// Sets type, pairs, ipairs, next and unpack in the table on top of the stack (the scripts'
// globals) to versions that see through views and behave as Lua's own otherwise.
void install_read_only_builtins(lua_State* L);

}  // namespace guichet::lua
