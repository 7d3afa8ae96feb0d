// Reading academy{}, session{}, exam{} and case{} tables into the catalog's plain structs.
#pragma once

#include "core/domain.hpp"
#include "core/lua/engine.hpp"

struct lua_State;

namespace guichet::lua {

// Each reads the table at stack index 1 and raises a located Lua error on any fault.
Academy read_academy(lua_State* L);
Session read_session(lua_State* L, const Academy& academy);
Exam read_exam(lua_State* L);
ScriptCase read_case(lua_State* L);

}  // namespace guichet::lua
