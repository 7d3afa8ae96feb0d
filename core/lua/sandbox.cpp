#include "core/lua/sandbox.hpp"

#include <cstdlib>
#include <string>

#include "core/lua/host_calls.hpp"

extern "C" {
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <luajit.h>
}

namespace guichet::lua {
namespace {

using Clock = std::chrono::steady_clock;

// The allocator's user data: both the memory books and the CPU guard, so the count hook
// can find the guard through lua_getallocf without a registry lookup.
struct Control {
  Sandbox::AllocState alloc;
  Sandbox::Guard guard;
  lua_Alloc inner = nullptr;  // LuaJIT's own allocator, which we count and delegate to
  void* inner_ud = nullptr;
};

char kBaseKey;     // registry key of the table of allowed globals
char kHandlerKey;  // registry key of the error handler (made once, not per call)

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
  if (nsize > old && c->alloc.used + (nsize - old) > c->alloc.limit) return nullptr;
  void* p = c->inner(c->inner_ud, ptr, osize, nsize);
  if (p || nsize == 0) c->alloc.used = c->alloc.used - old + nsize;
  return p;
}

std::string where(lua_State* L, int level) {
  lua_Debug ar;
  if (lua_getstack(L, level, &ar) && lua_getinfo(L, "Sl", &ar) && ar.currentline > 0)
    return std::string(ar.short_src) + ":" + std::to_string(ar.currentline) + ": ";
  return {};
}

// Fires every 1000 VM instructions. Once the deadline has passed it raises, and keeps
// raising at every tick, so a script cannot swallow the timeout in a loop of pcalls.
void count_hook(lua_State* L, lua_Debug*) {
  Control* c = control(L);
  if (!c->guard.tripped && Clock::now() < c->guard.deadline) return;
  c->guard.tripped = true;
  std::string msg = where(L, 0) + "temps d'exécution dépassé";
  lua_pushlstring(L, msg.data(), msg.size());
  lua_error(L);
}

// A pcall that cannot catch the sandbox's own aborts (timeout, memory cap).
int safe_pcall(lua_State* L) {
  luaL_checkany(L, 1);
  int status = lua_pcall(L, lua_gettop(L) - 1, LUA_MULTRET, 0);
  if (status != 0 && (status == LUA_ERRMEM || control(L)->guard.tripped)) return lua_error(L);
  lua_pushboolean(L, status == 0);
  lua_insert(L, 1);
  return lua_gettop(L);
}

int safe_xpcall(lua_State* L) {
  luaL_checktype(L, 2, LUA_TFUNCTION);
  lua_settop(L, 2);
  lua_insert(L, 1);  // handler, f
  int status = lua_pcall(L, 0, LUA_MULTRET, 1);
  if (status != 0 && (status == LUA_ERRMEM || control(L)->guard.tripped)) return lua_error(L);
  lua_pushboolean(L, status == 0);
  lua_replace(L, 1);  // the handler's slot now holds the status
  return lua_gettop(L);
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
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
  return lua_gettop(L);
}

int pure_os_date(lua_State* L) {
  if (lua_gettop(L) < 2)
    return luaL_error(L, "os.date() sans heure explicite lit l'horloge de la machine : utilisez v.now");
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

std::chrono::steady_clock::time_point run_deadline(lua_State* L) { return control(L)->guard.deadline; }
void trip_deadline(lua_State* L) { control(L)->guard.tripped = true; }

Sandbox::Sandbox(SandboxLimits limits) : limits_(limits) {
  static_assert(sizeof(Control) > 0);
  L_ = luaL_newstate();
  if (!L_) return;
  auto* c = new Control{};
  c->alloc.limit = limits_.memory_bytes;
  c->inner = lua_getallocf(L_, &c->inner_ud);
  c->alloc.used = static_cast<size_t>(lua_gc(L_, LUA_GCCOUNT, 0)) * 1024 + lua_gc(L_, LUA_GCCOUNTB, 0);
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

void Sandbox::build_base() {
  lua_State* L = L_;
  open_lib(L, luaopen_base, "");
  open_lib(L, luaopen_string, LUA_STRLIBNAME);
  open_lib(L, luaopen_table, LUA_TABLIBNAME);
  open_lib(L, luaopen_math, LUA_MATHLIBNAME);
  open_lib(L, luaopen_os, LUA_OSLIBNAME);

  // Protect the shared string metatable ("":upper() goes through it).
  lua_pushliteral(L, "");
  lua_getmetatable(L, -1);
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_pop(L, 2);

  lua_pushlightuserdata(L, &kHandlerKey);
  lua_pushcfunction(L, error_handler);
  lua_rawset(L, LUA_REGISTRYINDEX);

  lua_pushlightuserdata(L, &kBaseKey);
  lua_newtable(L);
  for (const char* name : {"assert", "error", "ipairs", "next", "pairs", "select", "tonumber",
                           "tostring", "type", "unpack", "setmetatable", "rawequal"}) {
    lua_getglobal(L, name);
    lua_setfield(L, -2, name);
  }
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
  push_copy(L, -1, {"dump"});
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
    std::string msg = lua_tostring(L, -1) ? lua_tostring(L, -1) : "erreur de chargement";
    lua_pop(L, 1);
    if (status == LUA_ERRMEM) msg = std::string(name) + ": mémoire du script dépassée";
    return Error{"script_error", msg};
  }
  push_environment(L);
  lua_pushvalue(L, -1);
  lua_insert(L, -3);  // env, chunk, env
  lua_setfenv(L, -2);
  Status s = run(0, 0, limits_.load_timeout);
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

Status Sandbox::call(int nargs, int nresults) { return run(nargs, nresults, limits_.call_timeout); }

Status Sandbox::run(int nargs, int nresults, std::chrono::milliseconds timeout) {
  lua_State* L = L_;
  Control* c = control(L);
  int base = lua_gettop(L) - nargs;  // index of the function
  lua_pushlightuserdata(L, &kHandlerKey);
  lua_rawget(L, LUA_REGISTRYINDEX);
  lua_insert(L, base);
  c->guard.deadline = Clock::now() + timeout;
  c->guard.tripped = false;
  int status = lua_pcall(L, nargs, nresults, base);
  bool tripped = c->guard.tripped;
  c->guard.deadline = Clock::time_point::max();
  c->guard.tripped = false;
  if (status == 0) {
    lua_remove(L, base);
    return Status::Ok();
  }
  std::string msg;
  if (status == LUA_ERRMEM) {
    msg = "mémoire du script dépassée (limite " + std::to_string(limits_.memory_bytes >> 20) + " Mio)";
  } else {
    const char* m = lua_tostring(L, -1);
    msg = m ? m : "erreur de script";
    if (tripped && msg.find("temps d'exécution dépassé") == std::string::npos)
      msg += " (temps d'exécution dépassé)";
    if (tripped) msg += " (limite " + std::to_string(timeout.count()) + " ms)";
  }
  lua_settop(L, base - 1);
  lua_gc(L, LUA_GCCOLLECT, 0);
  return Error{tripped ? "script_timeout" : status == LUA_ERRMEM ? "script_memory" : "script_error", msg};
}

}  // namespace guichet::lua
