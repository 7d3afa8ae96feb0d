// The command line, run as a real process: check, test and eval per api.md.
#include <gtest/gtest.h>

#include "tests/support/run_command.hpp"

#include <array>
#include <cstdio>
#include <filesystem>
#include <algorithm>
#include <fstream>
#include <map>
#include <vector>

namespace {

// The real binary, with stderr merged into the output.
guichet::testing::CommandResult run(const std::string& args) {
  return guichet::testing::run_command_status(std::string(GUICHET_BINARY) + " " + args + " 2>&1");
}

const std::string kSrc = GUICHET_SOURCE_DIR;

TEST(Cli, CheckAcceptsTheShippedScripts) {
  auto r = run("check " + kSrc + "/scripts");
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("OK : 1 académie(s), 4 examen(s), 6 session(s)"), std::string::npos) << r.out;
}

TEST(Cli, CheckFailsWithFileAndLine) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("guichet-cli-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::copy(kSrc + "/tests/fixtures/minimal", dir, fs::copy_options::recursive);
  std::ifstream in(dir / "exams" / "demo.lua");
  const std::string text{std::istreambuf_iterator<char>(in), {}};
  const long lines = std::count(text.begin(), text.end(), '\n');
  std::ofstream(dir / "exams" / "demo.lua", std::ios::app) << "\nlocal x = = 1\n";
  auto r = run("check " + dir.string());
  EXPECT_EQ(r.code, 1);
  // The faulty line is the last one: after the blank line that follows the file's own.
  EXPECT_NE(r.out.find("exams/demo.lua:" + std::to_string(lines + 2) + ":"), std::string::npos) << r.out;
  fs::remove_all(dir);
}

// Faults that only show for some answers: `check` evaluates every session over answers
// generated from its form and reports each fault at the script's line, with the answers.
TEST(Cli, CheckFindsWhatFailsOnlyForSomeAnswers) {
  auto r = run("check " + kSrc + "/tests/fixtures/sweep");
  EXPECT_EQ(r.code, 1) << r.out;
  // The select option « b » makes validate throw.
  auto thrown = r.out.find("exams/panne.lua:28: ");
  ASSERT_NE(thrown, std::string::npos) << r.out;
  auto line_end = r.out.find('\n', thrown);
  std::string line = r.out.substr(thrown, line_end - thrown);
  EXPECT_NE(line.find("formule = « b »"), std::string::npos) << line;
  EXPECT_NE(line.find("session panne 2025"), std::string::npos) << line;
  // The ticked checkbox asks for a piece the catalogue lacks.
  auto piece = r.out.find("exams/panne.lua:33: ");
  ASSERT_NE(piece, std::string::npos) << r.out;
  line = r.out.substr(piece, r.out.find('\n', piece) - piece);
  EXPECT_NE(line.find("attestation_urgence"), std::string::npos) << line;
  EXPECT_NE(line.find("urgence cochée"), std::string::npos) << line;
  // Each fault once, however many identities and answers met it.
  EXPECT_EQ(r.out.find("exams/panne.lua:28: ", thrown + 1), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("OK :"), std::string::npos) << r.out;
  // The author's own cases pass: only the sweep saw the faults.
  auto t = run("test " + kSrc + "/tests/fixtures/sweep");
  EXPECT_EQ(t.code, 0) << t.out;
}

TEST(Cli, CheckSweepsTheShippedSessions) {
  auto r = run("check " + kSrc + "/scripts");
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("évaluation(s) sur des réponses générées ;"), std::string::npos) << r.out;
}

TEST(Cli, TestClosesWithTheCountLine) {
  auto r = run("test " + kSrc + "/tests/fixtures/minimal");
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("\n2 passed, 0 failed\n"), std::string::npos) << r.out;
}

TEST(Cli, EvalPrintsTheVerdictWithExplanations) {
  std::string answers = ::testing::TempDir() + "answers.json";
  std::ofstream(answers) << R"({"answers": {"speciality": "cuisine", "postal_code": "86000"}})";
  auto r = run("eval --scripts " + kSrc + "/tests/fixtures/minimal --academy testia --exam demo --session 2025" +
               " --at 2024-11-13T18:59:59+01:00 --answers " + answers + " --explain");
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("\"phase\":\"open\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"pole\":\"exams/demo.lua:32\""), std::string::npos) << r.out;  // v:pole(s.sector)
}

// A scripts folder and a data folder of its own, removed at the end.
struct Workspace {
  std::filesystem::path dir;
  Workspace() {
    dir = std::filesystem::temp_directory_path() / ("guichet-cli-ws-" + std::to_string(::getpid()) + "-" +
                                                    std::to_string(counter++));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::filesystem::copy(kSrc + "/tests/fixtures/minimal", dir / "scripts", std::filesystem::copy_options::recursive);
  }
  ~Workspace() { std::filesystem::remove_all(dir); }
  std::string options() const { return " --scripts " + (dir / "scripts").string() + " --data-dir " + (dir / "data").string(); }
  static inline int counter = 0;
};

