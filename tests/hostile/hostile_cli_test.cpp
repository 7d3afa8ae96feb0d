// Every entry of the hostile-script corpus through the command line, as real processes with
// a wall-clock bound: `guichet check`, `eval` and `test` on a scripts folder holding it, and
// `guichet rules submit` of it (SQLite and PostgreSQL). Each must end on its own with a
// status (never a signal: no 139, no 134), print a French diagnostic of an allowed kind,
// keep its output small, and refuse what faults.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "tests/hostile/bounded_process.hpp"
#include "tests/hostile/corpus.hpp"
#include "tests/support/postgres_cluster.hpp"

namespace guichet::testing::hostile {
namespace {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr std::size_t kMaxOutput = 1u << 20;

// Ended on its own, with a status, within its bound, printing little; not through LuaJIT's
// panic (an error outside any protected call: the process exits 1 at once).
void expect_ended(const std::string& what, const Finished& f) {
  EXPECT_TRUE(f.exited()) << what << " : " << f.how() << "\n" << f.output.substr(0, 4000);
  EXPECT_LT(f.output_bytes, kMaxOutput) << what << " : " << f.output_bytes << " octets écrits";
  EXPECT_EQ(f.output.find("PANIC"), std::string::npos) << what << " : " << f.output.substr(0, 4000);
}

// A command given a faulty entry: refused (status 1) with a diagnostic of an allowed kind.
// An entry that may run: status 0, or 1 with such a diagnostic.
void expect_refused(const Entry& e, const std::string& what, const Finished& f) {
  expect_ended(what, f);
  if (!f.exited()) return;
  EXPECT_EQ(f.output.find("fuite :"), std::string::npos)
      << what << " : une évaluation a vu ce qu'une précédente avait modifié\n" << f.output.substr(0, 4000);
  if (e.may_run() && f.exit_code == 0) return;
  EXPECT_EQ(f.exit_code, 1) << what << "\n" << f.output.substr(0, 4000);
  EXPECT_TRUE(shows_allowed_fault(e, f.output))
      << what << " : aucun diagnostic attendu (" << ::testing::PrintToString(e.expect) << ") dans :\n"
      << f.output.substr(0, 4000);
}

class HostileCli : public ::testing::TestWithParam<Entry> {
 protected:
  void SetUp() override {
    const Entry& e = GetParam();
    clean_ = ws_.path / "clean";
    bad_ = ws_.path / "hostile";
    write_clean_scripts(clean_);
    write_clean_scripts(bad_);
    write_file(bad_ / e.file(), injected(e));
    if (e.may_run()) write_file(bad_ / "tests/sonde.lua", leak_cases());
    if (e.repeat > 1) write_file(bad_ / "tests/repete.lua", repeated_cases(e.repeat));
    write_file(ws_.path / "answers.json", eval_answers(e.may_run() ? "86001" : "86000"));
  }

  Finished guichet(std::vector<std::string> args, std::chrono::milliseconds bound = 20s) {
    args.insert(args.begin(), guichet_binary());
    return run_bounded(args, bound);
  }

  Finished submit(const std::string& database) {
    const Entry& e = GetParam();
    fs::path file = ws_.path / "soumis.lua";
    write_file(file, injected(e));
    std::string data = (ws_.path / (database.empty() ? "data-sqlite" : "data-pg")).string();
    std::vector<std::string> args{"rules", "submit", "--academy", "testia", "--author", "Corpus hostile", "--note",
                                  e.id, "--scripts", clean_.string(), "--data-dir", data};
    if (!database.empty()) {
      args.push_back("--database");
      args.push_back(database);
    }
    // The candidates that show the fault: the leak probe, or enough evaluations in a row.
    if (e.may_run() || e.repeat > 1) {
      args.push_back("--test");
      args.push_back((bad_ / (e.may_run() ? "tests/sonde.lua" : "tests/repete.lua")).string());
    }
    args.push_back(file.string());
    return guichet(args, 30s);
  }

