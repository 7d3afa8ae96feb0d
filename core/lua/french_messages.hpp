// LuaJIT's own messages (syntax errors, runtime errors) said in French for académie staff,
// keeping the "file:line:" they start with. Messages it does not know pass unchanged.
#pragma once

#include <string>
#include <string_view>

namespace guichet::lua {

std::string in_french(std::string_view lua_message);

}  // namespace guichet::lua
