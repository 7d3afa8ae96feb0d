// `guichet test` semantics: a case passes only when the verdict matches its expectations.
#include "core/script_tests.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "test_sources.hpp"

namespace guichet {
namespace {

using testing::academy_script;
using testing::exam_script;
using testing::sources;

std::vector<CaseOutcome> run(const std::string& cases) {
  auto built = build_rule_set(sources({{"academies/t.lua", academy_script()}, {"exams/demo.lua", exam_script()}}), {});
  std::vector<Diagnostic> faults;
  auto loaded = built.rules->load_cases(sources({{"tests/t.lua", cases}}), faults);
  EXPECT_TRUE(faults.empty()) << (faults.empty() ? "" : faults[0].str());
  return run_script_cases(*built.rules, *loaded);
}

const char* kCase =
    "case { name = 'n', academy = 'testia', exam = 'demo', session = '2025', at = '%AT%',\n"
    "  answers = { speciality = 'a', postal_code = '86000' }, expect = { %EXPECT% } }\n";

std::string make(const std::string& at, const std::string& expect) {
  std::string s = kCase;
  s.replace(s.find("%AT%"), 4, at);
  s.replace(s.find("%EXPECT%"), 8, expect);
  return s;
}

TEST(ScriptCases, MatchingExpectationsPass) {
  auto out = run(make("2024-11-13 18:59:59", "phase = 'open', valid = true, pieces = { 'id' }, pole = 'p1'"));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(out[0].passed());
}

TEST(ScriptCases, WrongExpectationsFailWithAReason) {
  auto out = run(make("2024-11-13 19:00:00", "phase = 'open', pieces = { 'id', 'other' }, pole = 'p2'"));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].failures.size(), 3u);
}

TEST(ScriptCases, UnknownExpectationKeysFail) {
  auto out = run(make("2024-11-13 18:00:00", "phaze = 'open'"));
  ASSERT_FALSE(out[0].passed());
  EXPECT_NE(out[0].failures[0].find("phaze"), std::string::npos);
}

TEST(ScriptCases, ACaseWithoutExpectationsIsALoadFault) {
  auto built = build_rule_set(sources({{"academies/t.lua", academy_script()}, {"exams/demo.lua", exam_script()}}), {});
  std::vector<Diagnostic> faults;
  built.rules->load_cases(
      sources({{"tests/t.lua", "case { name = 'x', academy = 'testia', exam = 'demo', session = '2025', at = '2024-11-01' }"}}),
      faults);
  ASSERT_EQ(faults.size(), 1u);
  EXPECT_NE(faults[0].message.find("expect"), std::string::npos);
}

// The cases' shared helpers (answers, identities) live in tests/lib/ and are require()d by
// the case files; they are not case files themselves.
const char* kHelper =
    "local M = {}\n"
    "function M.answers(others)\n"
    "  local t = { speciality = 'a', postal_code = '86000' }\n"
    "  for k, x in pairs(others or {}) do t[k] = x end\n"
    "  return t\n"
    "end\n"
    "return M\n";

const char* kCaseWithHelper =
    "local h = require('helper')\n"
    "case { name = 'n', academy = 'testia', exam = 'demo', session = '2025', at = '2024-11-01 10:00',\n"
    "  answers = h.answers(), expect = { valid = true } }\n"
    "case { name = 'm', academy = 'testia', exam = 'demo', session = '2025', at = '2024-11-01 10:00',\n"
    "  answers = h.answers({ speciality = 'zz' }), expect = { valid = false, errors = { 'speciality' } } }\n";

TEST(ScriptCases, CasesRequireTheirHelpersFromTestsLib) {
  auto built = build_rule_set(sources({{"academies/t.lua", academy_script()}, {"exams/demo.lua", exam_script()}}), {});
  std::vector<Diagnostic> faults;
  auto loaded = built.rules->load_cases(sources({{"tests/lib/helper.lua", kHelper}, {"tests/t.lua", kCaseWithHelper}}), faults);
  for (const auto& d : faults) ADD_FAILURE() << d.str();
  ASSERT_TRUE(loaded.ok());
  ASSERT_EQ(loaded->size(), 2u);  // the helper declares no case and is no case file
  for (const auto& o : run_script_cases(*built.rules, *loaded)) EXPECT_TRUE(o.passed()) << o.name << ": " << o.failures[0];
}

TEST(ScriptCases, AHelperFaultNamesTheHelpersLine) {
  auto built = build_rule_set(sources({{"academies/t.lua", academy_script()}, {"exams/demo.lua", exam_script()}}), {});
  std::vector<Diagnostic> faults;
  built.rules->load_cases(sources({{"tests/lib/helper.lua", "local M = {}\nerror('cassé')\nreturn M\n"},
                                   {"tests/t.lua", kCaseWithHelper}}),
                          faults);
  ASSERT_EQ(faults.size(), 1u);
  EXPECT_NE(faults[0].str().find("tests/lib/helper.lua:2:"), std::string::npos) << faults[0].str();
  faults.clear();
  built.rules->load_cases(sources({{"tests/lib/helper.lua", "return {\n  a = 1\n  b = 2\n}\n"}}), faults);
  ASSERT_EQ(faults.size(), 1u);
  EXPECT_EQ(faults[0].file, "tests/lib/helper.lua") << faults[0].str();
}

TEST(ScriptCases, AHelperCannotTakeTheNameOfARulesLibrary) {
  auto built = build_rule_set(sources({{"academies/t.lua", academy_script()},
                                       {"exams/demo.lua", exam_script()},
                                       {"lib/helper.lua", "return {}\n"}}),
                              {});
  std::vector<Diagnostic> faults;
  built.rules->load_cases(sources({{"tests/lib/helper.lua", kHelper}}), faults);
  ASSERT_EQ(faults.size(), 1u);
  EXPECT_EQ(faults[0].file, "tests/lib/helper.lua");
  EXPECT_NE(faults[0].message.find("lib/helper.lua"), std::string::npos) << faults[0].message;
}

// A folder's tests/lib/ is read with the cases, never with the rules: a rule cannot require a
// test helper.
TEST(ScriptCases, TheRulesNeverSeeTheHelpers) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("guichet-helpers-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  for (const char* sub : {"academies", "exams", "tests/lib"}) fs::create_directories(dir / sub);
  std::ofstream(dir / "academies" / "t.lua") << academy_script();
  std::ofstream(dir / "exams" / "demo.lua") << "local h = require('helper')\n" << exam_script();
  std::ofstream(dir / "tests" / "lib" / "helper.lua") << kHelper;
  std::ofstream(dir / "tests" / "t.lua") << kCaseWithHelper;
  auto rules = read_sources(dir);
  auto tests = read_sources(dir, true);
  fs::remove_all(dir);
  ASSERT_TRUE(rules.ok() && tests.ok());
  EXPECT_EQ(rules->find("tests/lib/helper.lua"), nullptr);
  EXPECT_NE(tests->find("tests/lib/helper.lua"), nullptr);
  EXPECT_NE(tests->find("tests/t.lua"), nullptr);
  auto built = build_rule_set(*rules, {});
  std::string f;
  for (const auto& d : built.diagnostics) f += d.str() + "\n";
  EXPECT_NE(f.find("exams/demo.lua:1:"), std::string::npos) << f;
  EXPECT_NE(f.find("bibliothèque inconnue"), std::string::npos) << f;
}

}  // namespace
}  // namespace guichet
