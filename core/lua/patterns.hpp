// string.find, match, gmatch and gsub for scripts: Lua's own pattern language, matched by a
// port of Lua's matcher that counts its steps against the running call's deadline and bounds
// its recursion, so a backtracking pattern cannot hold a worker inside one C call.
#pragma once

struct lua_State;

namespace guichet::lua {

// Sets find, match, gmatch and gsub in the table on top of the stack (the string library).
void install_patterns(lua_State* L);

}  // namespace guichet::lua