TEST(Cli, AdminCreateUserPrintsTheSecondFactorOnce) {
  Workspace ws;
  auto r = guichet::testing::run_command_status("echo 'une phrase de passe solide' | " + std::string(GUICHET_BINARY) +
                                                " admin create-user --academy testia --email chef@example.org"
                                                " --name 'Chef' --roles admin,manager --password-cost minimal" +
                                                ws.options());
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("\"totp_secret\":\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("otpauth://totp/"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"roles\":\"admin,manager\""), std::string::npos) << r.out;
  // The same address again, an académie without a script, a weak password, unknown roles.
  std::string again = "echo 'une phrase de passe solide' | " + std::string(GUICHET_BINARY) + " admin create-user";
  EXPECT_EQ(run("admin create-user --academy testia --email chef@example.org --name C --roles admin" + ws.options() +
                " < /dev/null").code, 1);
  EXPECT_EQ(guichet::testing::run_command_status(again + " --academy nulle --email x@example.org --name X --roles admin" +
                                                 ws.options() + " 2>&1").code, 1);
  EXPECT_EQ(guichet::testing::run_command_status("echo court | " + std::string(GUICHET_BINARY) +
                                                 " admin create-user --academy testia --email y@example.org --name Y"
                                                 " --roles admin" + ws.options() + " 2>&1").code, 1);
  EXPECT_EQ(run("admin create-user --academy testia --email z@example.org --name Z --roles chef" + ws.options()).code, 2);
}

TEST(Cli, RulesConfirmPutsLiveAFolderEditTheWindowGuardHeld) {
  Workspace ws;
  // A session open now (the command judges at the machine's time) and no pinned cases.
  std::filesystem::remove_all(ws.dir / "scripts" / "tests");
  auto academy = ws.dir / "scripts" / "academies" / "testia.lua";
  auto rewrite = [&](const std::string& from, const std::string& to) {
    std::ifstream in(academy);
    std::string text{std::istreambuf_iterator<char>(in), {}};
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from)) text.replace(at, from.size(), to);
    std::ofstream(academy) << text;
  };
  rewrite("2024-10-10 10:00", "2020-01-06 10:00");
  rewrite("2024-11-13 19:00", "2099-11-13 19:00");
  const std::string confirm = "rules confirm --file academies/testia.lua --author 'Paul Règles' --reason 'Arrêté du "
                              "1er décembre'" + ws.options();
  auto nothing = run(confirm);  // the folder's first version goes live; nothing is held
  EXPECT_EQ(nothing.code, 1) << nothing.out;
  EXPECT_NE(nothing.out.find("Aucune modification retenue"), std::string::npos) << nothing.out;
  // A year earlier while open: held, then put live with the reason.
  rewrite("2099-11-13 19:00", "2098-11-13 19:00");
  auto done = run(confirm);
  EXPECT_EQ(done.code, 0) << done.out;
  EXPECT_NE(done.out.find("\"number\":2"), std::string::npos) << done.out;
  EXPECT_NE(done.out.find("\"state\":\"active\""), std::string::npos) << done.out;
  EXPECT_NE(done.out.find("\"confirm_reason\":\"Arrêté du 1er décembre\""), std::string::npos) << done.out;
  // Without a reason: the usage.
  EXPECT_EQ(run("rules confirm --file academies/testia.lua --author P" + ws.options()).code, 2);
}

TEST(Cli, RulesSubmitValidatesAndStagesAVersion) {
  Workspace ws;
  std::ifstream in(ws.dir / "scripts" / "academies" / "testia.lua");
  std::string script{std::istreambuf_iterator<char>(in), {}};
  const std::string old_url = "portal_url = \"https://example.org\"";
  auto at = script.find(old_url);
  ASSERT_NE(at, std::string::npos);
  script.replace(at, old_url.size(), "portal_url = \"https://example.org/2025\"");
  std::ofstream(ws.dir / "new.lua") << script;
  auto ok = run("rules submit --academy testia --author 'Paul Règles' --note 'Nouveau portail' " +
                (ws.dir / "new.lua").string() + ws.options());
  EXPECT_EQ(ok.code, 0) << ok.out;
  EXPECT_NE(ok.out.find("\"number\":2"), std::string::npos) << ok.out;  // 1 is the folder's
  EXPECT_NE(ok.out.find("\"state\":\"staged\""), std::string::npos) << ok.out;
  std::ofstream(ws.dir / "broken.lua") << script << "\nlocal x = = 1\n";
  auto bad = run("rules submit --academy testia --author P " + (ws.dir / "broken.lua").string() + ws.options());
  EXPECT_EQ(bad.code, 1) << bad.out;
  EXPECT_NE(bad.out.find("academies/testia.lua:"), std::string::npos) << bad.out;
}

