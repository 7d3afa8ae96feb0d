// libFuzzer target for the sandbox's script entry points. The input is Lua source text: it is
// loaded with Sandbox::load_script (the load timeout), run once more as a function in the
// environment that load gave it (the call timeout) to collect what it returns, and every
// function it returns, directly or in a returned table, is called like a rule with an answers
// table and a verdict-like `v`. Nothing may crash, every failure must be one of the sandbox's
// error codes, and no input may take more than 5 s or more memory than the sandbox allows.
//
// Only the sandbox's public surface is used: Sandbox(SandboxLimits), ok(), L(),
// load_script(name, text), call(nargs, nresults); the rest is the Lua C API.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/lua/sandbox.hpp"

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kBudget = std::chrono::seconds(5);
constexpr std::size_t kMemory = 16u << 20;
constexpr int kMaxCalls = 8;
const char* const kName = "academies/fuzz.lua";

[[noreturn]] void fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "sandbox_fuzzer : %s : %s\n", what, detail.substr(0, 400).c_str());
  std::abort();
}

// SANDBOX_FUZZER_VERBOSE=1 prints each outcome (to try one input by hand).
const bool kVerbose = std::getenv("SANDBOX_FUZZER_VERBOSE") != nullptr;

// A failure must be one of the sandbox's four codes, with a message.
void check_status(const guichet::Status& s) {
  if (kVerbose)
    std::fprintf(stderr, "sandbox_fuzzer : %s\n",
                 s.ok() ? "ok" : (std::string(guichet::to_string(s.error().code)) + " : " + s.error().message.substr(0, 200)).c_str());
  if (s.ok()) return;
  const auto& e = s.error();
  using guichet::ErrorCode;
  if (e.code != ErrorCode::script_error && e.code != ErrorCode::script_timeout && e.code != ErrorCode::script_memory &&
      e.code != ErrorCode::script_stack)
    fail("code d'erreur inattendu", std::string(guichet::to_string(e.code)) + " : " + e.message);
  if (e.message.empty()) fail("message d'erreur vide", std::string(guichet::to_string(e.code)));
}

// v:error(field, message), v:pole(code): texts only, as the engine's own.
int v_text(lua_State* L) {
  if (lua_type(L, 2) != LUA_TSTRING) return luaL_error(L, "v : un texte est attendu");
  return 0;
}

// v:piece(code [, {required = false}]): the options table is read through its metamethods.
int v_piece(lua_State* L) {
  if (lua_type(L, 2) != LUA_TSTRING) return luaL_error(L, "v:piece : un texte est attendu");
  if (lua_istable(L, 3)) {
    lua_getfield(L, 3, "required");
    lua_pop(L, 1);
  }
  return 0;
}

int v_age(lua_State* L) {
  lua_pushinteger(L, 20);
  return 1;
}

int v_nothing(lua_State* L) {
  lua_pushnil(L);
  return 1;
}

void set_string(lua_State* L, const char* key, const char* value) {
  lua_pushstring(L, value);
  lua_setfield(L, -2, key);
}

// The answers a rule reads.
void push_answers(lua_State* L) {
  lua_createtable(L, 0, 3);
  set_string(L, "speciality", "cuisine");
  set_string(L, "postal_code", "86000");
  lua_pushboolean(L, 1);
  lua_setfield(L, -2, "exemption");
}

// A `v` shaped like the engine's: context tables, methods behind a protected metatable.
void push_verdict(lua_State* L) {
  lua_createtable(L, 0, 4);
  lua_createtable(L, 0, 2);
  set_string(L, "birth_date", "2004-05-01");
  set_string(L, "nationality", "francaise");
  lua_setfield(L, -2, "identity");
  lua_createtable(L, 0, 4);
  set_string(L, "code", "testia");
  set_string(L, "name", "Académie de test");
  lua_createtable(L, 2, 0);
  lua_pushstring(L, "86");
  lua_rawseti(L, -2, 1);
  lua_pushstring(L, "2A");
  lua_rawseti(L, -2, 2);
  lua_setfield(L, -2, "departments");
  lua_setfield(L, -2, "academy");
  lua_createtable(L, 0, 3);
  set_string(L, "exam", "demo");
  set_string(L, "session", "2025");
  set_string(L, "mode", "upload");
  lua_setfield(L, -2, "session");
  set_string(L, "now", "2024-11-01 12:00:00");
  lua_createtable(L, 0, 2);  // metatable
  lua_createtable(L, 0, 6);  // methods
  const std::pair<const char*, lua_CFunction> methods[] = {{"error", v_text},   {"pole", v_text},
                                                           {"piece", v_piece},  {"age", v_age},
                                                           {"speciality", v_nothing}, {"department", v_nothing}};
  for (auto [name, fn] : methods) {
    lua_pushcfunction(L, fn);
    lua_setfield(L, -2, name);
  }
  lua_setfield(L, -2, "__index");
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_setmetatable(L, -2);
}

