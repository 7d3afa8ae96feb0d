// Live rule set: swaps, refused edits, per-file fallback, the folder watch.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "core/rules.hpp"
#include "core/script_watcher.hpp"
#include "test_sources.hpp"

namespace guichet {
namespace {

using testing::academy_script;
using testing::exam_script;
using testing::sources;

struct RulesFixture : ::testing::Test {
  SystemClock clock;
  EventBus bus;
  std::vector<std::string> activations;
  Rules rules{RuleSetOptions{{}, 2}, clock, &bus};
  void SetUp() override {
    bus.subscribe("rules.activated", [this](const Event& e) { activations.push_back(e.payload); });
  }
};

TEST_F(RulesFixture, FirstLoadGoesLiveAndPublishesAnEvent) {
  auto r = rules.load(sources({{"academies/t.lua", academy_script()}, {"exams/demo.lua", exam_script()}}));
  EXPECT_TRUE(r.activated);
  EXPECT_TRUE(rules.loaded());
  ASSERT_EQ(activations.size(), 1u);
  EXPECT_NE(activations[0].find(r.version), std::string::npos);
  EXPECT_EQ(rules.acquire(0)->version(), r.version);
  EXPECT_EQ(rules.acquire(1)->version(), r.version);
}

TEST_F(RulesFixture, ABrokenEditIsRefusedAndTheLastGoodSetKeepsServing) {
  auto good = sources({{"academies/t.lua", academy_script()}, {"exams/demo.lua", exam_script()}});
  auto first = rules.load(good);
  auto broken = good;
  broken.add({"exams/demo.lua", "exam { this is not lua"});
  auto r = rules.reload(broken);
  EXPECT_FALSE(r.activated);
  ASSERT_FALSE(r.refused.empty());
  EXPECT_NE(r.refused[0].str().find("exams/demo.lua:1:"), std::string::npos) << r.refused[0].str();
  EXPECT_EQ(rules.acquire(0)->version(), first.version);
  EXPECT_EQ(rules.stats().reloads_refused.load(), 1u);
  EXPECT_FALSE(rules.diagnostics().empty());
}

TEST_F(RulesFixture, AGoodEditGoesLiveWhileABrokenFileKeepsItsLastGoodContent) {
  auto good = sources({{"academies/a.lua", academy_script("", "aaa")},
                       {"academies/b.lua", academy_script("", "bbb")},
                       {"exams/demo.lua", exam_script()}});
  rules.load(good);
  auto edit = good;
  edit.add({"academies/a.lua", "academy {"});  // broken
  std::string moved = academy_script("", "bbb");
  moved.replace(moved.find("2024-11-13 19:00"), 16, "2024-11-14 19:00");
  edit.add({"academies/b.lua", moved});  // good
  auto r = rules.reload(edit);
  EXPECT_TRUE(r.activated);
  ASSERT_EQ(r.refused.size(), 1u);
  EXPECT_EQ(r.refused[0].file, "academies/a.lua");
  auto live = rules.acquire(0);
  ASSERT_NE(live->academy("aaa"), nullptr);  // last good content
  EXPECT_EQ(live->sources().find("academies/a.lua")->text, academy_script("", "aaa"));
  EXPECT_EQ(live->sources().find("academies/b.lua")->text, moved);
}

TEST_F(RulesFixture, UnchangedSourcesDoNotSwap) {
  auto good = sources({{"academies/t.lua", academy_script()}, {"exams/demo.lua", exam_script()}});
  rules.load(good);
  EXPECT_FALSE(rules.reload(good).activated);
  EXPECT_EQ(activations.size(), 1u);
}

TEST_F(RulesFixture, AHeldSetSurvivesASwap) {
  rules.load(sources({{"academies/t.lua", academy_script()}, {"exams/demo.lua", exam_script()}}));
  std::shared_ptr<const RuleSet> held = rules.acquire(0);  // a request in flight
  rules.reload(sources({{"academies/t.lua", academy_script("", "other")}, {"exams/demo.lua", exam_script()}}));
  EXPECT_NE(rules.acquire(0)->version(), held->version());
  EXPECT_NE(held->academy("testia"), nullptr);  // still whole and usable
}

bool eventually(const std::function<bool()>& cond) {
  for (int i = 0; i < 200; ++i) {
    if (cond()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  return cond();
}

TEST_F(RulesFixture, TheFolderWatchReloadsOnEditAndRefusesABrokenOne) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("guichet-watch-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "academies");
  fs::create_directories(dir / "exams");
  auto write = [&](const std::string& rel, const std::string& text) {
    std::ofstream(dir / rel) << text;
  };
  write("academies/t.lua", academy_script());
  write("exams/demo.lua", exam_script());
  rules.load(*read_sources(dir));
  std::atomic<int> reports{0};
  ScriptWatcher watcher(dir, rules, [&](const ReloadReport&) { reports++; }, std::chrono::milliseconds(50));
  ASSERT_TRUE(watcher.start().ok());
  auto v1 = rules.current()->version();

  write("academies/t.lua", academy_script("", "renamed"));
  ASSERT_TRUE(eventually([&] { return rules.current()->version() != v1; }));
  EXPECT_NE(rules.current()->academy("renamed"), nullptr);

  auto v2 = rules.current()->version();
  int before = reports.load();
  write("academies/t.lua", "academy { broken");
  ASSERT_TRUE(eventually([&] { return reports.load() > before; }));
  EXPECT_EQ(rules.current()->version(), v2);
  EXPECT_GE(rules.stats().reloads_refused.load(), 1u);
  watcher.stop();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace guichet
