// A sandboxed LuaJIT state: a memory cap through a counting allocator, a CPU deadline through
// an instruction-count hook (the JIT is off, so hooks always fire) and in every builtin that
// loops in C, a bound on C-to-Lua re-entry and C stack, and per-script environments that
// expose only what rules need. A state that hit a limit says so (poisoned()): its owner
// throws it away rather than reuse it. docs/sandbox.md says what each limit defends against.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include "core/host_functions.hpp"
#include "core/result.hpp"

struct lua_State;

namespace guichet::lua {

struct SandboxLimits {
  std::size_t memory_bytes = 32u << 20;
  std::chrono::milliseconds call_timeout{200};
  std::chrono::milliseconds load_timeout{1000};
  // What the host adds as plugins.<plugin>.<name> (not owned; null: an empty `plugins`).
  HostFunctions* functions = nullptr;
};


class Sandbox {
 public:
  explicit Sandbox(SandboxLimits limits);
  ~Sandbox();
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  lua_State* L() const { return L_; }
  bool ok() const { return L_ != nullptr; }
  const SandboxLimits& limits() const { return limits_; }

  // Compiles a text chunk (bytecode is refused) named `name` ("academies/poitiers.lua"),
  // gives it a fresh environment and runs it within the load timeout. On success the new
  // environment table is left on the stack.
  Status load_script(std::string_view name, std::string_view text);

  // Pops the value on top of the stack into the table of globals every script sees.
  void set_base(const char* name);

  // Calls the function below `nargs` arguments on the stack within the call timeout,
  // like lua_pcall(L, nargs, nresults). The error message carries file:line.
  Status call(int nargs, int nresults);
  // The same, with a deadline shared by several calls (one evaluation runs several rules).
  Status call_until(int nargs, int nresults, std::chrono::steady_clock::time_point deadline);

  // Runs `fn(L, ud)` as a protected C call (as lua_cpcall): host code that builds Lua values
  // must not meet a memory error outside one. Errors come back as from call().
  Status protect(int (*fn)(lua_State*), void* ud);

  // True once a call tripped a limit (time, memory, stack): the state must not be reused.
  bool poisoned() const;

 private:
  Status run(int nargs, int nresults, std::chrono::steady_clock::time_point deadline,
             std::chrono::milliseconds budget);
  void build_base();

  SandboxLimits limits_;
  lua_State* L_ = nullptr;
};

// Pushes a new script environment whose reads fall back to the sandbox's allowed globals
// and whose writes raise.
void push_environment(lua_State* L);

}  // namespace guichet::lua
