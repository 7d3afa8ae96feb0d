// require() and lib/: shared code for the scripts, each requiring script with its own copy,
// and clear, located errors.
#include <gtest/gtest.h>

#include "core/time_format.hpp"
#include "test_sources.hpp"

namespace guichet {
namespace {

using testing::academy_script;
using testing::build;
using testing::exam_script;

const char* kCommon =
    "local M = { code = 'id' }\n"
    "function M.base_pieces(v) v:piece(M.code) end\n"
    "return M\n";

Result<Verdict> evaluate(const BuildResult& b) {
  boost::json::object answers{{"speciality", "a"}, {"postal_code", "86000"}}, identity;
  return b.rules->evaluate(0, "testia", "demo", "2025", *parse_rfc3339("2024-10-20T10:00:00Z"), answers, identity);
}

std::string faults(const BuildResult& b) {
  std::string out;
  for (const auto& d : b.diagnostics) out += d.str() + "\n";
  return out;
}

TEST(ScriptLibrary, AnExamUsesSharedCodeFromLib) {
  auto b = build({{"academies/t.lua", academy_script()},
                  {"exams/demo.lua", "local common = require('common')\n" + exam_script("common.base_pieces(v)")},
                  {"lib/common.lua", kCommon}});
  ASSERT_TRUE(b.rules) << faults(b);
  EXPECT_TRUE(b.diagnostics.empty()) << faults(b);
  auto v = evaluate(b);
  ASSERT_TRUE(v.ok()) << v.error().message;
  ASSERT_EQ(v->pieces.size(), 1u);
  EXPECT_EQ(v->pieces[0].code, "id");
}

TEST(ScriptLibrary, EachScriptGetsItsOwnCopy) {
  // The académie, loaded after the exam, changes its copy: the exam's rules do not see it.
  auto b = build({{"academies/t.lua", "local common = require('common')\ncommon.code = 'nope'\n" + academy_script()},
                  {"exams/demo.lua", "local common = require('common')\n" + exam_script("common.base_pieces(v)")},
                  {"lib/common.lua", kCommon}});
  ASSERT_TRUE(b.rules) << faults(b);
  auto v = evaluate(b);
  ASSERT_TRUE(v.ok()) << v.error().message;
  ASSERT_EQ(v->pieces.size(), 1u);
  EXPECT_EQ(v->pieces[0].code, "id");
}

TEST(ScriptLibrary, AnUnknownLibraryIsALocatedError) {
  auto b = build({{"academies/t.lua", academy_script()},
                  {"exams/demo.lua", "local common = require('absent')\n" + exam_script()}});
  std::string f = faults(b);
  EXPECT_NE(f.find("exams/demo.lua:1:"), std::string::npos) << f;
  EXPECT_NE(f.find("bibliothèque inconnue : lib/absent.lua"), std::string::npos) << f;
}

TEST(ScriptLibrary, AFaultInALibraryNamesTheLibrary) {
  auto b = build({{"academies/t.lua", academy_script()},
                  {"exams/demo.lua", "local common = require('broken')\n" + exam_script()},
                  {"lib/broken.lua", "local x = {}\nreturn x.y.z\n"},
                  {"lib/syntax.lua", "return {\n"}});
  std::string f = faults(b);
  EXPECT_NE(f.find("lib/broken.lua:2:"), std::string::npos) << f;   // at run, through the exam
  EXPECT_NE(f.find("lib/syntax.lua"), std::string::npos) << f;      // at load, on its own
}

TEST(ScriptLibrary, ARequireLoopIsStopped) {
  auto b = build({{"academies/t.lua", academy_script()},
                  {"exams/demo.lua", "local a = require('a')\n" + exam_script()},
                  {"lib/a.lua", "return require('b')\n"},
                  {"lib/b.lua", "return require('a')\n"}});
  std::string f = faults(b);
  EXPECT_NE(f.find("trop profondément"), std::string::npos) << f;
  auto bad_name = build({{"academies/t.lua", academy_script()},
                         {"exams/demo.lua", "local a = require('../secret')\n" + exam_script()}});
  EXPECT_NE(faults(bad_name).find("nom de bibliothèque invalide"), std::string::npos) << faults(bad_name);
}

}  // namespace
}  // namespace guichet