TEST(Cli, PluginsListsWhatAFolderWouldLoad) {
  Workspace ws;
  auto dir = ws.dir / "plugins.d";
  std::filesystem::create_directories(dir);
  std::filesystem::copy_file(std::string(TEST_PLUGIN_DIR) + "/hello.so", dir / "hello.so");
  std::ofstream(dir / "hello.json") << R"({"greeting": "Bonjour"})";
  auto ok = run("plugins --plugins " + dir.string());
  EXPECT_EQ(ok.code, 0) << ok.out;
  EXPECT_NE(ok.out.find("hello            1.2.3      1.0   loaded   events:registration., function:greet"),
            std::string::npos) << ok.out;
  std::filesystem::copy_file(std::string(TEST_PLUGIN_DIR) + "/old_major.so", dir / "old_major.so");
  auto refused = run("plugins --plugins " + dir.string());
  EXPECT_EQ(refused.code, 1) << refused.out;
  EXPECT_NE(refused.out.find("refused  construit pour l'ABI 0.3"), std::string::npos) << refused.out;
  EXPECT_NE(refused.out.find("2 greffon(s), hôte ABI 1.1"), std::string::npos) << refused.out;
}

TEST(Cli, EvalCallsThePluginsFunctionsGivenTheFolder) {
  Workspace ws;
  auto dir = ws.dir / "plugins.d";
  std::filesystem::create_directories(dir);
  std::filesystem::copy_file(std::string(TEST_PLUGIN_DIR) + "/flaky.so", dir / "flaky.so");
  std::string answers = (ws.dir / "answers.json").string();
  std::ofstream(answers) << R"({"answers": {"speciality": "cuisine", "postal_code": "86100"}})";
  std::string eval = "eval --scripts " + kSrc + "/tests/fixtures/plugins --academy testia --exam demo --session 2025" +
                     " --at 2024-11-01T10:00:00+01:00 --answers " + answers;
  // The script asks the plugin for the commune: 86100 is unknown to it, so a proof of address.
  auto with = run(eval + " --plugins " + dir.string());
  EXPECT_EQ(with.code, 0) << with.out;
  EXPECT_NE(with.out.find("\"domicile\""), std::string::npos) << with.out;
  auto without = run(eval);
  EXPECT_NE(without.out.find("plugins.flaky n'existe pas"), std::string::npos) << without.out;
}

TEST(Cli, UnknownCommandsAndOptionsAreRefused) {
  EXPECT_EQ(run("frobnicate").code, 2);
  EXPECT_EQ(run("check --nope").code, 2);
}

}  // namespace

namespace {

// Each command answers --help in French with its options (serve --help said "option inconnue").
TEST(Cli, EveryCommandAnswersHelpInFrenchWithItsOptions) {
  const std::map<std::string, std::vector<std::string>> expected = {
      {"serve", {"--listen", "--data-dir", "--scripts", "--database", "--simulated-time", "--threads", "--log-format",
                 "--public-url", "--backoffice-url", "--mail-from", "--outbox-dir", "--plugins", "--password-cost",
                 "--trusted-proxies", "--config", "--database-password-file"}},
      {"config", {"--config"}},
      {"check", {"--plugins"}},
      {"test", {"--plugins"}},
      {"eval", {"--academy", "--exam", "--session", "--at", "--answers", "--explain", "--scripts", "--plugins"}},
      {"migrate", {"--data-dir", "--database"}},
      {"plugins", {"--plugins"}},
      {"admin create-user", {"--academy", "--email", "--name", "--roles", "--scripts", "--data-dir", "--database"}},
      {"admin publish", {"--academy", "--type", "--folder", "--author", "--scripts", "--data-dir", "--database"}},
      {"rules submit", {"--academy", "--author", "--note", "--test", "--scripts", "--data-dir", "--database"}},
  };
  for (const auto& [command, options] : expected) {
    for (const char* flag : {"--help", "-h"}) {
      auto r = run(command + " " + flag);
      EXPECT_EQ(r.code, 0) << command << " " << flag << "\n" << r.out;
      EXPECT_EQ(r.out.rfind("usage : guichet " + command, 0), 0u) << r.out;
      EXPECT_EQ(r.out.find("option inconnue"), std::string::npos) << r.out;
      for (const auto& o : options) EXPECT_NE(r.out.find(o), std::string::npos) << command << " : " << o;
    }
  }
  // An unknown option is still refused.
  EXPECT_EQ(run("serve --nope").code, 2);
}

}  // namespace
