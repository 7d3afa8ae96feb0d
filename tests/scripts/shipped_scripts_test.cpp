// The shipped rules load without a fault and pass all of their own cases (the same check
// as `guichet test scripts`, kept in the C++ suite so ctest alone covers it).
#include <gtest/gtest.h>

#include "core/rule_set.hpp"
#include "core/script_tests.hpp"

namespace guichet {
namespace {

const std::string kScripts = std::string(GUICHET_SOURCE_DIR) + "/scripts";

TEST(ShippedScripts, LoadWithoutFaults) {
  auto built = build_rule_set(*read_sources(kScripts), {});
  ASSERT_TRUE(built.rules);
  for (const auto& d : built.diagnostics) ADD_FAILURE() << d.str();
  const auto& cat = built.rules->catalog();
  ASSERT_TRUE(cat.academies.count("poitiers"));
  EXPECT_EQ(cat.academies.at("poitiers").sessions.size(), 6u);
  // At least 6 CAP, 6 BAC PRO, 3 CS and 3 BP specialities.
  EXPECT_GE(cat.exams.at("cap").specialities.size(), 6u);
  EXPECT_GE(cat.exams.at("bac_pro").specialities.size(), 6u);
  EXPECT_GE(cat.exams.at("cs").specialities.size(), 3u);
  EXPECT_GE(cat.exams.at("bp").specialities.size(), 3u);
  for (const auto& [code, exam] : cat.exams)
    for (const auto& p : exam.pieces) {
      EXPECT_FALSE(p.label.empty()) << code << "/" << p.code;
      EXPECT_FALSE(p.explanation.empty()) << code << "/" << p.code;
    }
}

TEST(ShippedScripts, PassTheirOwnCases) {
  auto built = build_rule_set(*read_sources(kScripts), {});
  std::vector<Diagnostic> faults;
  auto cases = built.rules->load_cases(*read_sources(kScripts, true), faults);
  for (const auto& d : faults) ADD_FAILURE() << d.str();
  ASSERT_GE(cases->size(), 10u);
  for (const auto& o : run_script_cases(*built.rules, *cases))
    EXPECT_TRUE(o.passed()) << o.name << " (" << o.source.str() << "): " << (o.failures.empty() ? "" : o.failures[0]);
}

}  // namespace
}  // namespace guichet
