// `guichet test` semantics: a case passes only when the verdict matches its expectations.
#include "core/script_tests.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace guichet
