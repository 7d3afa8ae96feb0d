// LuaJIT's own messages reach académie staff in French, with the file and the line: what the
// parser says of a missing "}" or ",", what a running script says of a nil value.
#include <gtest/gtest.h>

#include "core/lua/french_messages.hpp"
#include "core/time_format.hpp"
#include "test_sources.hpp"

namespace guichet {
namespace {

using testing::academy_script;
using testing::build;
using testing::exam_script;

std::string load_fault(const std::string& file, const std::string& text) {
  auto built = build({{file, text}});
  return built.diagnostics.empty() ? "" : built.diagnostics[0].str();
}

std::string run_fault(const std::string& body) {
  auto built = build({{"academies/t.lua", academy_script()}, {"exams/demo.lua", exam_script(body)}});
  EXPECT_TRUE(built.rules);
  boost::json::object answers{{"speciality", "a"}, {"postal_code", "86000"}}, identity;
  auto v = built.rules->evaluate(0, "testia", "demo", "2025", *parse_rfc3339("2024-10-20T10:00:00Z"), answers, identity);
  return v.ok() ? "" : v.error().message;
}

TEST(FrenchMessages, AMissingCommaInATableNamesTheLineAndTheLikelyCause) {
  auto e = load_fault("exams/bad.lua", "exam {\n  code = \"x\"\n  name = \"X\",\n}\n");
  EXPECT_EQ(e.rfind("exams/bad.lua:3: il manque « } » pour fermer le « { » de la ligne 1", 0), 0u) << e;
  EXPECT_NE(e.find("virgule"), std::string::npos) << e;
  EXPECT_NE(e.find("près de « name »"), std::string::npos) << e;
  EXPECT_EQ(e.find("expected"), std::string::npos) << e;
}

TEST(FrenchMessages, AMissingClosingBraceAtTheEndOfTheFile) {
  auto e = load_fault("exams/bad.lua", "exam {\n  code = \"x\",\n");
  EXPECT_EQ(e, "exams/bad.lua:3: le fichier se termine trop tôt (il manque sans doute un « } », un « ) » ou un « end »)");
}

TEST(FrenchMessages, OtherSyntaxErrors) {
  EXPECT_NE(load_fault("exams/bad.lua", "local x = = 2\n").find("exams/bad.lua:1: symbole inattendu, près de « = »"),
            std::string::npos)
      << load_fault("exams/bad.lua", "local x = = 2\n");
  auto unfinished = load_fault("exams/bad.lua", "local x = \"abc\n");
  EXPECT_NE(unfinished.find("texte entre guillemets non terminé"), std::string::npos) << unfinished;
  auto missing_end = load_fault("exams/bad.lua", "local function f()\n  return 1\n");
  EXPECT_NE(missing_end.find("il manque « end »"), std::string::npos) << missing_end;
  auto library = load_fault("lib/commun.lua", "return {\n  a = 1\n  b = 2\n}\n");
  EXPECT_NE(library.find("lib/commun.lua:3: il manque « } »"), std::string::npos) << library;
}

TEST(FrenchMessages, RuntimeErrorsOnNilValues) {
  auto call = run_fault("local t = {} t.absente(1)");
  EXPECT_NE(call.find("exams/demo.lua:"), std::string::npos) << call;
  EXPECT_NE(call.find("appel impossible : le champ « absente » vaut nil"), std::string::npos) << call;
  auto index = run_fault("local t = nil; local y = t.x");
  EXPECT_NE(index.find("lecture d'un champ impossible : la variable locale « t » vaut nil"), std::string::npos) << index;
  auto arithmetic = run_fault("local n = a.experience_years + 1");
  EXPECT_NE(arithmetic.find("calcul impossible : le champ « experience_years » vaut nil"), std::string::npos)
      << arithmetic;
  auto concat = run_fault("local s = 'x' .. a.absent");
  EXPECT_NE(concat.find("concaténation (..) impossible"), std::string::npos) << concat;
  auto compare = run_fault("local b = a.absent < 3");
  EXPECT_NE(compare.find("comparaison impossible entre nil (aucune valeur) et un nombre"), std::string::npos) << compare;
  auto argument = run_fault("string.rep()");
  EXPECT_NE(argument.find("argument n° 1 de « rep » invalide : un texte attendu, aucune valeur reçu"), std::string::npos)
      << argument;
}

TEST(FrenchMessages, UnknownMessagesAndPlacesPassUnchanged) {
  EXPECT_EQ(lua::in_french("exams/x.lua:4: mon message"), "exams/x.lua:4: mon message");
  EXPECT_EQ(lua::in_french("attempt to call global 'f' (a nil value)"),
            "appel impossible : la variable globale « f » vaut nil (aucune valeur), ce n'est pas une fonction");
}

}  // namespace
}  // namespace guichet
