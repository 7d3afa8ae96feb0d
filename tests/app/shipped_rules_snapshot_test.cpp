// What the public rules routes answer for the shipped scripts, byte for byte, kept as a
// snapshot: the académies, Poitiers, every session's JSON (form, pieces, specialities, offices)
// and the verdict on the answers a portal would build from that JSON. A change of the scripts
// meant to change nothing a portal reads (moving shared sections into lib/, say) must leave it
// as it was, all but the rule set's version (the scripts' hash). After an intended change:
// GUICHET_UPDATE_SNAPSHOTS=1 rewrites the file, and its diff is what portals will see change.
#include <boost/json.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <gtest/gtest.h>

#include "core/form_sweep.hpp"
#include "core/rule_set.hpp"
#include "core/time_format.hpp"
#include "tests/app/server_fixture.hpp"
#include "tests/support/snapshot.hpp"

namespace guichet::testing {
namespace {

namespace json = boost::json;

const std::string kSnapshot = std::string(GUICHET_SOURCE_DIR) + "/tests/fixtures/shipped/routes.txt";

// The rule set's version is the hash of the scripts' text: it changes with any edit, even one
// that changes nothing else, so it is left out of the comparison.
std::string without_version(std::string body) {
  const std::string key = "\"rule_set_version\":\"";
  for (size_t at = body.find(key); at != std::string::npos; at = body.find(key, at + 1)) {
    size_t from = at + key.size(), to = body.find('"', from);
    if (to == std::string::npos) break;
    body.replace(from, to - from, "...");
  }
  return body;
}

class ShippedRulesSnapshot : public ServerFixture {
 protected:
  void SetUp() override { start("scripts"); }
};

TEST_F(ShippedRulesSnapshot, PublicRoutesAnswerAsTheSnapshot) {
  auto built = build_rule_set(*read_sources(std::string(GUICHET_SOURCE_DIR) + "/scripts"), {});
  ASSERT_TRUE(built.rules);
  std::ostringstream now;
  auto record = [&](const std::string& method, const std::string& target, const HttpResponse& r) {
    now << method << " " << target << "\n" << r.status << " " << without_version(r.body) << "\n\n";
  };
  for (const char* target : {"/api/v1/academies", "/api/v1/academies/poitiers",
                             "/api/v1/services?at=2022-11-01T10:00:00%2B01:00",
                             "/api/v1/services?at=2024-11-01T10:00:00%2B01:00"})
    record("GET", target, get(target));
  for (const auto& [code, academy] : built.rules->catalog().academies)
    for (const auto& session : academy.sessions) {
      const std::string base = "/api/v1/academies/" + code + "/exams/" + session.exam + "/sessions/" + session.session;
      record("GET", base, get(base));
      const Exam* exam = built.rules->exam(session.exam);
      ASSERT_TRUE(exam);
      // Inside the window, at its last second.
      json::object body;
      body["at"] = format_rfc3339(session.closes - std::chrono::seconds(1), academy.zone);
      body["answers"] = generated_answers(academy, session, *exam);
      const std::string text = json::serialize(body);
      now << text << "\n";
      record("POST", base + "/evaluate", post_json(base + "/evaluate", text));
    }
  EXPECT_SNAPSHOT(kSnapshot, now.str());
}

}  // namespace
}  // namespace guichet::testing
