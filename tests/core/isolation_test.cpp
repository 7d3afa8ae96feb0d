// The sandbox's limits that a script cannot escape, and académies that cannot touch each
// other: each test failed (crash, hang, shared state) before the isolation work.
#include <gtest/gtest.h>

#include <chrono>
#include <optional>

#include "core/script_faults.hpp"
#include "core/time_format.hpp"
#include "test_sources.hpp"

namespace guichet {
namespace {

using testing::academy_script;
using testing::build;
using testing::exam_script;
using Clock = std::chrono::steady_clock;

const boost::json::object kAnswers{{"speciality", "a"}, {"postal_code", "86000"}};

Seconds at() { return *parse_rfc3339("2024-10-20T10:00:00Z"); }

// The outcome of one evaluation: success, or the error's code and message.
struct Outcome {
  bool ok = false;
  ErrorCode code = ErrorCode::internal_error;
  std::string message;
};

// Evaluates `body` (require_pieces) once.
Outcome run(const std::string& body, lua::SandboxLimits limits = {}) {
  auto built = build({{"academies/t.lua", academy_script()}, {"exams/demo.lua", exam_script(body)}}, {limits, 1});
  EXPECT_TRUE(built.rules);
  EXPECT_TRUE(built.diagnostics.empty()) << (built.diagnostics.empty() ? "" : built.diagnostics[0].str());
  boost::json::object identity;
  auto v = built.rules->evaluate(0, "testia", "demo", "2025", at(), kAnswers, identity);
  if (v.ok()) return {true, ErrorCode::internal_error, ""};
  return {false, v.error().code, v.error().message};
}

lua::SandboxLimits fast() {
  lua::SandboxLimits l;
  l.call_timeout = std::chrono::milliseconds(100);
  return l;
}

TEST(Isolation, CStackRecursionThroughGsubIsStoppedNotACrash) {
  auto e = run("local function f(s) return (string.gsub(s, '.', f)) end f('ab')");
  EXPECT_EQ(e.code, ErrorCode::script_stack) << e.message;
  EXPECT_NE(e.message.find("pile d'appels trop profonde"), std::string::npos) << e.message;
}

TEST(Isolation, CStackRecursionThroughSortFormatAndPcallIsStopped) {
  for (const char* body : {
           "local function f(a, b) table.sort({3, 2, 1}, f) return a < b end table.sort({3, 2, 1}, f)",
           "local m = {} m.__tostring = function(t) return string.format('%s', t) end "
           "local x = string.format('%s', setmetatable({}, m))",
           "local function f() return pcall(f) end f()",
           "local function f() return xpcall(f, f) end f()",
           "local m = {} m.__lt = function(a, b) table.sort({setmetatable({}, m), setmetatable({}, m)}) return true end "
           "table.sort({setmetatable({}, m), setmetatable({}, m)})",
           "local function r() return 1 + r() end local ok = pcall(r)",
       }) {
    auto e = run(body);
    EXPECT_EQ(e.code, ErrorCode::script_stack) << body << " -> " << e.message;
  }
}

TEST(Isolation, AnErrorHandlerThatLoopsIsStopped) {
  auto t0 = Clock::now();
  auto e = run("xpcall(function() while true do end end, function(e) while true do end end)", fast());
  EXPECT_EQ(e.code, ErrorCode::script_timeout) << e.message;
  EXPECT_LT(Clock::now() - t0, std::chrono::seconds(5));
}

TEST(Isolation, BacktrackingPatternsCountAgainstTheDeadline) {
  for (const char* body : {"local x = string.rep('a', 3000):find('.-.-.-b')",
                           "local x = string.rep('a', 3000):match('(.-)(.-)(.-)b')",
                           "local x = string.rep('(', 100000):find('%b()')",
                           "for w in string.rep('a', 5000):gmatch('.-.-b') do end",
                           "local x = string.rep('a', 3000):gsub('.-.-b', 'x')"}) {
    auto t0 = Clock::now();
    auto e = run(body, fast());
    EXPECT_EQ(e.code, ErrorCode::script_timeout) << body << " -> " << e.message;
    EXPECT_LT(Clock::now() - t0, std::chrono::seconds(5)) << body;
  }
}

TEST(Isolation, PatternsKeepLuaSemantics) {
  auto e = run("assert(('hello world'):find('o w') == 5)"
                "local s, e, c = ('key = value'):find('(%w+)%s*=') assert(s == 1 and e == 5 and c == 'key')"
                "assert(('86000'):match('^%d%d%d%d%d$') == '86000')"
                "assert(('8600'):match('^%d%d%d%d%d$') == nil)"
                "assert(('THE (quick) fox'):find('%((%a+)%)') == 5)"
                "assert(('f(a(b)c)d'):match('%b()') == '(a(b)c)')"
                "assert(('THE quick'):gsub('%f[%a]%a+', 'w') == 'w w')"
                "assert(('abc'):gsub('', '-') == '-a-b-c-')"
                "assert(('hello'):gsub('l', {l = 'L'}) == 'heLLo')"
                "assert(('hello'):gsub('(h)(e)', function(a, b) return b .. a end) == 'ehllo')"
                "assert(('abc'):gsub('%w', '%0%0', 2) == 'aabbc')"
                "local n = 0 for k, v in ('a=1, b=2'):gmatch('(%w+)=(%w+)') do n = n + tonumber(v) end assert(n == 3)"
                "assert(('abc'):find('b', -2) == 2)"
                "assert(('a.b'):find('.', 1, true) == 2)"
                "assert(('x'):match('()') == 1)"
                "assert(('aaa'):match('^(a-)a$') == 'aa')"
                "assert(select(2, ('a b c'):gsub(' ', '')) == 2)"
                "v:piece('id')");
  EXPECT_TRUE(e.ok) << e.message;
}

TEST(Isolation, AMemoryErrorInsidePcallIsAMemoryFaultInFrench) {
  auto e = run("local ok, err = pcall(function() local s = 'x' while true do s = s .. s end end) "
               "error('caught: ' .. tostring(err))");
  EXPECT_EQ(e.code, ErrorCode::script_memory) << e.message;
  EXPECT_NE(e.message.find("mémoire du script dépassée"), std::string::npos) << e.message;
}

TEST(Isolation, HugeErrorMessagesAreCut) {
  auto e = run("error(string.rep('x', 1024 * 1024))");
  EXPECT_EQ(e.code, ErrorCode::script_error);
  EXPECT_LT(e.message.size(), 2000u);
}

TEST(Isolation, BytecodeIsUnreachable) {
  EXPECT_TRUE(run("assert(('').dump == nil) assert(string.dump == nil) v:piece('id')").ok);
}

TEST(Isolation, TheContextIsReadOnly) {
  for (const char* body : {"table.insert(v.academy.departments, '75')", "v.academy.departments[1] = '75'",
                           "v.academy.code = 'x'", "v.identity.birth_date = '1900-01-01'",
                           "v.session.session = '1999'", "v.academy.poles[1].phones[1] = '0'",
                           "rawset(v.academy, 'x', 1)"}) {
    auto e = run(body);
    EXPECT_EQ(e.code, ErrorCode::script_error) << body;
  }
  // ...and reads as before: fields, #, ipairs, pairs, next, unpack, type.
  EXPECT_TRUE(run("assert(v.academy.code == 'testia') assert(#v.academy.departments == 1)"
                "for i, d in ipairs(v.academy.departments) do assert(i == 1 and d == '86') end "
                "local n = 0 for k in pairs(v.academy) do n = n + 1 end assert(n == 5)"
                "assert(next(v.academy.departments) == 1) assert(unpack(v.academy.departments) == '86')"
                "assert(type(v.academy) == 'table') assert(type(v.academy.poles[1]) == 'table')"
                "assert(v.academy.poles[1].phones[1] == '01') assert(v.session.exam == 'demo')"
                "v:piece('id')")
                  .ok);
}

TEST(Isolation, VerdictsDoNotDependOnHistory) {
  // The exam tries to widen the académie's departments; every evaluation must see them as built.
  auto built = build({{"academies/t.lua", academy_script()},
                      {"exams/demo.lua", exam_script("if #v.academy.departments ~= 1 then v:error('n', 'changed') end "
                                                     "pcall(table.insert, v.academy.departments, '75') v:piece('id')")}});
  ASSERT_TRUE(built.rules);
  boost::json::object identity;
  for (int i = 0; i < 4; ++i) {
    auto v = built.rules->evaluate(0, "testia", "demo", "2025", at(), kAnswers, identity);
    ASSERT_TRUE(v.ok()) << v.error().message;
    EXPECT_TRUE(v->valid) << "evaluation " << i;
  }
}

TEST(Isolation, AStateThatTrippedIsThrownAwayAndRebuilt) {
  // An upvalue counts evaluations on one state: after a trip, the count starts again.
  auto built = build({{"academies/t.lua", academy_script()},
                      {"exams/demo.lua", "local seen = 0\n" +
                                             exam_script("seen = seen + 1 if a.n == 1 then while true do end end "
                                                         "if seen > 1 then v:error('n', 'seen ' .. seen) end v:piece('id')")}},
                     {fast(), 1});
  ASSERT_TRUE(built.rules);
  boost::json::object identity, loop = kAnswers, fine = kAnswers;
  loop["n"] = 1;
  EXPECT_EQ(built.rules->evaluate(0, "testia", "demo", "2025", at(), loop, identity).error().code, ErrorCode::script_timeout);
  auto v = built.rules->evaluate(0, "testia", "demo", "2025", at(), fine, identity);
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_TRUE(v->valid) << "the state that looped was reused";
}

// Two académies with the same exam: `hostile`'s residence rule keeps memory between
// evaluations until its state is full.
BuildResult two_academies(ScriptFaults* faults, lua::SandboxLimits limits) {
  std::string hoard =
      "local hoard = {}\n" + academy_script("", "hostile");
  hoard.replace(hoard.find("poles ="), 0,
                "residence = function(a, v) hoard[#hoard + 1] = string.rep('x', 1024 * 1024) .. #hoard end,\n  ");
  RuleSetOptions o{limits, 1, faults};
  return build({{"academies/a.lua", hoard}, {"academies/b.lua", academy_script("", "calme")},
                {"exams/demo.lua", exam_script()}},
               o);
}

TEST(Isolation, OneAcademyFillingItsMemoryLeavesTheOthersUntouched) {
  lua::SandboxLimits limits;
  limits.memory_bytes = 16u << 20;
  auto built = two_academies(nullptr, limits);
  ASSERT_TRUE(built.rules);
  ASSERT_TRUE(built.diagnostics.empty()) << built.diagnostics[0].str();
  boost::json::object identity;
  int memory_faults = 0;
  for (int i = 0; i < 60; ++i) {
    auto h = built.rules->evaluate(0, "hostile", "demo", "2025", at(), kAnswers, identity);
    if (!h.ok()) {
      EXPECT_EQ(h.error().code, ErrorCode::script_memory) << h.error().message;
      ++memory_faults;
    }
    auto c = built.rules->evaluate(0, "calme", "demo", "2025", at(), kAnswers, identity);
    ASSERT_TRUE(c.ok()) << "evaluation " << i << ": " << c.error().message;
    EXPECT_TRUE(c->valid);
  }
  EXPECT_GE(memory_faults, 3);  // filled, rebuilt, filled again...
}

TEST(Isolation, AnAcademyThatKeepsTrippingIsSuspendedAndCounted) {
  ScriptFaults faults(BreakerPolicy{3, std::chrono::seconds(60), std::chrono::seconds(30)});
  lua::SandboxLimits limits;
  limits.memory_bytes = 4u << 20;
  auto built = two_academies(&faults, limits);
  ASSERT_TRUE(built.rules);
  boost::json::object identity;
  std::optional<ErrorCode> last;
  for (int i = 0; i < 40 && last != ErrorCode::rules_unavailable; ++i) {
    auto h = built.rules->evaluate(0, "hostile", "demo", "2025", at(), kAnswers, identity);
    if (!h.ok()) last = h.error().code;
  }
  EXPECT_EQ(last, ErrorCode::rules_unavailable);
  auto h = built.rules->evaluate(0, "hostile", "demo", "2025", at(), kAnswers, identity);
  ASSERT_FALSE(h.ok());
  EXPECT_GT(h.error().retry_after_seconds, 0);
  EXPECT_TRUE(built.rules->evaluate(0, "calme", "demo", "2025", at(), kAnswers, identity).ok());
  auto snap = faults.snapshot();
  ASSERT_EQ(snap.size(), 1u);
  EXPECT_EQ(snap[0].academy, "hostile");
  EXPECT_EQ(snap[0].counts[FaultKind::memory], 3u);
  EXPECT_TRUE(snap[0].suspended);
}

TEST(Isolation, AFaultyAcademyAtLoadCostsOnlyItself) {
  auto built = build({{"academies/a.lua", "local t = {} while true do t[#t + 1] = {} end\n" + academy_script("", "hostile")},
                      {"academies/b.lua", academy_script("", "calme")},
                      {"exams/demo.lua", exam_script()}});
  ASSERT_TRUE(built.rules);
  ASSERT_EQ(built.diagnostics.size(), 1u);
  EXPECT_EQ(built.diagnostics[0].file, "academies/a.lua");
  EXPECT_TRUE(built.rules->academy("calme"));
  EXPECT_FALSE(built.rules->academy("hostile"));
}

}  // namespace
}  // namespace guichet

