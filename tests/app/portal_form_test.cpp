// A generic portal builds valid answers for every shipped session from the API's JSON alone:
// fields shown by their conditions, required when shown, values within their declared
// constraints. A field that is not shown is neither validated nor kept.
#include <boost/json.hpp>

#include <map>
#include <set>

#include "db/database.hpp"
#include "tests/app/candidate_client.hpp"
#include "tests/support/postgres_cluster.hpp"

namespace guichet::testing {
namespace {

namespace json = boost::json;

std::string str(const json::value& v) { return std::string(v.as_string()); }

// What the portal knows of a field when it shows it: the condition as the JSON says it.
bool shown(const json::object& field, const json::object& answers, const std::set<std::string>& shown_ids) {
  const json::value* cond = field.if_contains("shown_when");
  if (!cond) return true;
  std::string on = str(cond->at("field"));
  if (!shown_ids.count(on) || !answers.contains(on)) return false;
  for (const auto& v : cond->at("one_of").as_array())
    if (v == answers.at(on)) return true;
  return false;
}

// A value the field's JSON says is acceptable. The postal code is the académie's: the API
// says it decides the académie of residence.
json::value value_for(const json::object& f, const std::string& department) {
  std::string type = str(f.at("type"));
  if (type == "checkbox") return f.at("required").as_bool();
  if (type == "select" || type == "radio") return f.at("options").as_array().at(0).at("value");
  if (type == "number") {
    if (f.contains("min")) return f.at("min");
    if (f.contains("max")) return f.at("max");
    return 1;
  }
  if (type == "date") return "2000-01-01";
  if (type == "email") return "candidat@example.fr";
  if (type == "tel") return "05 49 00 00 00";
  if (const json::value* p = f.if_contains("pattern")) {
    EXPECT_EQ(str(*p), "^[0-9]{5}$") << "a pattern this builder does not know";
    return json::string(department + "000");
  }
  std::string text = "Réponse";
  if (const json::value* m = f.if_contains("max_length")) text = text.substr(0, m->to_number<std::size_t>());
  return json::string(text);
}

std::vector<json::object> fields_of(const json::object& session) {
  std::vector<json::object> out;
  for (const auto& tab : session.at("form").at("tabs").as_array())
    for (const auto& f : tab.at("fields").as_array()) out.push_back(f.as_object());
  return out;
}

// The form filled in order, `forced` answers in place of the defaults.
json::object build(const std::vector<json::object>& fields, const std::string& department, const json::object& forced) {
  json::object answers;
  std::set<std::string> ids;
  for (const auto& f : fields) {
    if (!shown(f, answers, ids)) continue;
    std::string id = str(f.at("id"));
    ids.insert(id);
    answers[id] = forced.contains(id) ? forced.at(id) : value_for(f, department);
  }
  return answers;
}

// The base answers, then one set per value that shows a conditional field.
std::vector<json::object> answer_sets(const std::vector<json::object>& fields, const std::string& department) {
  std::vector<json::object> out{build(fields, department, {})};
  std::set<std::string> done;
  for (const auto& f : fields) {
    const json::value* cond = f.if_contains("shown_when");
    if (!cond) continue;
    for (const auto& v : cond->at("one_of").as_array()) {
      json::object forced{{str(cond->at("field")), v}};
      if (done.insert(json::serialize(forced)).second) out.push_back(build(fields, department, forced));
    }
  }
  return out;
}

class PortalForm : public ServerFixture {
 protected:
  void SetUp() override { start("scripts"); }
};

TEST_F(PortalForm, EveryShippedSessionAcceptsAnswersBuiltFromItsJsonAlone) {
  auto academies = json::parse(get("/api/v1/academies").body).at("academies").as_array();
  ASSERT_FALSE(academies.empty());
  int sessions = 0, evaluations = 0;
  for (const auto& a : academies) {
    std::string base = "/api/v1/academies/" + str(a.at("code"));
    auto academy = json::parse(get(base).body).as_object();
    std::string department = str(academy.at("departments").as_array().at(0));
    for (const auto& s : academy.at("sessions").as_array()) {
      std::string target = base + "/exams/" + str(s.at("exam")) + "/sessions/" + str(s.at("session"));
      auto r = get(target);
      ASSERT_EQ(r.status, 200u) << target;
      auto session = json::parse(r.body).as_object();
      auto fields = fields_of(session);
      std::set<std::string> reached;
      for (const auto& answers : answer_sets(fields, department)) {
        for (const auto& [k, v] : answers) reached.insert(std::string(k));
        json::object body{{"at", session.at("opens_at")}, {"answers", answers}};
        auto e = post_json(target + "/evaluate", json::serialize(body));
        ASSERT_EQ(e.status, 200u) << target << " " << e.body;
        auto verdict = json::parse(e.body).as_object();
        EXPECT_EQ(str(verdict.at("phase")), "open") << target;
        EXPECT_TRUE(verdict.at("errors").as_object().empty())
            << target << "\nanswers: " << json::serialize(answers) << "\nverdict: " << e.body;
        EXPECT_TRUE(verdict.at("valid").as_bool()) << target;
        ++evaluations;
      }
      // Every field, conditional ones included, was filled by some answer set.
      for (const auto& f : fields) EXPECT_TRUE(reached.count(str(f.at("id")))) << target << " " << f.at("id");
      ++sessions;
    }
  }
  EXPECT_EQ(sessions, 6);
  EXPECT_GT(evaluations, 6 * 3);
}

// The JSON says what BAC PRO 2025 checks: experience_years is shown and required for the
// experience route only, previous_session for the other, with the session's bounds.
TEST_F(PortalForm, ConditionsAndConstraintsAreInTheSessionJson) {
  auto s = json::parse(get("/api/v1/academies/poitiers/exams/bac_pro/sessions/2025").body).as_object();
  std::map<std::string, json::object> by_id;
  for (const auto& f : fields_of(s)) by_id[str(f.at("id"))] = f;
  const auto& years = by_id.at("experience_years");
  EXPECT_EQ(json::serialize(years.at("shown_when")), R"({"field":"eligibility","one_of":["experience"]})");
  EXPECT_TRUE(years.at("required").as_bool());
  EXPECT_EQ(years.at("min").as_int64(), 3);
  const auto& previous = by_id.at("previous_session");
  EXPECT_EQ(previous.at("max").as_int64(), 2024);  // the session's year minus one
  EXPECT_TRUE(previous.at("integer").as_bool());
  const auto& kept = by_id.at("kept_marks_session");
  EXPECT_EQ(json::serialize(kept.at("shown_when")), R"({"field":"kept_marks","one_of":[true]})");
  EXPECT_EQ(kept.at("min").as_int64(), 2020);
  EXPECT_EQ(kept.at("max").as_int64(), 2024);
  EXPECT_EQ(str(by_id.at("postal_code").at("format")), "postal_code");
  EXPECT_EQ(str(by_id.at("postal_code").at("pattern")), "^[0-9]{5}$");
  EXPECT_FALSE(by_id.at("speciality").contains("shown_when"));
  // The 2020 session's bounds follow its own year.
  auto old = json::parse(get("/api/v1/academies/poitiers/exams/bac_pro/sessions/2020").body).as_object();
  for (const auto& f : fields_of(old)) {
    if (str(f.at("id")) != "kept_marks_session") continue;
    EXPECT_EQ(f.at("max").as_int64(), 2019);
  }
}

const char* kBacPro =
    R"("acceptation": true, "address": "15 rue de la Cathédrale", "postal_code": "86000", "city": "Poitiers",
       "phone": "05 49 00 00 00", "speciality": "cuisine", "exam_form": "globale", "foreign_language": "anglais")";

TEST_F(PortalForm, ARequiredConditionalFieldIsAskedOnlyWhenShown) {
  const std::string target = "/api/v1/academies/poitiers/exams/bac_pro/sessions/2025/evaluate";
  auto eval = [&](const std::string& more) {
    auto r = post_json(target, std::string(R"({"at": "2024-11-01T12:00:00+01:00", "answers": {)") + kBacPro + ", " +
                                   more + "}}");
    EXPECT_EQ(r.status, 200u) << r.body;
    return json::parse(r.body).as_object();
  };
  // Shown and missing: the form says so, as for any required field.
  auto missing = eval(R"("eligibility": "experience")");
  EXPECT_EQ(str(missing.at("errors").at("experience_years")), "Ce champ est obligatoire.");
  // Shown and below the declared minimum: the declaration's own message.
  auto low = eval(R"("eligibility": "experience", "experience_years": 2)");
  EXPECT_NE(str(low.at("errors").at("experience_years")).find("trois années"), std::string::npos);
  // Hidden: a wrong value is not even looked at, and the verdict says it was set aside.
  auto hidden = eval(R"("eligibility": "experience", "experience_years": 4, "previous_session": "n'importe quoi",
                        "distance_school": 12)");
  EXPECT_TRUE(hidden.at("valid").as_bool()) << json::serialize(hidden);
  EXPECT_EQ(json::serialize(hidden.at("hidden_answers")), R"(["previous_session","distance_school"])");
}

class PortalFormStorage : public CandidateApiBase, public ::testing::WithParamInterface<Backend> {
 protected:
  void SetUp() override {
    std::string url = GetParam() == Backend::postgresql ? PostgresCluster::instance().create_database("forms") : "";
    start("scripts", url, "2024-11-01T12:00:00+01:00");
  }
};

TEST_P(PortalFormStorage, AHiddenFieldsAnswerIsNeitherValidatedNorStored) {
  std::string t = account("cache@example.org");
  auto r = post_json("/api/v1/registrations",
                     std::string(R"({"academy": "poitiers", "exam": "bac_pro", "session": "2025", "answers": {)") +
                         kBacPro + R"(, "eligibility": "experience", "experience_years": 4,
                         "previous_session": "pas une année", "exemption": false, "exemption_diploma": "BEP"}})",
                     bearer(t));
  ASSERT_EQ(r.status, 201u) << r.body;
  std::string id = str(json::parse(r.body).at("id"));
  auto stored = json::parse(send("GET", "/api/v1/registrations/" + id, "", bearer(t)).body).at("answers").as_object();
  EXPECT_FALSE(stored.contains("previous_session"));
  EXPECT_FALSE(stored.contains("exemption_diploma"));
  EXPECT_EQ(stored.at("experience_years").as_int64(), 4);
  EXPECT_EQ(stored.at("exemption").as_bool(), false);
  // A modification that switches the route keeps the newly shown field, drops the other.
  auto m = send("PUT", "/api/v1/registrations/" + id,
                std::string(R"({"answers": {)") + kBacPro +
                    R"(, "eligibility": "previous_attempt", "experience_years": 4, "previous_session": 2022}})",
                bearer(t));
  ASSERT_EQ(m.status, 200u) << m.body;
  stored = json::parse(send("GET", "/api/v1/registrations/" + id, "", bearer(t)).body).at("answers").as_object();
  EXPECT_FALSE(stored.contains("experience_years"));
  EXPECT_EQ(stored.at("previous_session").as_int64(), 2022);
}

INSTANTIATE_TEST_SUITE_P(Backends, PortalFormStorage, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& info) { return info.param == Backend::sqlite ? "SQLite" : "PostgreSQL"; });

}  // namespace
}  // namespace guichet::testing
