// The limits a running script cannot escape, for the C functions that scripts call: those
// that loop check the deadline, those that call back into Lua count one level of re-entry.
// Implemented by the sandbox (sandbox.cpp), which owns the per-state books.
#pragma once

#include <chrono>
#include <cstddef>

struct lua_State;

namespace guichet::lua {

// Re-entries of C into Lua (pcall, gsub with a function, sort's comparator, __tostring
// through string.format, require...) one script call may stack up. Lua 5.2+ uses 200 for
// LUAI_MAXCCALLS; C stack use is also measured, whichever trips first.
inline constexpr int kMaxReentry = 120;
inline constexpr std::size_t kCStackBudget = 1u << 20;

// The deadline of the script running on `L` (for C functions that wait on something).
std::chrono::steady_clock::time_point run_deadline(lua_State* L);
// Marks the running script as out of time: the error raised next cannot be caught by pcall.
void trip_deadline(lua_State* L);

// Raises, uncatchably, when the running call is past its deadline (a C loop's safe point).
void check_deadline(lua_State* L);

// Holds one level of C-to-Lua re-entry; raises, uncatchably, past kMaxReentry levels or
// kCStackBudget bytes of C stack since the call began.
class ReentryGuard {
 public:
  explicit ReentryGuard(lua_State* L);
  ~ReentryGuard();
  ReentryGuard(const ReentryGuard&) = delete;
  ReentryGuard& operator=(const ReentryGuard&) = delete;

 private:
  lua_State* L_;
};

// Raises the sandbox's memory error, uncatchably (a C function that would grow past the cap
// outside Lua's allocator, e.g. gsub's result buffer).
[[noreturn]] void raise_memory(lua_State* L);
// Bytes a C function may still allocate on the script's behalf.
std::size_t memory_left(lua_State* L);

}  // namespace guichet::lua
