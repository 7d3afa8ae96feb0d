#include "core/lua/sandbox.hpp"

#include "core/lua/french_messages.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <string>

#include "core/lua/call_watch.hpp"
#include "core/lua/host_calls.hpp"
#include "core/lua/limits.hpp"
#include "core/lua/patterns.hpp"
#include "core/lua/read_only.hpp"

extern "C" {
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <luajit.h>
}

namespace guichet::lua {
namespace {

using Clock = std::chrono::steady_clock;

// Why a call stopped for good: a limit, not an ordinary script error.
enum class Trip : unsigned char { none, time, memory, stack };

// The allocator's user data: the memory books and the call's guard, so the count hook and
// every builtin find them through lua_getallocf without a registry lookup.
struct Control {
  std::size_t used = 0;
  std::size_t limit = 0;
  lua_Alloc inner = nullptr;  // LuaJIT's own allocator, which we count and delegate to
  void* inner_ud = nullptr;
  Clock::time_point deadline = Clock::time_point::max();
  Trip trip = Trip::none;       // set: every further hook raises, every pcall rethrows
  bool poisoned = false;        // some call tripped: the state is not to be reused
  int active = 0;               // protected entries in progress (the cap binds only inside)
  int reentry = 0;              // C-to-Lua re-entries stacked by the running call
  std::uintptr_t stack_base = 0;  // C stack address when the outermost call began
};

char kBaseKey;     // registry key of the table of allowed globals
char kHandlerKey;  // registry key of the error handler (made once, not per call)
char kTrampolineKey;  // registry key of protect()'s trampoline

// protect()'s C function: (fn, ud) -> fn(L) with ud at index 1, as lua_cpcall would call it.
int trampoline(lua_State* L) {
  auto fn = reinterpret_cast<int (*)(lua_State*)>(lua_touserdata(L, 1));
  lua_remove(L, 1);
  return fn(L);
}

Control* control(lua_State* L) {
  void* ud = nullptr;
  lua_getallocf(L, &ud);
  return static_cast<Control*>(ud);
}

// Counting allocator (as Tarantool caps a VM): refuses growth past the limit, so the
// script gets a memory error instead of the process running out. It wraps LuaJIT's own
// allocator (faster than malloc for many small objects) rather than replacing it.
void* counting_alloc(void* ud, void* ptr, size_t osize, size_t nsize) {
  auto* c = static_cast<Control*>(ud);
  size_t old = ptr ? osize : 0;
  // The cap binds while the state runs a protected call: the host's own small pushes
  // between calls never fail, and a failure inside one comes back as an error value.
  if (nsize > old && c->active > 0 && c->used + (nsize - old) > c->limit) {
    c->trip = Trip::memory;  // a pcall inside the script must not swallow it
    return nullptr;
  }
  void* p = c->inner(c->inner_ud, ptr, osize, nsize);
  if (p || nsize == 0) c->used = c->used - old + nsize;
  return p;
}

std::string where(lua_State* L, int level) {
  lua_Debug ar;
  if (lua_getstack(L, level, &ar) && lua_getinfo(L, "Sl", &ar) && ar.currentline > 0)
    return std::string(ar.short_src) + ":" + std::to_string(ar.currentline) + ": ";
  return {};
}

const char* trip_message(Trip t) {
  switch (t) {
    case Trip::time: return "temps d'exécution dépassé";
    case Trip::memory: return "mémoire du script dépassée";
    case Trip::stack: return "pile d'appels trop profonde";
    case Trip::none: break;
  }
  return "erreur de script";
}

[[noreturn]] void raise_trip(lua_State* L, Trip t, int level) {
  Control* c = control(L);
  if (c->trip == Trip::none) c->trip = t;
  std::string msg = where(L, level) + trip_message(t);
  lua_pushlstring(L, msg.data(), msg.size());
  lua_error(L);
  __builtin_unreachable();
}

std::size_t stack_used(const Control* c) {
  char probe;
  auto here = reinterpret_cast<std::uintptr_t>(&probe);
  return c->stack_base > here ? c->stack_base - here : 0;
}

// Fires every 1000 VM instructions. Once a limit has tripped it raises, and keeps raising
// at every tick, so a script cannot swallow the stop in a loop of pcalls. It also measures
// the C stack, a backstop for any re-entry path a builtin's guard would not see.
void count_hook(lua_State* L, lua_Debug*) {
  Control* c = control(L);
  if (c->trip != Trip::none) raise_trip(L, c->trip, 0);
  if (Clock::now() >= c->deadline) raise_trip(L, Trip::time, 0);
  if (stack_used(c) > kCStackBudget) raise_trip(L, Trip::stack, 0);
}

// LuaJIT's own "stack overflow" (Lua stack, deep recursion) is a limit like the others.
constexpr std::string_view kOverflow = "stack overflow";

bool ends_with_overflow(std::string_view m) {
  return m.size() >= kOverflow.size() && m.substr(m.size() - kOverflow.size()) == kOverflow;
}

// Records which limit a failed protected call hit, if any (a memory error, LuaJIT's own
// "stack overflow", or a trip already set), and returns it.
Trip note_limit(lua_State* L, int status) {
  Control* c = control(L);
  if (status == LUA_ERRMEM && c->trip == Trip::none) c->trip = Trip::memory;
  size_t n = 0;
  const char* m = status != 0 && lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &n) : nullptr;
  if (c->trip == Trip::none && m && ends_with_overflow({m, n})) c->trip = Trip::stack;
  return c->trip;
}

// After a failed protected call inside the script: a limit goes on up, never caught.
void rethrow_limits(lua_State* L, int status) {
  if (note_limit(L, status) != Trip::none) lua_error(L);
}

// A pcall that cannot catch the sandbox's own stops (time, memory, stack).
int safe_pcall(lua_State* L) {
  luaL_checkany(L, 1);
  ReentryGuard guard(L);
  int status = lua_pcall(L, lua_gettop(L) - 1, LUA_MULTRET, 0);
  if (status != 0) rethrow_limits(L, status);
  lua_pushboolean(L, status == 0);
  lua_insert(L, 1);
  return lua_gettop(L);
}

// xpcall(f, handler, ...): the handler runs after the stack has unwound, as ordinary code
// under the hook. LuaJIT runs a message handler inside the raising hook, where hooks are off,
// so a handler that loops would escape the deadline; scripts have no traceback to lose.
int safe_xpcall(lua_State* L) {
  luaL_checktype(L, 2, LUA_TFUNCTION);
  ReentryGuard guard(L);
  int n = lua_gettop(L);
  lua_pushvalue(L, 1);
  for (int i = 3; i <= n; ++i) lua_pushvalue(L, i);
  int status = lua_pcall(L, n - 2, LUA_MULTRET, 0);
  if (status == 0) {
    lua_pushboolean(L, 1);
    lua_replace(L, n);  // results follow slot n
    return lua_gettop(L) - n + 1;
  }
  rethrow_limits(L, status);
  lua_pushvalue(L, 2);
  lua_insert(L, -2);  // handler, error
  status = lua_pcall(L, 1, 1, 0);
  if (status != 0) rethrow_limits(L, status);
  lua_pushboolean(L, 0);
  lua_insert(L, -2);
  return 2;
}

// Calls the C function in upvalue 1 with one level of re-entry held: for builtins that can
// call back into Lua (table.sort's comparator and __lt, string.format's __tostring, os.time's
// fields' __index).
int reentrant_builtin(lua_State* L) {
  ReentryGuard guard(L);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
  return lua_gettop(L);
}

// table.sort runs in C: beyond this size its comparisons alone could outlast the deadline.
constexpr std::size_t kMaxSort = 100000;

int bounded_sort(lua_State* L) {
  if (lua_type(L, 1) == LUA_TTABLE && lua_objlen(L, 1) > kMaxSort)
    return luaL_error(L, "table.sort : au plus %d éléments", static_cast<int>(kMaxSort));
  return reentrant_builtin(L);
}

// getmetatable on tables only: the string metatable stays out of reach.
int safe_getmetatable(lua_State* L) {
  if (lua_type(L, 1) != LUA_TTABLE) {
    lua_pushnil(L);
    return 1;
  }
  if (!lua_getmetatable(L, 1)) {
    lua_pushnil(L);
    return 1;
  }
  lua_getfield(L, -1, "__metatable");
  if (!lua_isnil(L, -1)) return 1;
  lua_pop(L, 1);
  return 1;
}

// os.time() and os.date() read the machine's clock, which is not the evaluation instant
// (simulated time, test cases): only their pure forms, with an explicit time, are allowed.
int pure_os_time(lua_State* L) {
  if (lua_gettop(L) == 0)
    return luaL_error(L, "os.time() sans argument lit l'horloge de la machine : utilisez v.now");
  ReentryGuard guard(L);  // the table's fields are read through __index
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
  return lua_gettop(L);
}

int pure_os_date(lua_State* L) {
  if (lua_gettop(L) < 2)
    return luaL_error(L, "os.date() sans heure explicite lit l'horloge de la machine : utilisez v.now");
  // Each conversion is a strftime call in C: a long format would outlast the deadline.
  size_t n = 0;
  if (lua_type(L, 1) == LUA_TSTRING && (lua_tolstring(L, 1, &n), n > 256))
    return luaL_error(L, "os.date() : format trop long (256 caractères au plus)");
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
  return lua_gettop(L);
}

int env_newindex(lua_State* L) {
  const char* k = lua_tostring(L, 2);
  return luaL_error(L, "variable globale « %s » interdite : déclarez-la avec « local »", k ? k : "?");
}

int env_index(lua_State* L) {
  lua_pushlightuserdata(L, &kBaseKey);
  lua_rawget(L, LUA_REGISTRYINDEX);
  lua_pushvalue(L, 2);
  lua_rawget(L, -2);
  if (!lua_isnil(L, -1)) return 1;
  const char* k = lua_tostring(L, 2);
  return luaL_error(L, "variable globale inconnue « %s »", k ? k : "?");
}

int error_handler(lua_State* L) {
  if (lua_type(L, 1) == LUA_TSTRING) return 1;
  std::string msg = where(L, 1) + "erreur de script (valeur d'erreur non textuelle)";
  lua_pushlstring(L, msg.data(), msg.size());
  return 1;
}

// Copies the fields of the table at `src` except those named in `skip` into a new table.
void push_copy(lua_State* L, int src, std::initializer_list<const char*> skip) {
  src = src < 0 ? lua_gettop(L) + src + 1 : src;
  lua_newtable(L);
  lua_pushnil(L);
  while (lua_next(L, src)) {
    bool skipped = false;
    if (lua_type(L, -2) == LUA_TSTRING)
      for (const char* s : skip)
        if (std::string(lua_tostring(L, -2)) == s) skipped = true;
    if (skipped) {
      lua_pop(L, 1);
      continue;
    }
    lua_pushvalue(L, -2);
    lua_insert(L, -2);
    lua_rawset(L, -4);
  }
}

void open_lib(lua_State* L, lua_CFunction open, const char* name) {
  lua_pushcfunction(L, open);
  lua_pushstring(L, name);
  lua_call(L, 1, 0);
}

}  // namespace

