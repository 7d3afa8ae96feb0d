// Personal data kept as long as the académie's script says, on both backends: nothing before the
// delay; a dry run that counts and deletes nothing; the pieces after their delay (the
// registrations stay), then the registrations, then accounts left without any; each deletion
// in the audit log with the script's reason; a second run finds nothing. And `conservation`
// written wrong is refused at load, in French.
#include <gtest/gtest.h>

#include <soci/soci.h>

#include <boost/json.hpp>

#include <filesystem>
#include <fstream>

#include "core/rule_set.hpp"
#include "core/rules.hpp"
#include "core/sources.hpp"
#include "core/time_format.hpp"
#include "db/file_store.hpp"
#include "services/retention.hpp"
#include "tests/app/candidate_client.hpp"
#include "tests/support/postgres_cluster.hpp"
#include "tests/support/run_command.hpp"

namespace guichet::testing {
namespace {

namespace json = boost::json;
namespace fs = std::filesystem;

const char* kConservation =
    "  conservation = {\n"
    "    pieces = { mois = 6, motif = \"Six mois après la clôture : résultats et recours.\" },\n"
    "    inscriptions = { mois = 18, motif = \"Preuve de l'inscription pendant dix-huit mois.\" },\n"
    "    comptes = { mois = 24, motif = \"Deux ans sans activité.\" },\n"
    "  },\n";

// The fixture's scripts with `text` written into academy{} after its number.
fs::path scripts_with(const fs::path& from, const fs::path& to, const std::string& text) {
  fs::remove_all(to);
  fs::copy(from, to, fs::copy_options::recursive);
  const fs::path file = to / "academies" / "testia.lua";
  std::ifstream in(file);
  std::string source{std::istreambuf_iterator<char>(in), {}};
  const std::string anchor = "  number = 99,\n";
  source.insert(source.find(anchor) + anchor.size(), text);
  std::ofstream(file) << source;
  return to;
}

Instant at(const std::string& rfc3339) { return Instant(*parse_rfc3339(rfc3339)); }

class Retention : public CandidateApiBase, public ::testing::WithParamInterface<Backend> {
 protected:
  void SetUp() override {
    url_ = GetParam() == Backend::postgresql ? PostgresCluster::instance().create_database("conservation") : "";
    start("tests/fixtures/minimal", url_, "2024-11-01T10:00:00+01:00");
  }
  // A candidate registered to testia demo 2025 with one piece: the piece file's stored id.
  std::string registered_with_piece(const std::string& email) {
    const std::string token = account(email);
    auto r = send("POST", "/api/v1/registrations",
                  R"({"academy": "testia", "exam": "demo", "session": "2025", "answers": {"speciality": "cuisine",
                      "postal_code": "86000", "exemption": true}})",
                  bearer(token));
    EXPECT_EQ(r.status, 201u) << r.body;
    auto h = bearer(token);
    h["Content-Type"] = "application/octet-stream";
    h["Content-Disposition"] = "attachment; filename=\"carte.pdf\"";
    auto up = send("PUT", "/api/v1/registrations/" + std::string(json::parse(r.body).at("id").as_string()) +
                              "/pieces/identite",
                   "%PDF-1.4\npièce de " + email, h);
    EXPECT_EQ(up.status, 201u) << up.body;
    return std::string(json::parse(up.body).at("file").at("id").as_string());
  }
  long long count(Database& db, const std::string& sql) {
    long long n = -1;
    EXPECT_TRUE(db.with_session([&](soci::session& s) {
                    s << sql, soci::into(n);
                    return Status::Ok();
                  }).ok());
    return n;
  }
  std::string url_;
};

