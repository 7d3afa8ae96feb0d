// The command line, run as a real process: check, test and eval per api.md.
#include <gtest/gtest.h>

#include "tests/support/run_command.hpp"

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>

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
  std::ofstream(dir / "exams" / "demo.lua", std::ios::app) << "\nlocal x = = 1\n";
  auto r = run("check " + dir.string());
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("exams/demo.lua:30:"), std::string::npos) << r.out;
  fs::remove_all(dir);
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
  EXPECT_NE(r.out.find("\"pole\":\"exams/demo.lua:26\""), std::string::npos) << r.out;
}

TEST(Cli, UnknownCommandsAndOptionsAreRefused) {
  EXPECT_EQ(run("frobnicate").code, 2);
  EXPECT_EQ(run("check --nope").code, 2);
}

}  // namespace