std::chrono::steady_clock::time_point run_deadline(lua_State* L) { return control(L)->deadline; }
void trip_deadline(lua_State* L) {
  Control* c = control(L);
  if (c->trip == Trip::none) c->trip = Trip::time;
}

void check_deadline(lua_State* L) {
  Control* c = control(L);
  if (c->trip != Trip::none) raise_trip(L, c->trip, 1);
  if (Clock::now() >= c->deadline) raise_trip(L, Trip::time, 1);
}

ReentryGuard::ReentryGuard(lua_State* L) : L_(L) {
  Control* c = control(L);
  if (c->reentry >= kMaxReentry || stack_used(c) > kCStackBudget) raise_trip(L, Trip::stack, 1);
  ++c->reentry;
}

ReentryGuard::~ReentryGuard() { --control(L_)->reentry; }

void raise_memory(lua_State* L) { raise_trip(L, Trip::memory, 1); }

std::size_t memory_left(lua_State* L) {
  const Control* c = control(L);
  return c->limit > c->used ? c->limit - c->used : 0;
}

Sandbox::Sandbox(SandboxLimits limits) : limits_(limits) {
  L_ = luaL_newstate();
  if (!L_) return;
  auto* c = new Control{};
  c->limit = limits_.memory_bytes;
  c->inner = lua_getallocf(L_, &c->inner_ud);
  c->used = static_cast<size_t>(lua_gc(L_, LUA_GCCOUNT, 0)) * 1024 + lua_gc(L_, LUA_GCCOUNTB, 0);
  lua_setallocf(L_, counting_alloc, c);
  // Hooks do not fire inside JIT-compiled traces: the JIT stays off for untrusted code.
  luaJIT_setmode(L_, 0, LUAJIT_MODE_ENGINE | LUAJIT_MODE_OFF);
  lua_sethook(L_, count_hook, LUA_MASKCOUNT, 1000);
  build_base();
}

