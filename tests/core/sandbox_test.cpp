// Hostile scripts: every escape must fail with a located error, never crash or hang.
#include <gtest/gtest.h>

#include "core/time_format.hpp"
#include "test_sources.hpp"

namespace guichet {
namespace {

using testing::academy_script;
using testing::build;
using testing::exam_script;

// Builds a rule set whose require_pieces runs `body`, evaluates once, returns the error text
// ("" when the evaluation succeeded).
std::string run_rule(const std::string& body, lua::SandboxLimits limits = {}) {
  auto built = build({{"academies/t.lua", academy_script()}, {"exams/demo.lua", exam_script(body)}},
                     {limits, 1});
  EXPECT_TRUE(built.rules);
  EXPECT_TRUE(built.diagnostics.empty()) << (built.diagnostics.empty() ? "" : built.diagnostics[0].str());
  boost::json::object answers{{"speciality", "a"}, {"postal_code", "86000"}}, identity;
  auto at = parse_rfc3339("2024-10-20T10:00:00Z");
  auto v = built.rules->evaluate(0, "testia", "demo", "2025", *at, answers, identity);
  return v.ok() ? "" : v.error().message;
}

// Loads `top_level` as an exam file's top-level code; returns the first diagnostic.
std::string run_load(const std::string& top_level) {
  auto built = build({{"exams/bad.lua", top_level}});
  return built.diagnostics.empty() ? "" : built.diagnostics[0].str();
}

TEST(Sandbox, OsExecuteIsAbsent) {
  auto e = run_rule("os.execute('touch /tmp/guichet-pwned')");
  EXPECT_NE(e, "");
  EXPECT_NE(e.find("exams/demo.lua:"), std::string::npos) << e;
}

TEST(Sandbox, IoIsAbsent) {
  auto e = run_rule("io.open('/etc/passwd')");
  EXPECT_NE(e.find("variable globale inconnue « io »"), std::string::npos) << e;
}

TEST(Sandbox, FfiIsAbsentAndRequireReachesOnlyTheScriptsLib) {
  // require() is the scripts' own (lib/<name>.lua): Lua's modules stay out of reach.
  for (const char* module : {"ffi", "io", "os", "debug", "jit", "package", "string"})
    EXPECT_NE(run_rule(std::string("local m = require('") + module + "')").find("bibliothèque inconnue : lib/"),
              std::string::npos)
        << module;
  EXPECT_NE(run_rule("ffi.C.system('id')").find("« ffi »"), std::string::npos);
}

TEST(Sandbox, DebugAndJitAreAbsent) {
  EXPECT_NE(run_rule("debug.sethook()").find("« debug »"), std::string::npos);
  EXPECT_NE(run_rule("jit.on()").find("« jit »"), std::string::npos);
}

TEST(Sandbox, LoadersAndFenvAreAbsent) {
  for (const char* fn : {"load", "loadstring", "dofile", "loadfile", "getfenv", "setfenv", "rawset",
                         "collectgarbage", "module", "newproxy"})
    EXPECT_NE(run_rule(std::string(fn) + "('x')").find(std::string("« ") + fn + " »"), std::string::npos) << fn;
}

TEST(Sandbox, StringDumpIsAbsent) {
  EXPECT_NE(run_rule("string.dump(function() end)"), "");
}

TEST(Sandbox, BytecodeFilesAreRefused) {
  // A precompiled LuaJIT chunk starts with ESC 'L' 'J'.
  auto d = run_load(std::string("\x1bLJ\x02\x00", 5) + "garbage");
  EXPECT_NE(d, "");
  EXPECT_NE(d.find("exams/bad.lua"), std::string::npos) << d;
}

TEST(Sandbox, GlobalsAreReadOnly) {
  auto e = run_rule("x = 1");
  EXPECT_NE(e.find("interdite"), std::string::npos) << e;
  EXPECT_NE(e.find("exams/demo.lua:9"), std::string::npos) << e;
}

TEST(Sandbox, StringMetatableIsOutOfReach) {
  EXPECT_EQ(run_rule("assert(getmetatable('') == nil)"), "");
}

TEST(Sandbox, InfiniteLoopIsStoppedWithItsLine) {
  lua::SandboxLimits limits;
  limits.call_timeout = std::chrono::milliseconds(50);
  auto e = run_rule("while true do end", limits);
  EXPECT_NE(e.find("temps d'exécution dépassé"), std::string::npos) << e;
  EXPECT_NE(e.find("exams/demo.lua:9"), std::string::npos) << e;
}

TEST(Sandbox, PcallCannotSwallowTheTimeout) {
  lua::SandboxLimits limits;
  limits.call_timeout = std::chrono::milliseconds(50);
  auto e = run_rule("while true do pcall(function() while true do end end) end", limits);
  EXPECT_NE(e.find("temps d'exécution dépassé"), std::string::npos) << e;
}

TEST(Sandbox, LoopThatWouldBeJitCompiledIsStoppedToo) {
  lua::SandboxLimits limits;
  limits.call_timeout = std::chrono::milliseconds(50);
  auto e = run_rule("local x = 0 for i = 1, 1e15 do x = x + i % 7 end", limits);
  EXPECT_NE(e.find("temps d'exécution dépassé"), std::string::npos) << e;
}

TEST(Sandbox, InfiniteLoopAtLoadIsStopped) {
  auto d = run_load("while true do end");
  EXPECT_NE(d.find("temps d'exécution dépassé"), std::string::npos) << d;
}

TEST(Sandbox, MemoryBombIsCapped) {
  lua::SandboxLimits limits;
  limits.memory_bytes = 16u << 20;
  limits.call_timeout = std::chrono::seconds(10);  // memory, not time, must stop it (loaded CI)
  auto e = run_rule("local t = {} for i = 1, 1e9 do t[i] = string.rep('x', 1000) .. i end", limits);
  EXPECT_NE(e.find("mémoire"), std::string::npos) << e;
}

TEST(Sandbox, HugeStringIsCapped) {
  lua::SandboxLimits limits;
  limits.memory_bytes = 16u << 20;
  auto e = run_rule("local s = string.rep('x', 1e9)", limits);
  EXPECT_NE(e.find("mémoire"), std::string::npos) << e;
}

TEST(Sandbox, PcallCannotSwallowTheMemoryCap) {
  lua::SandboxLimits limits;
  limits.memory_bytes = 16u << 20;
  auto e = run_rule("while true do pcall(string.rep, 'x', 1e9) end", limits);
  EXPECT_NE(e, "");
}

TEST(Sandbox, EngineStaysUsableAfterAnAbort) {
  lua::SandboxLimits limits;
  limits.call_timeout = std::chrono::milliseconds(30);
  auto built = build({{"academies/t.lua", academy_script()},
                      {"exams/demo.lua", exam_script("if a.n == 1 then while true do end end v:piece('id')")}},
                     {limits, 1});
  ASSERT_TRUE(built.rules);
  auto at = parse_rfc3339("2024-10-20T10:00:00Z");
  boost::json::object identity, loop{{"speciality", "a"}, {"postal_code", "86000"}, {"n", 1}},
      fine{{"speciality", "a"}, {"postal_code", "86000"}, {"n", 2}};
  EXPECT_FALSE(built.rules->evaluate(0, "testia", "demo", "2025", *at, loop, identity).ok());
  auto v = built.rules->evaluate(0, "testia", "demo", "2025", *at, fine, identity);
  ASSERT_TRUE(v.ok()) << v.error().message;
  ASSERT_EQ(v->pieces.size(), 1u);
  EXPECT_EQ(v->pieces[0].code, "id");
}

TEST(Sandbox, ScriptErrorsCarryFileAndLine) {
  auto e = run_rule("local t = nil\n    return t.x");
  EXPECT_NE(e.find("exams/demo.lua:10"), std::string::npos) << e;
}

TEST(Sandbox, LibraryChangesStayInTheirOwnScript) {
  // One script replacing string.upper must not change what another script sees.
  auto built = build({{"academies/t.lua", "string.upper = nil\n" + academy_script()},
                      {"exams/demo.lua", exam_script("assert(string.upper('a') == 'A') v:piece('id')")}});
  ASSERT_TRUE(built.rules);
  EXPECT_TRUE(built.diagnostics.empty());
  boost::json::object answers{{"speciality", "a"}, {"postal_code", "86000"}}, identity;
  auto v = built.rules->evaluate(0, "testia", "demo", "2025", *parse_rfc3339("2024-10-20T10:00:00Z"), answers, identity);
  EXPECT_TRUE(v.ok()) << v.error().message;
}

}  // namespace
}  // namespace guichet

namespace guichet {
namespace {

TEST(Sandbox, MachineClockIsOutOfReachButPureTimeFunctionsWork) {
  EXPECT_NE(run_rule("local t = os.time()").find("utilisez v.now"), std::string::npos);
  EXPECT_NE(run_rule("local d = os.date('%Y')").find("utilisez v.now"), std::string::npos);
  EXPECT_EQ(run_rule("assert(os.time({year = 2024, month = 1, day = 2, hour = 12}) > 0) v:piece('id')"), "");
}

TEST(Sandbox, UnknownVerdictMethodsGetAFrenchError) {
  auto e = run_rule("v:peice('id')");
  EXPECT_NE(e.find("v.peice n'existe pas"), std::string::npos) << e;
  EXPECT_NE(e.find("exams/demo.lua:9"), std::string::npos) << e;
}

}  // namespace
}  // namespace guichet