  TempDir ws_{"cli"};
  fs::path clean_, bad_;
};

TEST_P(HostileCli, CheckStopsItAtLoadOrLetsItLoad) {
  const Entry& e = GetParam();
  Finished check = guichet({"check", bad_.string()});
  if (e.faults_at_load()) {
    expect_refused(e, "guichet check", check);
    return;
  }
  // A rule's fault shows only when it runs: check runs every session over answers generated
  // from its form, so it sees it too, bounded. What takes several evaluations in a row, or
  // other answers than the generated ones, to fault may pass it (`test` and `rules submit`
  // run the cases that show it).
  if (e.repeat > 1 && check.exited() && check.exit_code == 0) return expect_ended("guichet check", check);
  expect_refused(e, "guichet check", check);
}

TEST_P(HostileCli, EvalRefusesTheVerdict) {
  const Entry& e = GetParam();
  Finished eval = guichet({"eval", "--scripts", bad_.string(), "--academy", "testia", "--exam", "demo", "--session",
                           "2025", "--at", "2024-11-01T12:00:00+01:00", "--answers",
                           (ws_.path / "answers.json").string()});
  // What takes several evaluations to fault may pass one (`test` and `rules submit` run more).
  if (e.repeat > 1 && eval.exited() && eval.exit_code == 0) return expect_ended("guichet eval", eval);
  expect_refused(e, "guichet eval", eval);
}

TEST_P(HostileCli, TestRunsEveryCaseAndLeaksNothing) {
  const Entry& e = GetParam();
  Finished test = guichet({"test", bad_.string()}, 40s);
  expect_refused(e, "guichet test", test);
  // Every case ran, to the count line.
  if (test.exited()) {
    EXPECT_NE(test.output.find(" passed, "), std::string::npos) << test.output.substr(0, 4000);
  }
  if (!e.may_run() || !test.exited()) return;
  // When the scripts loaded, a clean candidate after a tampering one is judged as if alone.
  Finished check = guichet({"check", bad_.string()});
  if (check.exited() && check.exit_code == 0) {
    EXPECT_NE(test.output.find("ok     sonde"), std::string::npos) << test.output.substr(0, 4000);
  }
}

TEST_P(HostileCli, RulesSubmitRefusesItOnSQLite) {
  const Entry& e = GetParam();
  if (e.place == Place::validate) GTEST_SKIP() << "une version d'académie ne contient pas d'examen";
  expect_refused(e, "guichet rules submit (SQLite)", submit(""));
}

TEST_P(HostileCli, RulesSubmitRefusesItOnPostgreSQL) {
  const Entry& e = GetParam();
  if (e.place == Place::validate) GTEST_SKIP() << "une version d'académie ne contient pas d'examen";
  std::string url = PostgresCluster::instance().create_database("hostile");
  expect_refused(e, "guichet rules submit (PostgreSQL)", submit(url));
}

std::string entry_name(const ::testing::TestParamInfo<Entry>& info) { return info.param.id; }

INSTANTIATE_TEST_SUITE_P(Corpus, HostileCli, ::testing::ValuesIn(corpus()), entry_name);

// The corpus itself: big enough, every family present, every file well-formed (loading it
// above would have thrown otherwise), every outcome reachable.
TEST(HostileCorpus, CoversTheFamiliesOfTheIssue) {
  const auto& all = corpus();
  EXPECT_GE(all.size(), 35u);
  std::map<std::string, int> outcomes;
  std::map<Place, int> places;
  for (const auto& e : all) {
    for (const auto& o : e.expect) outcomes[o]++;
    places[e.place]++;
  }
  for (const auto& o : kOutcomes) EXPECT_GT(outcomes[o], 0) << o;
  EXPECT_GT(places[Place::load], 0);
  EXPECT_GT(places[Place::residence], 0);
  EXPECT_GT(places[Place::validate], 0);
  for (const char* id : {"gsub_recursion", "xpcall_handler_loop", "backtrack_lazy", "upvalue_hoard",
                         "tamper_departments", "tamper_identity", "string_dump_via_metatable"})
    EXPECT_TRUE(std::any_of(all.begin(), all.end(), [&](const Entry& e) { return e.id == id; })) << id;
}

// The clean scripts the corpus is injected into pass their own checks: a failure above is
// the entry's doing.
TEST(HostileCorpus, TheCleanScriptsLoadAndPass) {
  TempDir ws("clean");
  write_clean_scripts(ws.path / "scripts");
  Finished check = run_bounded({guichet_binary(), "check", (ws.path / "scripts").string()}, 20s);
  EXPECT_EQ(check.exit_code, 0) << check.how() << "\n" << check.output;
  EXPECT_NE(check.output.find("2 académie(s), 2 examen(s)"), std::string::npos) << check.output;
  write_file(ws.path / "scripts/tests/sonde.lua", leak_cases());
  write_file(ws.path / "scripts/tests/repete.lua", repeated_cases(3));
  Finished test = run_bounded({guichet_binary(), "test", (ws.path / "scripts").string()}, 20s);
  EXPECT_EQ(test.exit_code, 0) << test.how() << "\n" << test.output;
  EXPECT_NE(test.output.find("\n7 passed, 0 failed\n"), std::string::npos) << test.output;
}

}  // namespace
}  // namespace guichet::testing::hostile