Sandbox::~Sandbox() {
  if (!L_) return;
  Control* c = control(L_);
  lua_close(L_);
  delete c;
}

bool Sandbox::poisoned() const { return L_ && control(L_)->poisoned; }

namespace {

// Replaces lib[name] (the table on top) by `fn` with the original as its upvalue 1.
void wrap_field(lua_State* L, const char* name, lua_CFunction fn) {
  lua_getfield(L, -1, name);
  lua_pushcclosure(L, fn, 1);
  lua_setfield(L, -2, name);
}

}  // namespace

void Sandbox::build_base() {
  lua_State* L = L_;
  open_lib(L, luaopen_base, "");
  open_lib(L, luaopen_string, LUA_STRLIBNAME);
  open_lib(L, luaopen_table, LUA_TABLIBNAME);
  open_lib(L, luaopen_math, LUA_MATHLIBNAME);
  open_lib(L, luaopen_os, LUA_OSLIBNAME);

  // The string library itself is changed, not a copy: ("").dump and ("x"):find go through
  // the string metatable to this very table. No bytecode out; patterns that count their
  // steps; string.format holds a re-entry level (it calls __tostring).
  lua_getglobal(L, "string");
  lua_pushnil(L);
  lua_setfield(L, -2, "dump");
  install_patterns(L);
  wrap_field(L, "format", reentrant_builtin);
  lua_pop(L, 1);
  lua_getglobal(L, "table");
  wrap_field(L, "sort", bounded_sort);
  lua_pop(L, 1);

  // Protect the shared string metatable ("":upper() goes through it).
  lua_pushliteral(L, "");
  lua_getmetatable(L, -1);
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_pop(L, 2);

  lua_pushlightuserdata(L, &kHandlerKey);
  lua_pushcfunction(L, error_handler);
  lua_rawset(L, LUA_REGISTRYINDEX);
  lua_pushlightuserdata(L, &kTrampolineKey);
  lua_pushcfunction(L, trampoline);
  lua_rawset(L, LUA_REGISTRYINDEX);

  lua_pushlightuserdata(L, &kBaseKey);
  lua_newtable(L);
  for (const char* name : {"assert", "error", "ipairs", "next", "pairs", "select", "tonumber",
                           "tostring", "type", "unpack", "setmetatable", "rawequal"}) {
    lua_getglobal(L, name);
    lua_setfield(L, -2, name);
  }
  install_read_only_builtins(L);  // type, pairs, ipairs, next, unpack see through frozen views
  lua_pushcfunction(L, safe_pcall);
  lua_setfield(L, -2, "pcall");
  lua_pushcfunction(L, safe_xpcall);
  lua_setfield(L, -2, "xpcall");
  lua_pushcfunction(L, safe_getmetatable);
  lua_setfield(L, -2, "getmetatable");
  push_host_functions(L, limits_.functions);
  lua_setfield(L, -2, "plugins");
  lua_rawset(L, LUA_REGISTRYINDEX);

  // The host's own globals are not reachable from scripts (their env is separate), but
  // drop the dangerous ones anyway so a future mistake cannot expose them.
  for (const char* name : {"dofile", "loadfile", "load", "loadstring", "require", "module",
                           "package", "io", "debug", "ffi", "jit", "collectgarbage", "setfenv",
                           "getfenv", "rawset", "rawget", "newproxy", "print", "gcinfo"}) {
    lua_pushnil(L);
    lua_setglobal(L, name);
  }
}

