// Every session of the seeds (shared/domain.md) is served by the shipped Poitiers scripts
// with the notices' exact dates, modes, portals and offices.
#include <boost/json.hpp>

#include <set>
#include <gtest/gtest.h>

#include "tests/app/server_fixture.hpp"

namespace guichet::testing {
namespace {

namespace json = boost::json;

struct Seed {
  const char* exam;
  const char* session;
  const char* opens;
  const char* closes;
  const char* mode;
  const char* deadline;  // nullptr: none given
  const char* portal;
};

const Seed kSeeds[] = {
    {"bac_pro", "2020", "2019-11-04T09:00:00+01:00", "2019-11-27T19:00:00+01:00", "postal", nullptr,
     "https://exacyc.orion.education.fr/cyccandidat/portal/accueil?codeER=&domaine=ATE"},
    {"cap", "2023", "2022-10-18T10:00:00+02:00", "2022-11-22T19:00:00+01:00", "postal", "2022-11-24T00:00:00+01:00",
     "https://cyclades.education.gouv.fr/cyccandidat/portal/login"},
    {"bac_pro", "2023", "2022-10-18T10:00:00+02:00", "2022-11-22T19:00:00+01:00", "upload",
     "2022-11-24T00:00:00+01:00", "https://cyclades.education.gouv.fr/cyccandidat/portal/login"},
    {"bac_pro", "2025", "2024-10-10T10:00:00+02:00", "2024-11-13T19:00:00+01:00", "upload",
     "2024-11-13T19:00:00+01:00", "https://candidat.examens-concours.gouv.fr/cyccandidat"},
    {"cs", "2025", "2024-10-22T00:00:00+02:00", "2024-11-13T19:00:00+01:00", "upload", "2024-11-13T19:00:00+01:00",
     "https://candidat.examens-concours.gouv.fr/cyccandidat"},
    {"bp", "2025", "2024-10-22T00:00:00+02:00", "2024-11-13T19:00:00+01:00", "upload", "2024-11-13T19:00:00+01:00",
     "https://candidat.examens-concours.gouv.fr/cyccandidat"},
};

class SeedSessions : public ServerFixture {
 protected:
  void SetUp() override { start("scripts"); }
  json::object session_json(const std::string& exam, const std::string& session) {
    auto r = get("/api/v1/academies/poitiers/exams/" + exam + "/sessions/" + session);
    EXPECT_EQ(r.status, 200u) << r.body;
    return json::parse(r.body).as_object();
  }
};

TEST_F(SeedSessions, EverySeedSessionIsServedAsTheNoticeSays) {
  for (const auto& seed : kSeeds) {
    std::string target = std::string("/api/v1/academies/poitiers/exams/") + seed.exam + "/sessions/" + seed.session;
    auto r = get(target);
    ASSERT_EQ(r.status, 200u) << target << " " << r.body;
    auto s = json::parse(r.body).as_object();
    EXPECT_EQ(s.at("opens_at").as_string(), seed.opens) << target;
    EXPECT_EQ(s.at("closes_at").as_string(), seed.closes) << target;
    EXPECT_EQ(s.at("final_registration").at("mode").as_string(), seed.mode) << target;
    if (seed.deadline) EXPECT_EQ(s.at("final_registration").at("deadline").as_string(), seed.deadline) << target;
    else EXPECT_TRUE(s.at("final_registration").at("deadline").is_null()) << target;
    EXPECT_EQ(s.at("portal_url").as_string(), seed.portal) << target;
  }
}

TEST_F(SeedSessions, OfficesAreTheNoticesOnes) {
  auto a = json::parse(get("/api/v1/academies/poitiers").body).as_object();
  EXPECT_EQ(a.at("timezone").as_string(), "Europe/Paris");
  std::set<std::string> emails, departments;
  for (const auto& p : a.at("poles").as_array()) emails.insert(std::string(p.at("email").as_string()));
  for (const auto& d : a.at("departments").as_array()) departments.insert(std::string(d.as_string()));
  EXPECT_EQ(emails, (std::set<std::string>{"pole.industriel.tertiaire@ac-poitiers.fr", "pole.sah@ac-poitiers.fr",
                                           "pole.bac.pro@ac-poitiers.fr"}));
  EXPECT_EQ(departments, (std::set<std::string>{"16", "17", "79", "86"}));
}

TEST_F(SeedSessions, BacProSpecialitiesGoToTheBacProOfficeAndOthersSplitBySector) {
  for (const char* path : {"bac_pro/sessions/2025", "cap/sessions/2023", "cs/sessions/2025", "bp/sessions/2025"}) {
    auto s = json::parse(get(std::string("/api/v1/academies/poitiers/exams/") + path).body).as_object();
    std::set<std::string> poles;
    for (const auto& sp : s.at("specialities").as_array()) poles.insert(std::string(sp.at("pole").as_string()));
    if (std::string(path).rfind("bac_pro", 0) == 0)
      EXPECT_EQ(poles, (std::set<std::string>{"bac_pro"})) << path;
    else
      EXPECT_EQ(poles, (std::set<std::string>{"industriel_tertiaire", "services_alimentation_hotellerie"})) << path;
  }
}

std::set<std::string> codes(const json::array& list, const char* key) {
  std::set<std::string> out;
  for (const auto& x : list) out.insert(std::string(x.at(key).as_string()));
  return out;
}

TEST_F(SeedSessions, DeadlinesAreSaidAsTheNoticesSayThemAndTheInstructionsUseTheSameWords) {
  struct Expected {
    const char* exam;
    const char* session;
    const char* text;
  };
  for (const auto& e : {Expected{"cap", "2023", "avant le 24 novembre 2022"},
                        Expected{"bac_pro", "2023", "avant le 24 novembre 2022"},
                        Expected{"bac_pro", "2025", "avant le 13 novembre 2024 à 19 h 00"},
                        Expected{"cs", "2025", "avant le 13 novembre 2024 à 19 h 00"}}) {
    auto fr = session_json(e.exam, e.session).at("final_registration").as_object();
    EXPECT_EQ(fr.at("deadline_text").as_string(), e.text) << e.exam << " " << e.session;
    const std::string instructions(fr.at("instructions").as_string());
    EXPECT_NE(instructions.find(e.text), std::string::npos) << instructions;
    EXPECT_EQ(instructions.find("{date_limite}"), std::string::npos) << instructions;
    EXPECT_EQ(instructions.find("19h00"), std::string::npos) << instructions;
  }
  EXPECT_TRUE(session_json("bac_pro", "2020").at("final_registration").at("deadline_text").is_null());
}

TEST_F(SeedSessions, EachSessionSaysWhatItsNoticeSays) {
  // 2020: the notice names its own office, and the file goes by post to the Rectorat.
  auto s2020 = session_json("bac_pro", "2020");
  EXPECT_NE(std::string(s2020.at("contact").at("name").as_string()).find("Bureau des examens professionnels "
                                                                        "Baccalauréats professionnels"),
            std::string::npos);
  const auto address = s2020.at("postal_address").as_array();
  ASSERT_FALSE(address.empty());
  EXPECT_EQ(address.front().as_string(), "Rectorat de l'académie de Poitiers");
  EXPECT_EQ(address.back().as_string(), "86022 Poitiers Cedex");
  EXPECT_EQ(session_json("cap", "2023").at("postal_address").as_array(), address);
  EXPECT_FALSE(session_json("bac_pro", "2023").contains("postal_address"));  // upload
  EXPECT_FALSE(session_json("bac_pro", "2025").contains("contact"));
  auto academy = json::parse(get("/api/v1/academies/poitiers").body).as_object();
  EXPECT_EQ(academy.at("postal_address").as_array(), address);

  // AGORA exists from the 2021 session: neither listed nor offered in 2020.
  auto offered = [](const json::object& s) {
    for (const auto& tab : s.at("form").at("tabs").as_array())
      for (const auto& f : tab.at("fields").as_array())
        if (f.at("id").as_string() == "speciality") return codes(f.at("options").as_array(), "value");
    return std::set<std::string>{};
  };
  EXPECT_FALSE(codes(s2020.at("specialities").as_array(), "code").count("agora"));
  EXPECT_FALSE(offered(s2020).count("agora"));
  auto s2025 = session_json("bac_pro", "2025");
  EXPECT_TRUE(codes(s2025.at("specialities").as_array(), "code").count("agora"));
  EXPECT_TRUE(offered(s2025).count("agora"));

  // A CS with options A and B.
  bool found = false;
  const auto cs = session_json("cs", "2025");
  for (const auto& sp : cs.at("specialities").as_array()) {
    if (sp.at("code").as_string() != "energies_renouvelables") {
      EXPECT_FALSE(sp.as_object().contains("options")) << sp;
      continue;
    }
    found = true;
    EXPECT_EQ(codes(sp.at("options").as_array(), "code"), (std::set<std::string>{"A", "B"}));
  }
  EXPECT_TRUE(found);
}

TEST_F(SeedSessions, TheTwoTwentyTwentyThreeNoticesShareAWindowButNotAMode) {
  auto services = json::parse(get("/api/v1/services?at=2022-11-22T18:59:59%2B01:00").body).as_object();
  std::set<std::string> open;
  for (const auto& s : services.at("services").as_array()) open.insert(std::string(s.at("exam").as_string()));
  EXPECT_EQ(open, (std::set<std::string>{"bac_pro", "cap"}));
  auto after = json::parse(get("/api/v1/services?at=2022-11-22T18:00:00Z").body).as_object();
  EXPECT_TRUE(after.at("services").as_array().empty());
}

}  // namespace
}  // namespace guichet::testing
