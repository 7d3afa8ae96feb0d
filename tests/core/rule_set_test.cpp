// Load-time structure and consistency checks, each reported with file:line.
#include <gtest/gtest.h>

#include "core/time_format.hpp"
#include "test_sources.hpp"

namespace guichet {
namespace {

using testing::academy_script;
using testing::build;
using testing::exam_script;

std::string first_fault(const BuildResult& b) { return b.diagnostics.empty() ? "" : b.diagnostics[0].str(); }

TEST(RuleSetChecks, AcceptsAValidPair) {
  auto b = build({{"academies/t.lua", academy_script()}, {"exams/demo.lua", exam_script()}});
  ASSERT_TRUE(b.rules);
  EXPECT_EQ(first_fault(b), "");
  ASSERT_NE(b.rules->academy("testia"), nullptr);
  EXPECT_EQ(b.rules->academy("testia")->sessions.size(), 1u);
  EXPECT_EQ(b.rules->version().size(), 16u);
}

TEST(RuleSetChecks, OpeningAfterClosingIsRefusedAtTheSessionLine) {
  auto b = build({{"academies/t.lua", academy_script(", opens = '2024-12-01'")}, {"exams/demo.lua", exam_script()}});
  // A repeated key in a Lua table constructor: the later value wins.
  auto f = first_fault(b);
  EXPECT_NE(f.find("academies/t.lua:4:"), std::string::npos) << f;
  EXPECT_NE(f.find("l'ouverture doit précéder la clôture"), std::string::npos) << f;
}

TEST(RuleSetChecks, DeadlineBeforeEditsCloseIsRefused) {
  auto b = build({{"academies/t.lua", "academy { api_level = 1, code = 'testia', name = 'T', number = 1, timezone = 'Europe/Paris',\n"
                                      " departments = {'86'}, poles = { { code = 'p1', name = 'P', phones = {'1'}, email = 'e' } } }\n"
                                      "session { exam = 'demo', session = '2025', title = 'S', opens = '2024-10-10',\n"
                                      " closes = '2024-11-13 19:00', final_registration = { mode = 'upload', deadline = '2024-11-12' } }\n"},
                  {"exams/demo.lua", exam_script()}});
  auto f = first_fault(b);
  EXPECT_NE(f.find("academies/t.lua:3:"), std::string::npos) << f;
  EXPECT_NE(f.find("date limite des pièces"), std::string::npos) << f;
}

TEST(RuleSetChecks, SessionWithoutExamScriptIsDroppedWithItsLine) {
  auto b = build({{"academies/t.lua", academy_script()}});
  ASSERT_TRUE(b.rules);
  auto f = first_fault(b);
  EXPECT_NE(f.find("academies/t.lua:4:"), std::string::npos) << f;
  EXPECT_NE(f.find("aucun script d'examen"), std::string::npos) << f;
  EXPECT_TRUE(b.rules->academy("testia")->sessions.empty());
}

TEST(RuleSetChecks, RoutingToAnUnknownOfficeIsRefused) {
  auto b = build({{"academies/t.lua", academy_script()}, {"exams/demo.lua", exam_script("v:piece('id')", "v:pole('nowhere')")}});
  auto f = first_fault(b);
  EXPECT_NE(f.find("academies/t.lua:4:"), std::string::npos) << f;
  EXPECT_NE(f.find("pôle inconnu « nowhere »"), std::string::npos) << f;
}

TEST(RuleSetChecks, DuplicatePieceCodesAreRefused) {
  std::string exam = exam_script();
  exam.replace(exam.find("pieces = {"), 10, "pieces = { { code = 'id', label = 'x', explanation = 'y' },");
  auto b = build({{"exams/demo.lua", exam}});
  auto f = first_fault(b);
  EXPECT_NE(f.find("exams/demo.lua:1:"), std::string::npos) << f;
  EXPECT_NE(f.find("déclarée deux fois"), std::string::npos) << f;
}

TEST(RuleSetChecks, TwoWindowsForOneExamSessionAreRefused) {
  std::string a = academy_script();
  a += "session { exam = 'demo', session = '2025', title = 'S', opens = '2024-10-10 10:00',\n"
       " closes = '2024-11-13 19:00', final_registration = { mode = 'upload' } }\n";
  auto b = build({{"academies/t.lua", a}, {"exams/demo.lua", exam_script()}});
  auto f = first_fault(b);
  EXPECT_NE(f.find("academies/t.lua:6:"), std::string::npos) << f;
  EXPECT_NE(f.find("déclarée deux fois"), std::string::npos) << f;
}

TEST(RuleSetChecks, UnknownPieceAtEvaluationIsALocatedScriptError) {
  auto b = build({{"academies/t.lua", academy_script()}, {"exams/demo.lua", exam_script("v:piece('nope')")}});
  ASSERT_TRUE(b.rules);
  boost::json::object answers{{"speciality", "a"}, {"postal_code", "86000"}}, identity;
  auto v = b.rules->evaluate(0, "testia", "demo", "2025", *parse_rfc3339("2024-10-20T10:00:00Z"), answers, identity);
  ASSERT_FALSE(v.ok());
  EXPECT_NE(v.error().message.find("exams/demo.lua:9:"), std::string::npos) << v.error().message;
}

TEST(RuleSetChecks, AFaultyAcademyDoesNotStopTheOthers) {
  auto b = build({{"academies/good.lua", academy_script("", "good")},
                  {"academies/bad.lua", "academy { api_level = 1, code = 'bad', name = 'B', number = 2,\n"
                                        "  timezone = 'Mars/Olympus', departments = {'1'}, poles = {} }\n"},
                  {"exams/demo.lua", exam_script()}});
  ASSERT_TRUE(b.rules);
  EXPECT_NE(b.rules->academy("good"), nullptr);
  EXPECT_EQ(b.rules->academy("bad"), nullptr);
  auto f = first_fault(b);
  EXPECT_NE(f.find("academies/bad.lua:1:"), std::string::npos) << f;
  EXPECT_NE(f.find("Fuseau horaire inconnu"), std::string::npos) << f;
}

// document_types: declared (code, label) or the default list; checked when the file loads.
TEST(RuleSetChecks, DocumentTypesAreDeclaredOrDefaultAndChecked) {
  auto defaults = build({{"academies/t.lua", academy_script()}, {"exams/demo.lua", exam_script()}});
  ASSERT_TRUE(defaults.rules);
  const Academy* a = defaults.rules->academy("testia");
  ASSERT_NE(a, nullptr);
  ASSERT_NE(a->find_document_type("convocation"), nullptr);
  EXPECT_EQ(a->find_document_type("convocation")->label, "Convocation");
  EXPECT_EQ(a->find_document_type("diplome"), nullptr);

  auto with = [](const std::string& types) {
    return "academy { api_level = 1, code = 'testia', name = 'T', number = 1, timezone = 'Europe/Paris',\n"
           " departments = {'86'}, poles = { { code = 'p1', name = 'P', phones = {'1'}, email = 'e' } },\n"
           " document_types = " + types + " }\n";
  };
  auto declared = build({{"academies/t.lua", with("{ { code = 'convocation_ecrit', label = 'Convocation à l\\'écrit' } }")}});
  ASSERT_TRUE(declared.rules);
  EXPECT_EQ(first_fault(declared), "");
  const Academy* d = declared.rules->academy("testia");
  ASSERT_NE(d, nullptr);
  ASSERT_EQ(d->document_types.size(), 1u);
  EXPECT_EQ(d->document_types[0].label, "Convocation à l'écrit");
  EXPECT_EQ(d->find_document_type("convocation"), nullptr);  // a declared list replaces the default

  for (const auto& [types, expected] : std::vector<std::pair<std::string, std::string>>{
           {"{ { code = 'convocation', label = 'A' }, { code = 'convocation', label = 'B' } }", "déclaré deux fois"},
           {"{ { code = 'Convocation!', label = 'A' } }", "n'est pas un code valide"},
           {"{ { code = 'convocation' } }", "label"},
           {"{ { code = 'convocation', label = '  ' } }", "libellé « label » est vide"},
           {"{ { code = 'recapitulatif', label = 'R' } }", "réservé"},
           {"{}", "est vide"},
       }) {
    auto b = build({{"academies/t.lua", with(types)}});
    auto f = first_fault(b);
    EXPECT_NE(f.find("academies/t.lua:1:"), std::string::npos) << types << " -> " << f;
    EXPECT_NE(f.find(expected), std::string::npos) << types << " -> " << f;
  }
}

TEST(RuleSetChecks, UnsupportedApiLevelIsRefused) {
  std::string exam = exam_script();
  exam.replace(exam.find("api_level = 1"), 13, "api_level = 7");
  EXPECT_NE(first_fault(build({{"exams/demo.lua", exam}})).find("api_level 7"), std::string::npos);
}

TEST(RuleSetChecks, SyntaxErrorsAreLocated) {
  auto f = first_fault(build({{"exams/demo.lua", "exam {\n  code = 'x',,\n}"}}));
  EXPECT_NE(f.find("exams/demo.lua:2:"), std::string::npos) << f;
}

TEST(RuleSetEvaluate, WindowIsExactToTheSecond) {
  auto b = build({{"academies/t.lua", academy_script()}, {"exams/demo.lua", exam_script()}});
  boost::json::object answers{{"speciality", "a"}, {"postal_code", "86000"}}, identity;
  auto phase = [&](const char* t) {
    return b.rules->evaluate(0, "testia", "demo", "2025", *parse_rfc3339(t), answers, identity)->phase;
  };
  EXPECT_EQ(phase("2024-10-10T09:59:59+02:00"), Phase::before);
  EXPECT_EQ(phase("2024-10-10T10:00:00+02:00"), Phase::open);
  EXPECT_EQ(phase("2024-11-13T18:59:59+01:00"), Phase::open);
  EXPECT_EQ(phase("2024-11-13T19:00:00+01:00"), Phase::closed);
  EXPECT_EQ(phase("2024-11-13T17:59:59Z"), Phase::open);
}

TEST(RuleSetEvaluate, FormChecksComeFromTheDeclaration) {
  auto b = build({{"academies/t.lua", academy_script()}, {"exams/demo.lua", exam_script()}});
  boost::json::object answers{{"speciality", "zzz"}, {"n", "not a number"}, {"intruder", 1}}, identity;
  auto v = b.rules->evaluate(0, "testia", "demo", "2025", *parse_rfc3339("2024-10-20T10:00:00Z"), answers, identity);
  ASSERT_TRUE(v.ok());
  EXPECT_FALSE(v->valid);
  EXPECT_EQ(v->errors.at("speciality").message, "Choix invalide.");
  EXPECT_EQ(v->errors.at("postal_code").message, "Ce champ est obligatoire.");
  EXPECT_EQ(v->errors.at("n").message, "Ce champ doit être un nombre.");
  EXPECT_EQ(v->errors.at("intruder").message, "Ce champ n'existe pas dans le formulaire.");
}

TEST(RuleSetEvaluate, OpenServicesListsOnlyWindowsHoldingTheInstant) {
  auto b = build({{"academies/t.lua", academy_script()}, {"exams/demo.lua", exam_script()}});
  EXPECT_EQ(b.rules->open_at(*parse_rfc3339("2024-10-20T10:00:00Z")).size(), 1u);
  EXPECT_TRUE(b.rules->open_at(*parse_rfc3339("2024-11-13T18:00:00Z")).empty());
}

}  // namespace
}  // namespace guichet