void push_environment(lua_State* L) {
  lua_newtable(L);  // env
  // Fresh copies of the libraries: a script that changes string.x changes only its own.
  lua_getglobal(L, "string");
  push_copy(L, -1, {});
  lua_setfield(L, -3, "string");
  lua_pop(L, 1);
  lua_getglobal(L, "table");
  push_copy(L, -1, {});
  lua_setfield(L, -3, "table");
  lua_pop(L, 1);
  lua_getglobal(L, "math");
  push_copy(L, -1, {"random", "randomseed"});  // verdicts must be deterministic
  lua_setfield(L, -3, "math");
  lua_pop(L, 1);
  lua_getglobal(L, "os");
  lua_newtable(L);
  lua_getfield(L, -2, "difftime");
  lua_setfield(L, -2, "difftime");
  lua_getfield(L, -2, "time");
  lua_pushcclosure(L, pure_os_time, 1);
  lua_setfield(L, -2, "time");
  lua_getfield(L, -2, "date");
  lua_pushcclosure(L, pure_os_date, 1);
  lua_setfield(L, -2, "date");
  lua_setfield(L, -3, "os");
  lua_pop(L, 1);

  lua_newtable(L);  // metatable
  lua_pushcfunction(L, env_index);
  lua_setfield(L, -2, "__index");
  lua_pushcfunction(L, env_newindex);
  lua_setfield(L, -2, "__newindex");
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_setmetatable(L, -2);
}