namespace guichet {
namespace {

TEST(Isolation, AnExamThatFillsItsStateAtLoadDoesNotStarveTheNextExam) {
  // `a_hoard` declares an exam whose function holds a table, then fills that table until the
  // cap trips: the memory stays reachable from the state; `demo` loads after it and must not
  // meet a full state.
  std::string declared = testing::exam_script("local keep = big");
  declared.replace(declared.find("code = 'demo'"), 13, "code = 'hoard'");
  std::string hoard = "local big = {}\n" + declared +
                      "while true do big[#big + 1] = string.rep('y', 1024) .. #big end\n";
  auto built = testing::build({{"academies/t.lua", testing::academy_script()}, {"exams/a_hoard.lua", hoard},
                               {"exams/demo.lua", testing::exam_script()}});
  ASSERT_TRUE(built.rules);
  ASSERT_EQ(built.diagnostics.size(), 1u) << built.diagnostics[1].str();
  EXPECT_EQ(built.diagnostics[0].file, "exams/a_hoard.lua");
  EXPECT_NE(built.diagnostics[0].message.find("mémoire"), std::string::npos) << built.diagnostics[0].message;
  EXPECT_TRUE(built.rules->exam("demo"));
  EXPECT_TRUE(built.rules->academy("testia"));
}

}  // namespace
}  // namespace guichet

namespace guichet {
namespace {

TEST(Isolation, ANewVersionOfAnAcademysRulesLiftsItsSuspension) {
  ScriptFaults faults(BreakerPolicy{1, std::chrono::seconds(60), std::chrono::seconds(600)});
  faults.record("testia", FaultKind::timeout, "x");
  EXPECT_FALSE(faults.admits("testia"));
  faults.forgive("testia");
  EXPECT_TRUE(faults.admits("testia"));
  EXPECT_EQ(faults.snapshot()[0].counts[FaultKind::timeout], 1u);  // still counted
}

}  // namespace
}  // namespace guichet