TEST_P(Retention, PiecesThenRegistrationsThenAccountsGoWhenTheScriptSaysAndAreAudited) {
  registered_with_piece("un@example.org");
  registered_with_piece("deux@example.org");
  account("sans-inscription@example.org");

  auto db = Database::open(url_, (root_ / "data").string(), 1);
  ASSERT_TRUE(db.ok());
  db::FileStore files(**db, root_ / "data" / "files");
  ManualClock clock(at("2025-05-13T18:00:00+02:00"));  // the close (2024-11-13 19:00) + 6 months, less an hour
  Rules rules(RuleSetOptions{}, clock, nullptr);
  auto sources = read_sources(scripts_with(root_ / "scripts", root_ / "regles", kConservation));
  ASSERT_TRUE(sources.ok());
  ASSERT_TRUE(rules.load(*sources).activated);
  services::RetentionService retention(**db, files, rules, clock);
  const std::string pieces_sql = "SELECT COUNT(*) FROM piece_files";
  const std::string registrations_sql = "SELECT COUNT(*) FROM registrations";

  auto early = retention.run(false);
  ASSERT_TRUE(early.ok()) << early.error().message;
  EXPECT_TRUE(early->steps.empty());
  EXPECT_EQ(count(**db, pieces_sql), 2);

  clock.set(at("2025-05-13T19:00:00+02:00"));
  auto dry = retention.run(true);
  ASSERT_TRUE(dry.ok());
  ASSERT_EQ(dry->steps.size(), 1u);
  EXPECT_EQ(dry->steps[0].category, "pieces");
  EXPECT_EQ(dry->steps[0].count, 2);
  EXPECT_EQ(services::describe(dry->steps[0], true),
            "testia demo 2025 : 2 fichier(s) de pièces et documents, 6 mois après la clôture, à supprimer — Six mois "
            "après la clôture : résultats et recours.");
  EXPECT_EQ(count(**db, pieces_sql), 2) << "l'essai a supprimé";

  auto pieces = retention.run(false);
  ASSERT_TRUE(pieces.ok());
  ASSERT_EQ(pieces->steps.size(), 1u);
  EXPECT_EQ(pieces->steps[0].count, 2);
  EXPECT_EQ(count(**db, pieces_sql), 0);
  EXPECT_EQ(count(**db, "SELECT COUNT(*) FROM stored_files"), 0);
  EXPECT_EQ(count(**db, registrations_sql), 2);  // kept 18 months
  if (GetParam() == Backend::sqlite) {
    std::size_t left = 0;
    for (const auto& e : fs::recursive_directory_iterator(root_ / "data" / "files"))
      if (e.is_regular_file()) ++left;
    EXPECT_EQ(left, 0u) << "les fichiers sont restés sur le disque";
  }
  EXPECT_EQ(count(**db, "SELECT COUNT(*) FROM audit_log WHERE action = 'retention.pieces' AND academy = 'testia' AND "
                        "reason = 'Six mois après la clôture : résultats et recours.'"),
            1);
  EXPECT_TRUE(retention.run(false)->steps.empty()) << "une seconde passe trouve encore à supprimer";

  clock.set(at("2026-05-13T19:00:00+02:00"));
  auto registrations = retention.run(false);
  ASSERT_TRUE(registrations.ok());
  ASSERT_EQ(registrations->steps.size(), 1u);
  EXPECT_EQ(registrations->steps[0].category, "inscriptions");
  EXPECT_EQ(registrations->steps[0].count, 2);
  EXPECT_EQ(count(**db, registrations_sql), 0);
  EXPECT_EQ(count(**db, "SELECT COUNT(*) FROM registration_versions"), 0);

  // Accounts: 24 months after their last activity (today's real dates), now with nothing kept.
  clock.set(services::add_months(std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now()), 25));
  auto accounts = retention.run(false);
  ASSERT_TRUE(accounts.ok());
  ASSERT_EQ(accounts->steps.size(), 1u);
  EXPECT_EQ(accounts->steps[0].category, "comptes");
  EXPECT_EQ(accounts->steps[0].count, 3);
  EXPECT_EQ(count(**db, "SELECT COUNT(*) FROM accounts"), 0);
  EXPECT_EQ(count(**db, "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'retention.%'"), 3);
}

// The command, on the machine's real clock: the fixture's session closed in November 2024, so
// its pieces' default delay (12 months) is past; --dry-run says so and deletes nothing.
TEST_P(Retention, TheCommandSaysWhatADryRunWouldDelete) {
  registered_with_piece("trois@example.org");
  const std::string cmd = std::string(GUICHET_BINARY) + " retention --dry-run --config none --scripts " +
                          (root_ / "scripts").string() + " --data-dir " + (root_ / "data").string() +
                          (url_.empty() ? "" : " --database '" + url_ + "'") + " 2>&1";
  auto r = run_command_status(cmd);
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("testia demo 2025 : 1 fichier(s) de pièces et documents, 12 mois après la clôture, à supprimer"),
            std::string::npos) << r.out;
  EXPECT_NE(r.out.find("essai : rien n'a été supprimé"), std::string::npos) << r.out;
  auto db = Database::open(url_, (root_ / "data").string(), 1);
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(count(**db, "SELECT COUNT(*) FROM piece_files"), 1);
}

TEST_P(Retention, ConservationWrittenWrongIsRefusedInFrench) {
  if (GetParam() != Backend::sqlite) GTEST_SKIP() << "a load fault: the backend plays no part";
  auto dir = scripts_with(root_ / "scripts", root_ / "faux", "  conservation = { pieces = { mois = 0, motif = \"x\" } },\n");
  auto built = build_rule_set(*read_sources(dir), {});
  std::string all;
  for (const auto& d : built.diagnostics) all += d.str() + "\n";
  EXPECT_NE(all.find("academy.conservation.pieces : « mois » doit être entre 1 et 120"), std::string::npos) << all;
  dir = scripts_with(root_ / "scripts", root_ / "faux2", "  conservation = { archives = { mois = 3, motif = \"x\" } },\n");
  built = build_rule_set(*read_sources(dir), {});
  all.clear();
  for (const auto& d : built.diagnostics) all += d.str() + "\n";
  EXPECT_NE(all.find("« conservation » ne connaît pas « archives »"), std::string::npos) << all;
}

INSTANTIATE_TEST_SUITE_P(Backends, Retention, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& info) { return info.param == Backend::sqlite ? "SQLite" : "PostgreSQL"; });

}  // namespace
}  // namespace guichet::testing