Status Sandbox::load_script(std::string_view name, std::string_view text) {
  lua_State* L = L_;
  std::string chunkname = "@" + std::string(name);
  int status = luaL_loadbufferx(L, text.data(), text.size(), chunkname.c_str(), "t");
  if (status != 0) {
    std::string msg = lua_tostring(L, -1) ? in_french(lua_tostring(L, -1)) : "erreur de chargement";
    lua_pop(L, 1);
    if (status == LUA_ERRMEM) msg = std::string(name) + ": mémoire du script dépassée";
    return Error{ErrorCode::script_error, msg};
  }
  push_environment(L);
  lua_pushvalue(L, -1);
  lua_insert(L, -3);  // env, chunk, env
  lua_setfenv(L, -2);
  Status s = run(0, 0, Clock::now() + limits_.load_timeout, limits_.load_timeout);
  if (s.ok()) return s;
  lua_pop(L, 1);  // env
  // Timeouts and memory errors may carry no position: name the file at least.
  if (s.error().message.find(std::string(name)) == std::string::npos)
    return Error{s.error().code, std::string(name) + ": " + s.error().message};
  return s;
}

void Sandbox::set_base(const char* name) {
  lua_pushlightuserdata(L_, &kBaseKey);
  lua_rawget(L_, LUA_REGISTRYINDEX);
  lua_insert(L_, -2);
  lua_setfield(L_, -2, name);
  lua_pop(L_, 1);
}

Status Sandbox::call(int nargs, int nresults) {
  return run(nargs, nresults, Clock::now() + limits_.call_timeout, limits_.call_timeout);
}

Status Sandbox::call_until(int nargs, int nresults, Clock::time_point deadline) {
  return run(nargs, nresults, deadline, limits_.call_timeout);
}