// Pushes (up to the budget) the functions among the values first..last and in the tables
// among them, one level deep. Raw reads only: no metamethod runs outside the sandbox's call.
int push_functions(lua_State* L, int first, int last) {
  int found = 0;
  for (int i = first; i <= last && found < kMaxCalls; ++i) {
    if (lua_isfunction(L, i)) {
      if (!lua_checkstack(L, 2)) return found;
      lua_pushvalue(L, i);
      ++found;
    } else if (lua_istable(L, i)) {
      if (!lua_checkstack(L, 4)) return found;
      lua_pushnil(L);
      while (found < kMaxCalls && lua_next(L, i)) {
        if (lua_isfunction(L, -1)) {
          lua_insert(L, -2);  // the function stays below the key
          ++found;
          if (!lua_checkstack(L, 4)) {
            lua_pop(L, 1);
            return found;
          }
        } else {
          lua_pop(L, 1);
        }
      }
      if (found >= kMaxCalls) lua_pop(L, 1);  // the key lua_next would have taken
    }
  }
  return found;
}

void run(const std::uint8_t* data, std::size_t size) {
  guichet::lua::SandboxLimits limits;
  limits.memory_bytes = kMemory;
  limits.call_timeout = std::chrono::milliseconds(50);
  limits.load_timeout = std::chrono::milliseconds(200);
  guichet::lua::Sandbox sandbox(limits);
  if (!sandbox.ok()) return;
  lua_State* L = sandbox.L();
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  // Built while the state is fresh, so no allocation here can fail outside a protected call.
  push_answers(L);
  const int answers = lua_gettop(L);
  push_verdict(L);
  const int v = lua_gettop(L);

  guichet::Status loaded = sandbox.load_script(kName, text);
  check_status(loaded);
  if (!loaded.ok()) {
    if (lua_gettop(L) != v) fail("pile déséquilibrée après un chargement refusé", std::to_string(lua_gettop(L)));
    return;
  }
  const int env = lua_gettop(L);
  if (env != v + 1 || !lua_istable(L, env)) fail("load_script n'a pas laissé l'environnement", std::to_string(env));

  // Again, as a function in that environment, to get what the chunk returns.
  std::string chunkname = std::string("@") + kName;
  if (luaL_loadbufferx(L, text.data(), text.size(), chunkname.c_str(), "t") != 0) {
    lua_settop(L, env);
    return;
  }
  lua_pushvalue(L, env);
  lua_setfenv(L, -2);
  const int first = lua_gettop(L);
  guichet::Status ran = sandbox.call(0, LUA_MULTRET);
  check_status(ran);
  if (!ran.ok()) {
    if (lua_gettop(L) != env) fail("pile déséquilibrée après un appel refusé", std::to_string(lua_gettop(L)));
    return;
  }
  const int last = lua_gettop(L);
  const int count = push_functions(L, first, last);
  const int functions = lua_gettop(L) - count + 1;
  for (int i = 0; i < count; ++i) {
    if (!lua_checkstack(L, 4)) break;
    const int top = lua_gettop(L);
    lua_pushvalue(L, functions + i);
    lua_pushvalue(L, answers);
    lua_pushvalue(L, v);
    guichet::Status called = sandbox.call(2, 0);
    check_status(called);
    if (lua_gettop(L) != top) fail("pile déséquilibrée après un appel", std::to_string(lua_gettop(L) - top));
  }
  lua_settop(L, 0);
  const std::size_t used = static_cast<std::size_t>(lua_gc(L, LUA_GCCOUNT, 0)) * 1024;
  if (used > kMemory + (1u << 20)) fail("mémoire au-delà de la limite", std::to_string(used));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto start = Clock::now();
  run(data, size);
  const auto spent = Clock::now() - start;
  if (spent > kBudget)
    fail("entrée trop lente",
         std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(spent).count()) + " ms");
  return 0;
}
