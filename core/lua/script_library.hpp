// require("name") in the scripts: the shared code of `lib/<name>.lua`, so exams (and
// académies) stop repeating the same fields, pieces and checks; for the test cases, also the
// helpers of `tests/lib/<name>.lua` (answers, identities), which the rules never see. Each call
// runs the library afresh in an environment of its own and returns what it returns: two
// scripts never share (or can change) each other's tables. Libraries may require others, up to
// a small depth.
#pragma once

#include <vector>

#include "core/diagnostic.hpp"
#include "core/sources.hpp"

struct lua_State;

namespace guichet::lua {

// Pushes the `require` function for the lib/ and tests/lib/ files of `sources` (for the
// sandbox's base table); reports a library that does not even compile, or whose name another
// library already has.
void push_script_library(lua_State* L, const SourceSet& sources, std::vector<Diagnostic>& diagnostics);

}  // namespace guichet::lua