namespace {

// The books of one protected entry into the state. The outermost one starts the count of
// re-entries and C stack, and clears the previous call's trip; nested ones (a rule called
// inside a protected evaluation) only narrow the deadline.
class CallScope {
 public:
  CallScope(Control* c, Clock::time_point deadline)
      : c_(c), saved_deadline_(c->deadline), outer_(c->active == 0) {
    if (outer_) {
      call_started();
      c->trip = Trip::none;
      c->reentry = 0;
      char probe;
      c->stack_base = reinterpret_cast<std::uintptr_t>(&probe);
    }
    c->deadline = std::min(deadline, saved_deadline_);
    ++c->active;
  }
  ~CallScope() {
    --c_->active;
    c_->deadline = saved_deadline_;
    if (outer_) call_finished();
  }
  // The limit that stopped the call, if any; the state is then poisoned for good.
  Trip finish(lua_State* L, int status) {
    Trip t = note_limit(L, status);
    if (t != Trip::none) c_->poisoned = true;
    return t;
  }

 private:
  Control* c_;
  Clock::time_point saved_deadline_;
  bool outer_;
};

// An error value as the person reading the log needs it: text, bounded, in French for limits.
Error describe_failure(lua_State* L, Trip trip, std::size_t memory_limit, std::chrono::milliseconds budget) {
  std::string msg;
  if (trip == Trip::memory) {
    msg = "mémoire du script dépassée (limite " + std::to_string(memory_limit >> 20) + " Mio)";
  } else {
    size_t n = 0;
    const char* m = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &n) : nullptr;
    msg = m ? std::string(m, std::min<size_t>(n, 1000)) : "erreur de script (valeur d'erreur non textuelle)";
    if (n > 1000) msg += "…";
    if (trip == Trip::none) msg = in_french(msg);
    // LuaJIT's own "file:line: stack overflow" keeps its place, in French.
    if (trip == Trip::stack && ends_with_overflow(msg))
      msg = msg.substr(0, msg.size() - kOverflow.size()) + trip_message(trip);
    else if (trip != Trip::none && msg.find(trip_message(trip)) == std::string::npos)
      msg += std::string(" (") + trip_message(trip) + ")";
    if (trip == Trip::time) msg += " (limite " + std::to_string(budget.count()) + " ms)";
  }
  const ErrorCode code = trip == Trip::time     ? ErrorCode::script_timeout
                        : trip == Trip::memory ? ErrorCode::script_memory
                        : trip == Trip::stack  ? ErrorCode::script_stack
                                               : ErrorCode::script_error;
  return Error{code, msg};
}

}  // namespace

Status Sandbox::run(int nargs, int nresults, Clock::time_point deadline, std::chrono::milliseconds budget) {
  lua_State* L = L_;
  Control* c = control(L);
  int base = lua_gettop(L) - nargs;  // index of the function
  lua_pushlightuserdata(L, &kHandlerKey);
  lua_rawget(L, LUA_REGISTRYINDEX);
  lua_insert(L, base);
  CallScope scope(c, deadline);
  int status = lua_pcall(L, nargs, nresults, base);
  Trip trip = scope.finish(L, status);
  if (status == 0) {
    lua_remove(L, base);
    return Status::Ok();
  }
  Error e = describe_failure(L, trip, limits_.memory_bytes, budget);
  lua_settop(L, base - 1);
  return e;
}

Status Sandbox::protect(int (*fn)(lua_State*), void* ud) {
  lua_State* L = L_;
  Control* c = control(L);
  int top = lua_gettop(L);
  CallScope scope(c, Clock::time_point::max());
  // lua_cpcall makes a new C function object per call: a trampoline made once does the same
  // without allocating on every evaluation.
  lua_pushlightuserdata(L, &kTrampolineKey);
  lua_rawget(L, LUA_REGISTRYINDEX);
  lua_pushlightuserdata(L, reinterpret_cast<void*>(fn));
  lua_pushlightuserdata(L, ud);
  int status = lua_pcall(L, 2, 0, 0);
  Trip trip = scope.finish(L, status);
  if (status == 0) return Status::Ok();
  Error e = describe_failure(L, trip, limits_.memory_bytes, limits_.call_timeout);
  lua_settop(L, top);
  return e;
}

}  // namespace guichet::lua
