// Declarative form conditions and constraints: read and checked at load (French, file:line),
// applied by the form check (a hidden field is neither checked nor seen by the rules), and the
// sweep that evaluates every session over answers generated from its form.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/form_sweep.hpp"
#include "core/time_format.hpp"
#include "tests/core/test_sources.hpp"

namespace guichet::testing {
namespace {

namespace json = boost::json;

// An exam whose form has a radio, a checkbox and fields they show; `fields` adds more,
// `validate` is the body of validate.
std::string conditional_exam(const std::string& fields, const std::string& validate = "",
                             const std::string& pieces = "v:piece('id')") {
  return "exam { api_level = 1, code = 'demo', name = 'Démo',\n"
         "  specialities = { { code = 'a', label = 'A', sector = 'x' } },\n"
         "  tabs = { { id = 't', title = 'T', fields = {\n"
         "    { id = 'speciality', label = 'S', type = 'select', required = true },\n"
         "    { id = 'postal_code', label = 'CP', type = 'text', required = true, format = 'postal_code' },\n"
         "    { id = 'route', label = 'R', type = 'radio', required = true,\n"
         "      options = { { value = 'xp', label = 'XP' }, { value = 'again', label = 'Again' } } },\n"
         "    { id = 'exemption', label = 'E', type = 'checkbox' },\n" +
         fields +
         "  } } },\n"
         "  pieces = { { code = 'id', label = 'Identité', explanation = 'x' } },\n"
         "  validate = function(a, v)\n    " + validate + "\n  end,\n"
         "  require_pieces = function(a, v)\n    " + pieces + "\n  end,\n"
         "  route = function(a, v) v:pole('p1') end }\n";
}

const char* kShown =
    "    { id = 'years', label = 'Y', type = 'number', required = true, min = 3, max = 60,\n"
    "      shown_when = { field = 'route', equals = 'xp' } },\n"
    "    { id = 'last', label = 'L', type = 'number', required = true, integer = true, max = { session = -1 },\n"
    "      shown_when = { field = 'route', one_of = { 'again' } }, message = 'Une année passée.' },\n"
    "    { id = 'diploma', label = 'D', type = 'text', required = true, max_length = 5,\n"
    "      shown_when = { field = 'exemption', equals = true } },\n";

std::string load_fault(const std::string& fields) {
  auto b = build({{"academies/a.lua", academy_script()}, {"exams/demo.lua", conditional_exam(fields)}});
  std::string all;
  for (const auto& d : b.diagnostics) all += d.str() + "\n";
  return all;
}

TEST(FormDeclarations, ConditionsOnUnknownLaterOrUnfitFieldsAreRefusedWithTheirLine) {
  EXPECT_EQ(load_fault(kShown), "");
  auto unknown = load_fault("    { id = 'x', label = 'X', type = 'text', shown_when = { field = 'nope', equals = 'a' } },\n");
  EXPECT_NE(unknown.find("exams/demo.lua:1: "), std::string::npos) << unknown;
  EXPECT_NE(unknown.find("le champ « nope » n'existe pas dans le formulaire"), std::string::npos) << unknown;
  auto later = load_fault(
      "    { id = 'x', label = 'X', type = 'text', shown_when = { field = 'y', equals = true } },\n"
      "    { id = 'y', label = 'Y', type = 'checkbox' },\n");
  EXPECT_NE(later.find("le champ « y » est déclaré après « x »"), std::string::npos) << later;
  auto option = load_fault("    { id = 'x', label = 'X', type = 'text', shown_when = { field = 'route', equals = 'xpp' } },\n");
  EXPECT_NE(option.find("« xpp » n'est pas une option du champ « route » (xp, again)"), std::string::npos) << option;
  auto checkbox = load_fault("    { id = 'x', label = 'X', type = 'text', shown_when = { field = 'exemption', equals = 'oui' } },\n");
  EXPECT_NE(checkbox.find("case à cocher"), std::string::npos) << checkbox;
  auto text = load_fault(
      "    { id = 'x', label = 'X', type = 'text' },\n"
      "    { id = 'z', label = 'Z', type = 'text', shown_when = { field = 'x', equals = 'a' } },\n");
  EXPECT_NE(text.find("select, radio ou checkbox"), std::string::npos) << text;
  auto both = load_fault(
      "    { id = 'x', label = 'X', type = 'text', shown_when = { field = 'route', equals = 'xp', one_of = { 'xp' } } },\n");
  EXPECT_NE(both.find("soit « equals », soit « one_of »"), std::string::npos) << both;
  auto typo = load_fault("    { id = 'x', label = 'X', type = 'text', shown_whem = { field = 'route', equals = 'xp' } },\n");
  EXPECT_NE(typo.find("clé « shown_whem » inconnue"), std::string::npos) << typo;
  auto min_on_text = load_fault("    { id = 'x', label = 'X', type = 'text', min = 1 },\n");
  EXPECT_NE(min_on_text.find("ne s'appliquent qu'à un champ de type number"), std::string::npos) << min_on_text;
  auto format = load_fault("    { id = 'x', label = 'X', type = 'text', format = 'siret' },\n");
  EXPECT_NE(format.find("format « siret » inconnu"), std::string::npos) << format;
}

TEST(FormDeclarations, SessionRelativeBoundsNeedALabelThatStartsWithAYear) {
  std::string academy = academy_script();
  academy.replace(academy.find("session = '2025'"), 16, "session = 'printemps'");
  auto b = build({{"academies/a.lua", academy}, {"exams/demo.lua", conditional_exam(kShown)}});
  ASSERT_EQ(b.diagnostics.size(), 1u);
  EXPECT_NE(b.diagnostics[0].message.find("le champ « last » a des bornes relatives"), std::string::npos)
      << b.diagnostics[0].str();
  EXPECT_EQ(b.diagnostics[0].file, "academies/a.lua");
}

class FormCheck : public ::testing::Test {
 protected:
  void SetUp() override {
    // validate records what it saw of the hidden fields: nil, whatever was sent.
    built_ = build({{"academies/a.lua", academy_script()},
                    {"exams/demo.lua", conditional_exam(kShown,
                                                        "if a.years ~= nil and a.route ~= 'xp' then v:error('route', 'vu') end\n"
                                                        "    if a.diploma ~= nil and not a.exemption then v:error('exemption', 'vu') end")}});
    ASSERT_TRUE(built_.diagnostics.empty()) << built_.diagnostics[0].str();
  }
  Verdict eval(const std::string& answers) {
    auto v = built_.rules->evaluate(0, "testia", "demo", "2025", *parse_rfc3339("2024-10-20T10:00:00Z"),
                                    json::parse(answers).as_object(), {});
    EXPECT_TRUE(v.ok()) << v.error().message;
    return v.ok() ? *v : Verdict{};
  }
  std::string error(const Verdict& v, const std::string& field) {
    auto it = v.errors.find(field);
    return it == v.errors.end() ? "" : it->second.message;
  }
  BuildResult built_;
};

const std::string kBase = R"("speciality": "a", "postal_code": "86000")";

TEST_F(FormCheck, AShownFieldIsRequiredAndConstrained) {
  EXPECT_EQ(error(eval("{" + kBase + R"(, "route": "xp"})"), "years"), "Ce champ est obligatoire.");
  EXPECT_EQ(error(eval("{" + kBase + R"(, "route": "xp", "years": 2})"), "years"), "Indiquez un nombre entre 3 et 60.");
  EXPECT_TRUE(eval("{" + kBase + R"(, "route": "xp", "years": 3.5})").valid);
  // Bounds relative to the session's year (2025 - 1), and the declaration's own message.
  EXPECT_EQ(error(eval("{" + kBase + R"(, "route": "again", "last": 2025})"), "last"), "Une année passée.");
  EXPECT_EQ(error(eval("{" + kBase + R"(, "route": "again", "last": 2020.5})"), "last"), "Une année passée.");
  EXPECT_TRUE(eval("{" + kBase + R"(, "route": "again", "last": 2024})").valid);
  EXPECT_EQ(error(eval("{" + kBase + R"(, "route": "xp", "years": 4, "exemption": true, "diploma": "CAP Cuisine"})"),
                  "diploma"),
            "Ce champ est trop long (5 caractères au plus).");
  EXPECT_EQ(error(eval(R"({"speciality": "a", "postal_code": "8600", "route": "xp", "years": 4})"), "postal_code"),
            "Le code postal doit comporter 5 chiffres, sans espace (par exemple 86000).");
}

TEST_F(FormCheck, AHiddenFieldIsNeitherCheckedNorSeenByTheRules) {
  auto v = eval("{" + kBase + R"(, "route": "xp", "years": 4, "last": "pas un nombre", "exemption": false,
                                   "diploma": "un texte bien trop long"})");
  EXPECT_TRUE(v.valid) << (v.errors.empty() ? "" : v.errors.begin()->first + ": " + v.errors.begin()->second.message);
  EXPECT_EQ(v.hidden_answers, (std::vector<std::string>{"last", "diploma"}));
  // The other route: years is hidden now, and validate does not see it.
  auto w = eval("{" + kBase + R"(, "route": "again", "last": 2020, "years": 1})");
  EXPECT_TRUE(w.valid) << (w.errors.empty() ? "" : w.errors.begin()->first);
  EXPECT_EQ(w.hidden_answers, (std::vector<std::string>{"years"}));
  // A field shown by an unticked box: an absent checkbox is unticked.
  auto unticked = build({{"academies/a.lua", academy_script()},
                         {"exams/demo.lua", conditional_exam("    { id = 'why', label = 'W', type = 'text', required = true,\n"
                                                             "      shown_when = { field = 'exemption', equals = false } },\n")}});
  ASSERT_TRUE(unticked.diagnostics.empty()) << unticked.diagnostics[0].str();
  auto at = *parse_rfc3339("2024-10-20T10:00:00Z");
  auto absent = unticked.rules->evaluate(0, "testia", "demo", "2025", at,
                                         json::parse("{" + kBase + R"(, "route": "xp"})").as_object(), {});
  EXPECT_EQ(absent->errors.count("why"), 1u);
  auto ticked = unticked.rules->evaluate(0, "testia", "demo", "2025", at,
                                         json::parse("{" + kBase + R"(, "route": "xp", "exemption": true})").as_object(), {});
  EXPECT_TRUE(ticked->valid);
  // A field whose controlling field is unanswered is hidden too: not required.
  auto u = eval("{" + kBase + "}");
  EXPECT_EQ(u.errors.count("years"), 0u);
  EXPECT_EQ(u.errors.count("route"), 1u);
}

TEST(FormSweep, FindsTheOptionThatThrowsAndThePieceMissingFromTheCatalogue) {
  auto b = build({{"academies/a.lua", academy_script()},
                  {"exams/demo.lua",
                   conditional_exam(kShown, "if a.route == 'again' then local t = nil; return t.x end",
                                    "v:piece('id')\n    if a.exemption then v:piece('absente') end")}});
  ASSERT_TRUE(b.diagnostics.empty());
  SweepStats stats;
  auto faults = sweep_sessions(*b.rules, {}, &stats);
  ASSERT_EQ(faults.size(), 2u);
  EXPECT_EQ(faults[0].file, "exams/demo.lua");
  EXPECT_EQ(faults[0].line, 18);
  EXPECT_NE(faults[0].message.find("route = « again »"), std::string::npos) << faults[0].message;
  EXPECT_EQ(faults[1].line, 22);
  EXPECT_NE(faults[1].message.find("pièce inconnue « absente »"), std::string::npos) << faults[1].message;
  EXPECT_NE(faults[1].message.find("exemption cochée"), std::string::npos) << faults[1].message;
  EXPECT_EQ(stats.sessions, 1u);
  EXPECT_FALSE(stats.capped);
  // Bounded: the cap stops it.
  SweepStats capped;
  sweep_sessions(*b.rules, {std::nullopt, 3}, &capped);
  EXPECT_EQ(capped.evaluations, 3u);
  EXPECT_TRUE(capped.capped);
  // Restricted to another académie: nothing evaluated.
  SweepStats none;
  EXPECT_TRUE(sweep_sessions(*b.rules, {std::string("ailleurs")}, &none).empty());
  EXPECT_EQ(none.evaluations, 0u);
}

TEST(FormSweep, GeneratedAnswersFollowTheConditions) {
  auto b = build({{"academies/a.lua", academy_script()}, {"exams/demo.lua", conditional_exam(kShown)}});
  const Academy* a = b.rules->academy("testia");
  const Exam* x = b.rules->exam("demo");
  auto base = generated_answers(*a, a->sessions[0], *x);
  EXPECT_EQ(json::serialize(base),
            R"({"speciality":"a","postal_code":"86000","route":"xp","exemption":false,"years":3})");
  auto again = generated_answers(*a, a->sessions[0], *x, {{"route", "again"}, {"exemption", true}});
  EXPECT_EQ(again.at("last").as_int64(), 2024);
  EXPECT_FALSE(again.contains("years"));
  EXPECT_EQ(again.at("diploma").as_string(), "aaaaa");
}

}  // namespace
}  // namespace guichet::testing
