// The rules lifecycle below HTTP on both backends: versions as typed results (texts only when
// read one by one), submission, approval by another person, activation with its impact
// report, the approval setting; on PostgreSQL an activation wakes the other servers by
// itself.
#include <date/tz.h>

#include <atomic>
#include <thread>

#include "db/pg_listener.hpp"
#include "db/rule_versions_repository.hpp"
#include "services/rules_lifecycle.hpp"
#include "services/staff_roles.hpp"
#include "tests/services/service_fixture.hpp"

namespace guichet::testing {
namespace {

using namespace std::chrono_literals;

class Lifecycle : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    lifecycle_ = std::make_unique<services::RulesLifecycle>(
        *db_, *rules_, clock_, std::string(GUICHET_SOURCE_DIR) + "/tests/fixtures/minimal", RuleSetOptions{});
    auto synced = lifecycle_->sync_folder();
    ASSERT_TRUE(synced.ok()) << synced.error().message;
    ASSERT_TRUE(rules_->load(*synced).activated);
  }

  // A second version of testia's script (the seeded one with a comment more), staged.
  int submit_second() {
    auto seeded = lifecycle_->get(editor_, 1);
    EXPECT_TRUE(seeded.ok() && seeded->texts);
    if (!seeded.ok() || !seeded->texts) return 0;
    auto sub = lifecycle_->submit(editor_, {seeded->texts->script + "\n-- relu\n", {}, "Relecture", "api"});
    EXPECT_TRUE(sub.ok()) << (sub.ok() ? "" : sub.error().message);
    return sub.ok() ? sub->version.number : 0;
  }

  std::unique_ptr<services::RulesLifecycle> lifecycle_;
  services::Actor editor_{"e1", "Éditrice", "testia", services::kRulesEditor};
  services::Actor second_{"e2", "Relecteur", "testia", services::kRulesEditor};
  services::Actor admin_{"ad", "Administratrice", "testia", services::kAdmin};
};

TEST_P(Lifecycle, VersionsCarryTheirTextsOnlyWhenReadOneByOne) {
  auto list = lifecycle_->list(editor_);
  ASSERT_TRUE(list.ok()) << list.error().message;
  ASSERT_EQ(list->size(), 1u);
  const auto& seeded = (*list)[0];
  EXPECT_EQ(seeded.number, 1);
  EXPECT_EQ(seeded.origin, "folder");
  EXPECT_EQ(seeded.state, "active");
  EXPECT_FALSE(seeded.texts.has_value());
  ASSERT_NE(seeded.zone, nullptr);
  EXPECT_EQ(seeded.zone->name(), "Europe/Paris");

  auto one = lifecycle_->get(editor_, 1);
  ASSERT_TRUE(one.ok());
  ASSERT_TRUE(one->texts.has_value());
  EXPECT_NE(one->texts->script.find("testia"), std::string::npos);
  EXPECT_TRUE(one->texts->tests.empty());
  EXPECT_EQ(lifecycle_->get(editor_, 9).error().code, ErrorCode::not_found);
  services::Actor elsewhere{"x", "Ailleurs", "ailleurs", services::kRulesEditor};
  EXPECT_EQ(lifecycle_->get(elsewhere, 1).error().code, ErrorCode::not_found);
  EXPECT_EQ(lifecycle_->list(admin_).error().code, ErrorCode::forbidden);  // staff accounts, not rules
}

TEST_P(Lifecycle, ASecondPersonApprovesAndTheActivationCarriesItsImpact) {
  auto seeded = lifecycle_->get(editor_, 1);
  ASSERT_TRUE(seeded.ok());
  services::Submission s{seeded->texts->script + "\n-- relu\n",
                         {{"tests/relu.lua", "-- aucun cas de plus\n"}}, "Relecture", "api"};
  auto sub = lifecycle_->submit(editor_, s);
  ASSERT_TRUE(sub.ok()) << sub.error().message;
  EXPECT_EQ(sub->version.number, 2);
  EXPECT_EQ(sub->version.state, "staged");
  EXPECT_EQ(sub->version.author_id, "e1");
  EXPECT_GT(sub->tests_run, 0);  // the folder's cases ran against it
  auto stored = lifecycle_->get(editor_, 2);
  ASSERT_TRUE(stored.ok() && stored->texts);
  ASSERT_EQ(stored->texts->tests.size(), 1u);
  EXPECT_EQ(stored->texts->tests[0].path, "tests/relu.lua");
  EXPECT_EQ(stored->texts->tests[0].text, "-- aucun cas de plus\n");

  auto settings = lifecycle_->set_require_approval(editor_, true);
  EXPECT_EQ(settings.error().code, ErrorCode::forbidden);
  settings = lifecycle_->set_require_approval(admin_, true);
  ASSERT_TRUE(settings.ok()) << settings.error().message;
  EXPECT_TRUE(settings->require_approval);
  EXPECT_EQ(settings->academy, "testia");
  EXPECT_EQ(lifecycle_->activate(editor_, {2, std::nullopt, ""}).error().code, ErrorCode::approval_required);
  EXPECT_EQ(lifecycle_->approve(editor_, 2).error().code, ErrorCode::conflict);  // not the author
  auto approved = lifecycle_->approve(second_, 2);
  ASSERT_TRUE(approved.ok()) << approved.error().message;
  EXPECT_EQ(approved->approved_by, "e2");
  EXPECT_TRUE(approved->approved_at.has_value());

  auto impact = lifecycle_->impact(editor_, 2);
  ASSERT_TRUE(impact.ok()) << impact.error().message;
  EXPECT_EQ(impact->version, 2);
  EXPECT_EQ(impact->academy, "testia");
  EXPECT_TRUE(impact->guard_reasons.empty());
  EXPECT_TRUE(impact->windows.empty());

  auto active = lifecycle_->activate(editor_, {2, std::nullopt, ""});
  ASSERT_TRUE(active.ok()) << active.error().message;
  EXPECT_EQ(active->version.state, "active");
  EXPECT_EQ(active->version.activated_by, "e1");
  EXPECT_FALSE(active->version.texts.has_value());
  EXPECT_EQ(active->impact.version, 2);
  EXPECT_EQ(lifecycle_->get(editor_, 1)->state, "superseded");
  EXPECT_EQ(lifecycle_->activate(editor_, {2, std::nullopt, ""}).error().code, ErrorCode::conflict);
}

TEST_P(Lifecycle, AnActivationWakesTheOtherServersOnPostgreSQL) {
  if (GetParam() != Backend::postgresql) GTEST_SKIP() << "SQLite's servers look at the database themselves";
  std::atomic<int> woken{0};
  db::PgListener listener(url_, db::kRulesChannel, [&] { ++woken; });
  listener.start();
  for (int i = 0; i < 200 && woken == 0; ++i) std::this_thread::sleep_for(25ms);  // listening (it catches up once)
  ASSERT_EQ(woken, 1);
  int number = submit_second();
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(woken, 1);  // a submission changes nothing live
  // No callback to wire: the lifecycle announces every activation itself.
  auto active = lifecycle_->activate(editor_, {number, std::nullopt, ""});
  ASSERT_TRUE(active.ok()) << active.error().message;
  for (int i = 0; i < 200 && woken < 2; ++i) std::this_thread::sleep_for(25ms);
  EXPECT_EQ(woken, 2);
  listener.stop();
}

INSTANTIATE_TEST_SUITE_P(Backends, Lifecycle, ::testing::Values(Backend::sqlite, Backend::postgresql), backend_name);

}  // namespace
}  // namespace guichet::testing
