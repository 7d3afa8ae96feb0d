// A sandboxed LuaJIT state: a memory cap through a counting allocator, a CPU deadline through
// an instruction-count hook (the JIT is off, so hooks always fire), and per-script
// environments that expose only what rules need.
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
  std::size_t memory_bytes = 64u << 20;
  std::chrono::milliseconds call_timeout{200};
  std::chrono::milliseconds load_timeout{1000};
  // What the host adds as plugins.<plugin>.<name> (not owned; null: an empty `plugins`).
  HostFunctions* functions = nullptr;
};

// The deadline of the script running on `L` (for C functions that wait on something).
std::chrono::steady_clock::time_point run_deadline(lua_State* L);
// Marks the running script as out of time: the error raised next cannot be caught by pcall.
void trip_deadline(lua_State* L);

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

  std::size_t memory_used() const { return alloc_.used; }

  // Allocator bookkeeping; public for the C callbacks.
  struct AllocState {
    std::size_t used = 0;
    std::size_t limit = 0;
  };
  struct Guard {
    std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
    bool tripped = false;  // the deadline passed: every further hook raises, pcall rethrows
  };

 private:
  Status run(int nargs, int nresults, std::chrono::milliseconds timeout);
  void build_base();

  SandboxLimits limits_;
  AllocState alloc_;
  Guard guard_;
  lua_State* L_ = nullptr;
};

// Pushes a new script environment whose reads fall back to the sandbox's allowed globals
// and whose writes raise.
void push_environment(lua_State* L);

}  // namespace guichet::lua
