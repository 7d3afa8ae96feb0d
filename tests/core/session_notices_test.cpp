// What the notices say per session: the deadline written once in the instructions, the
// Rectorat's postal address, a session's own contact, specialities open to some sessions only,
// a speciality's options. Load-time checks are reported with file:line, in French.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/time_format.hpp"
#include "test_sources.hpp"

namespace guichet {
namespace {

using testing::build;
namespace json = boost::json;

std::string first_fault(const BuildResult& b) { return b.diagnostics.empty() ? "" : b.diagnostics[0].str(); }

const char* kAcademyHead =
    "academy { api_level = 1, code = 'testia', name = 'Test', number = 99, timezone = 'Europe/Paris',\n"
    "  departments = { '86' }, poles = { { code = 'p1', name = 'Pôle 1', phones = { '01' }, email = 'p1@example.org' } },\n"
    "  postal_address = { 'Rectorat de test', 'BP 1', '86000 Poitiers' } }\n";

std::string session(const std::string& label, const std::string& final_registration, const std::string& extra = "") {
  return "session { exam = 'demo', session = '" + label + "', title = 'S', opens = '2022-10-18 10:00',\n"
         "  closes = '2022-11-22 19:00', final_registration = " + final_registration + extra + " }\n";
}

// An exam with a speciality open from 2021 and one with options A and B.
std::string exam(bool option_field = true, const std::string& options =
                                               "options = { { code = 'A', label = 'Option A : électrique' },"
                                               " { code = 'B', label = 'Option B : thermique' } }") {
  return "exam { api_level = 1, code = 'demo', name = 'Démo',\n"
         "  specialities = { { code = 'vieux', label = 'Ancienne', sector = 'x' },\n"
         "    { code = 'agora', label = 'AGORA', sector = 'x', sessions = { from = '2021' } },\n"
         "    { code = 'enr', label = 'Énergies', sector = 'x', " + options + " } },\n"
         "  tabs = { { id = 't', title = 'T', fields = {\n"
         "    { id = 'speciality', label = 'S', type = 'select', required = true },\n" +
         (option_field ? "    { id = 'speciality_option', label = 'Option', type = 'select' },\n" : "") +
         "    { id = 'postal_code', label = 'CP', type = 'text', required = true } } } },\n"
         "  pieces = { { code = 'id', label = 'Identité', explanation = 'x' } },\n"
         "  require_pieces = function(a, v) v:piece('id') end,\n"
         "  route = function(a, v) v:pole('p1') end }\n";
}

TEST(SessionNotices, TheInstructionsSayTheEnforcedDeadlineInTheSameWords) {
  auto b = build({{"academies/t.lua", std::string(kAcademyHead) +
                                          session("2023", "{ mode = 'postal', deadline = '2022-11-24',"
                                                          " instructions = 'Envoyez votre dossier {date_limite}.' }") +
                                          session("2025", "{ mode = 'upload', deadline = '2022-11-22 19:00',"
                                                          " instructions = 'Confirmez {date_limite}.' }")},
                  {"exams/demo.lua", exam()}});
  ASSERT_EQ(first_fault(b), "");
  const Academy* a = b.rules->academy("testia");
  EXPECT_EQ(a->find_session("demo", "2023")->final_registration.instructions,
            "Envoyez votre dossier avant le 24 novembre 2022.");
  EXPECT_EQ(a->find_session("demo", "2025")->final_registration.instructions,
            "Confirmez avant le 22 novembre 2022 à 19 h 00.");
}

TEST(SessionNotices, ADateWrittenByHandInTheInstructionsIsRefused) {
  for (const char* text : {"Envoyez votre dossier avant le 24 novembre 2022.", "Au plus tard le 1er décembre.",
                           "Avant le 24/11/2022."}) {
    auto b = build({{"academies/t.lua",
                     std::string(kAcademyHead) + session("2023", std::string("{ mode = 'postal', deadline = '2022-11-24',"
                                                                             " instructions = '") + text + "' }")},
                    {"exams/demo.lua", exam()}});
    auto f = first_fault(b);
    EXPECT_NE(f.find("academies/t.lua:4:"), std::string::npos) << f;
    EXPECT_NE(f.find("écrit une date à la main"), std::string::npos) << f;
    EXPECT_NE(f.find("{date_limite}"), std::string::npos) << f;
  }
  // Words that only look like a month are fine.
  auto ok = build({{"academies/t.lua", std::string(kAcademyHead) +
                                           session("2023", "{ mode = 'postal', instructions = 'Les 3 maisons du mai.' }")},
                   {"exams/demo.lua", exam()}});
  EXPECT_EQ(first_fault(ok), "");
}

TEST(SessionNotices, ThePlaceholderWithoutADeadlineIsRefused) {
  auto b = build({{"academies/t.lua", std::string(kAcademyHead) +
                                          session("2023", "{ mode = 'postal', instructions = 'Envoyez {date_limite}.' }")},
                  {"exams/demo.lua", exam()}});
  auto f = first_fault(b);
  EXPECT_NE(f.find("academies/t.lua:4:"), std::string::npos) << f;
  EXPECT_NE(f.find("n'a pas de « deadline »"), std::string::npos) << f;
}

TEST(SessionNotices, APostalSessionNeedsAnAddressAndMayHaveItsOwnAndItsOwnContact) {
  const std::string no_address =
      "academy { api_level = 1, code = 'testia', name = 'Test', number = 99, timezone = 'Europe/Paris',\n"
      "  departments = { '86' }, poles = { { code = 'p1', name = 'Pôle 1', phones = { '01' }, email = 'p1@example.org' } } }\n";
  auto refused = build({{"academies/t.lua", no_address + session("2020", "{ mode = 'postal' }")},
                        {"exams/demo.lua", exam()}});
  auto f = first_fault(refused);
  EXPECT_NE(f.find("academies/t.lua:3:"), std::string::npos) << f;
  EXPECT_NE(f.find("déclarez « postal_address »"), std::string::npos) << f;

  auto own = build({{"academies/t.lua",
                     no_address + session("2020", "{ mode = 'postal' }",
                                          ", postal_address = { 'Bureau des examens', '86000 Poitiers' },"
                                          " contact = { name = 'Bureau des examens professionnels' }") +
                         session("2023", "{ mode = 'upload' }")},
                    {"exams/demo.lua", exam()}});
  ASSERT_EQ(first_fault(own), "");
  const Academy* a = own.rules->academy("testia");
  const Session* s2020 = a->find_session("demo", "2020");
  EXPECT_EQ(a->postal_address_for(*s2020), (std::vector<std::string>{"Bureau des examens", "86000 Poitiers"}));
  ASSERT_NE(a->contact_for(*s2020, "p1"), nullptr);
  EXPECT_EQ(a->contact_for(*s2020, "p1")->name, "Bureau des examens professionnels");
  EXPECT_EQ(a->contact_for(*a->find_session("demo", "2023"), "p1")->name, "Pôle 1");
}

class Specialities : public ::testing::Test {
 protected:
  void SetUp() override {
    built_ = build({{"academies/t.lua", std::string(kAcademyHead) + session("2020", "{ mode = 'upload' }") +
                                            session("2025", "{ mode = 'upload' }")},
                    {"exams/demo.lua", exam()}});
    ASSERT_EQ(first_fault(built_), "");
  }
  Verdict judge(const std::string& session, const char* answers) {
    auto v = built_.rules->evaluate(0, "testia", "demo", session, *parse_local("2022-11-01 10:00", *find_zone("Europe/Paris")),
                                    json::parse(answers).as_object(), {});
    EXPECT_TRUE(v.ok());
    return v.ok() ? *v : Verdict{};
  }
  std::string error(const Verdict& v, const char* field) {
    auto it = v.errors.find(field);
    return it == v.errors.end() ? "" : it->second.message;
  }
  BuildResult built_;
};

TEST_F(Specialities, ASpecialityOpenFromASessionIsRefusedBefore) {
  Verdict old = judge("2020", R"({"speciality": "agora", "postal_code": "86000"})");
  EXPECT_FALSE(old.valid);
  EXPECT_EQ(error(old, "speciality"), "La spécialité « AGORA » n'est pas ouverte à la session 2020.");
  EXPECT_TRUE(judge("2025", R"({"speciality": "agora", "postal_code": "86000"})").valid);
  EXPECT_TRUE(judge("2020", R"({"speciality": "vieux", "postal_code": "86000"})").valid);
}

TEST_F(Specialities, AnOptionIsRequiredKnownAndOnlyForSpecialitiesThatHaveThem) {
  Verdict missing = judge("2025", R"({"speciality": "enr", "postal_code": "86000"})");
  EXPECT_EQ(error(missing, "speciality_option"),
            "Choisissez l'option de la spécialité « Énergies » : « Option A : électrique » ou « Option B : thermique ».");
  EXPECT_TRUE(judge("2025", R"({"speciality": "enr", "speciality_option": "B", "postal_code": "86000"})").valid);
  Verdict unknown = judge("2025", R"({"speciality": "enr", "speciality_option": "C", "postal_code": "86000"})");
  EXPECT_NE(error(unknown, "speciality_option"), "");  // not among the exam's options at all
  // For a speciality without options the field is hidden: its answer is ignored, not refused.
  Verdict stray = judge("2025", R"({"speciality": "vieux", "speciality_option": "A", "postal_code": "86000"})");
  EXPECT_TRUE(stray.valid) << error(stray, "speciality_option");
}

TEST_F(Specialities, TheOptionFieldOffersTheExamsOptions) {
  const Field* f = built_.rules->exam("demo")->find_field("speciality_option");
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(f->options.size(), 2u);
  EXPECT_EQ(f->options[0].value, "A");
  EXPECT_EQ(f->options[1].label, "Option B : thermique");
  // Shown, and so required, exactly for the specialities that have options.
  ASSERT_TRUE(f->shown_when);
  EXPECT_EQ(f->shown_when->field, "speciality");
  EXPECT_EQ(f->shown_when->values, std::vector<std::string>{"enr"});
  EXPECT_TRUE(f->required);
}

TEST(SessionNotices, SpecialityDeclarationsAreChecked) {
  auto no_field = build({{"academies/t.lua", std::string(kAcademyHead) + session("2025", "{ mode = 'upload' }")},
                         {"exams/demo.lua", exam(false)}});
  EXPECT_NE(first_fault(no_field).find("le formulaire doit avoir un champ « speciality_option »"), std::string::npos)
      << first_fault(no_field);
  auto one_option = build({{"academies/t.lua", std::string(kAcademyHead) + session("2025", "{ mode = 'upload' }")},
                           {"exams/demo.lua", exam(true, "options = { { code = 'A', label = 'Seule' } }")}});
  EXPECT_NE(first_fault(one_option).find("une seule option déclarée"), std::string::npos) << first_fault(one_option);
}

}  // namespace
}  // namespace guichet
