// The authoring guide's examples are real: each ```lua block marked with a file name is
// byte-identical to that file, and the example rule set loads and passes its own cases.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/rule_set.hpp"
#include "core/script_tests.hpp"

namespace guichet {
namespace {

const std::string kScripts = std::string(GUICHET_SOURCE_DIR) + "/scripts";

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(Guide, ExampleBlocksAreTheTestedFiles) {
  std::string guide = slurp(kScripts + "/GUIDE.md");
  ASSERT_FALSE(guide.empty());
  const std::string marker = "<!-- exemple: ";
  int blocks = 0;
  for (size_t at = guide.find(marker); at != std::string::npos; at = guide.find(marker, at + 1)) {
    size_t name_end = guide.find(" -->", at);
    std::string file = guide.substr(at + marker.size(), name_end - at - marker.size());
    size_t open = guide.find("```", name_end);
    size_t body = guide.find('\n', open) + 1;
    size_t close = guide.find("\n```", body);
    ASSERT_NE(close, std::string::npos) << file;
    std::string block = guide.substr(body, close - body + 1);  // with its last newline
    EXPECT_EQ(block, slurp(kScripts + "/" + file)) << "GUIDE.md block differs from " << file;
    ++blocks;
  }
  EXPECT_GE(blocks, 3);
}

TEST(Guide, ExampleRuleSetLoadsAndPassesItsCases) {
  auto sources = read_sources(kScripts + "/guide/exemple");
  ASSERT_TRUE(sources.ok());
  auto built = build_rule_set(*sources, {});
  ASSERT_TRUE(built.rules);
  for (const auto& d : built.diagnostics) ADD_FAILURE() << d.str();
  std::vector<Diagnostic> faults;
  auto cases = built.rules->load_cases(*read_sources(kScripts + "/guide/exemple", true), faults);
  for (const auto& d : faults) ADD_FAILURE() << d.str();
  ASSERT_GE(cases->size(), 5u);
  for (const auto& o : run_script_cases(*built.rules, *cases))
    EXPECT_TRUE(o.passed()) << o.name << ": " << (o.failures.empty() ? "" : o.failures[0]);
}

}  // namespace
}  // namespace guichet
