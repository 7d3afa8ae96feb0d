// Every session of the seeds (shared/domain.md) is served by the shipped Poitiers scripts
// with the notices' exact dates, modes, portals and offices.
#include <boost/json.hpp>
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
