// The shipped rules' verdicts, kept as a snapshot: every session evaluated over answers built
// from its own form, one factor at a time (each option, each checkbox on and off, numbers at
// and around their bounds, empty texts, postal codes of the académie, of elsewhere and of
// nowhere), for a few identities, inside the window and after it. A change of the scripts that
// is meant to change nothing (moving shared code into lib/, say) must leave this file as it was.
// What a verdict says is compared (phase, validity, each error's message, the pieces and
// whether they are required, the office, ignored answers), not where the rules that said it
// live. After an intended change of the rules: GUICHET_UPDATE_SNAPSHOTS=1 rewrites the file,
// and the diff shows what changed for candidates.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/form_sweep.hpp"
#include "core/rule_set.hpp"
#include "tests/support/snapshot.hpp"

namespace guichet {
namespace {

namespace json = boost::json;

const std::string kScripts = std::string(GUICHET_SOURCE_DIR) + "/scripts";
const std::string kSnapshot = std::string(GUICHET_SOURCE_DIR) + "/tests/fixtures/shipped/verdicts.txt";

std::string describe(const Verdict& v) {
  std::string out = to_string(v.phase);
  out += v.valid ? " valid" : " invalid";
  if (v.wrong_academy) out += " wrong_academy";
  out += " pole=" + v.pole.value_or("-");
  out += " pieces=";
  for (const auto& p : v.pieces) out += p.code + (p.required ? "" : "?") + ",";
  for (const auto& h : v.hidden_answers) out += " hidden=" + h;
  for (const auto& [field, e] : v.errors) out += "\n    " + field + ": " + e.message;
  return out;
}

// The values tried for one field, each with the answers that show it.
std::vector<std::pair<std::string, json::object>> variations(const Exam& exam, const Field& f) {
  std::vector<json::value> values;
  if (f.id == "speciality") {
    for (const auto& s : exam.specialities) values.emplace_back(s.code);
  } else if (f.id == "speciality_option") {
    for (const auto& s : exam.specialities)
      for (const auto& o : s.options) values.emplace_back(o.code);
    values.emplace_back("Z");
  } else if (f.type == "select" || f.type == "radio") {
    for (const auto& o : f.options) values.emplace_back(o.value);
  } else if (f.type == "checkbox") {
    values = {true, false};
  } else if (f.type == "number") {
    for (double n : {0.0, 1.0, 2.0, 3.0, 4.5, 5.0, 61.0, 2017.0, 2019.0, 2020.0, 2024.0, 2025.0}) values.emplace_back(n);
  } else if (f.format == kPostalCodeFormat) {
    for (const char* cp : {"86000", "16000", "17000", "79000", "75001", "20000", "97200", "00000", "8600"})
      values.emplace_back(cp);
  } else {
    values.emplace_back("");
  }
  std::vector<std::pair<std::string, json::object>> out;
  for (const auto& v : values) {
    json::object forced;
    if (f.shown_when && !f.shown_when->values.empty()) {
      const std::string& want = f.shown_when->values.front();
      if (f.shown_when->checkbox) forced[f.shown_when->field] = want == "true";
      else forced[f.shown_when->field] = want;
    }
    if (f.id == "speciality_option")  // the speciality that has options
      for (const auto& s : exam.specialities)
        if (!s.options.empty()) forced["speciality"] = s.code;
    forced[f.id] = v;
    std::string said = json::serialize(v);
    if (v.is_double()) {  // 2 rather than 2E0
      char buf[32];
      std::snprintf(buf, sizeof buf, "%g", v.get_double());
      said = buf;
    }
    out.emplace_back(f.id + "=" + said, std::move(forced));
  }
  return out;
}

std::string snapshot() {
  auto built = build_rule_set(*read_sources(kScripts), {});
  EXPECT_TRUE(built.rules);
  if (!built.rules) return "";
  const json::object adult{{"birth_date", "1990-03-15"}, {"nationality", "francaise"}};
  const std::vector<std::pair<std::string, json::object>> identities = {
      {"francais-30-ans", adult},
      {"francais-20-ans", {{"birth_date", "2004-05-01"}, {"nationality", "francaise"}}},
      {"francais-17-ans", {{"birth_date", "2007-06-01"}, {"nationality", "francaise"}}},
      {"ue-20-ans", {{"birth_date", "2004-05-01"}, {"nationality", "ue"}}},
      {"sans-identite", {}},
  };
  std::ostringstream out;
  for (const auto& [code, academy] : built.rules->catalog().academies)
    for (const auto& session : academy.sessions) {
      const Exam* exam = built.rules->exam(session.exam);
      if (!exam) continue;
      const std::string title = code + " " + session.exam + " " + session.session;
      const Seconds last = session.closes - std::chrono::seconds(1);
      auto eval = [&](const std::string& what, const json::object& forced, const json::object& identity, Seconds at,
                      const json::object& extra = {}) {
        json::object answers = generated_answers(academy, session, *exam, forced);
        for (const auto& [k, x] : extra) answers[k] = x;  // answers to fields that are not shown
        auto v = built.rules->evaluate(0, code, session.exam, session.session, at, answers, identity);
        out << title << " | " << what << " | " << (v.ok() ? describe(*v) : "error: " + v.error().message) << "\n";
      };
      for (const auto& [who, identity] : identities) {
        eval(who + " first second", {}, identity, session.opens);
        eval(who + " last second", {}, identity, last);
        eval(who + " closed", {}, identity, session.closes);
        eval(who + " before", {}, identity, session.opens - std::chrono::seconds(1));
      }
      for (const auto& tab : exam->tabs)
        for (const auto& field : tab.fields)
          for (const auto& [what, forced] : variations(*exam, field)) {
            eval(what, forced, adult, last);
            if (field.type == "checkbox" || field.id == "speciality")
              eval(what + " francais-20-ans", forced, identities[1].second, last);
          }
      // A conditional field answered while its condition does not hold: ignored.
      for (const auto& tab : exam->tabs)
        for (const auto& field : tab.fields)
          if (field.shown_when && field.type != "checkbox")
            eval(field.id + " not shown", {}, adult, last, {{field.id, field.type == "number" ? json::value(3) : json::value("x")}});
    }
  return out.str();
}

TEST(ShippedVerdicts, AreTheSnapshot) {
  const std::string now = snapshot();
  ASSERT_FALSE(now.empty());
  EXPECT_SNAPSHOT(kSnapshot, now);
}

}  // namespace
}  // namespace guichet
