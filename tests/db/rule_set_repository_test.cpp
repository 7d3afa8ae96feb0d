// Rule-set activations on both backends: exact round trip, newest first, limit, UTC storage.
#include "db/migrations.hpp"
#include "db/rule_set_repository.hpp"
#include "tests/db/backend_fixture.hpp"

namespace guichet::testing {
namespace {

using namespace std::chrono;

class Activations : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    db_ = open();
    ASSERT_TRUE(db_);
    ASSERT_TRUE(migrate(*db_).ok());
  }
  std::unique_ptr<Database> db_;
};

// 2024-11-13T17:59:59.123456Z
const Instant kT0 = sys_days(2024y / November / 13) + 17h + 59min + 59s + microseconds(123456);

TEST_P(Activations, RoundTripEveryFieldNewestFirst) {
  for (int i = 0; i < 3; ++i) {
    RuleSetActivation a{"hash" + std::to_string(i), kT0 + minutes(i), {"poitiers", "testia"}, 5 + i};
    ASSERT_TRUE(record_activation(*db_, a).ok());
  }
  auto list = list_activations(*db_, 10);
  ASSERT_TRUE(list.ok()) << list.error().message;
  ASSERT_EQ(list->size(), 3u);
  for (int i = 0; i < 3; ++i) {
    const RuleSetActivation& a = (*list)[2 - i];
    EXPECT_EQ(a.content_hash, "hash" + std::to_string(i));
    EXPECT_EQ(a.activated_at, kT0 + minutes(i));  // to the microsecond
    EXPECT_EQ(a.academies, (std::vector<std::string>{"poitiers", "testia"}));
    EXPECT_EQ(a.files, 5 + i);
  }
}

TEST_P(Activations, TheLimitKeepsTheNewest) {
  for (int i = 0; i < 5; ++i)
    ASSERT_TRUE(record_activation(*db_, {"h" + std::to_string(i), kT0 + seconds(i), {"poitiers"}, 1}).ok());
  auto two = list_activations(*db_, 2);
  ASSERT_TRUE(two.ok());
  ASSERT_EQ(two->size(), 2u);
  EXPECT_EQ((*two)[0].content_hash, "h4");
  EXPECT_EQ((*two)[1].content_hash, "h3");
  auto none = list_activations(*db_, 0);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST_P(Activations, AnEmptyTableListsNothing) {
  auto list = list_activations(*db_, 10);
  ASSERT_TRUE(list.ok());
  EXPECT_TRUE(list->empty());
}

TEST_P(Activations, WholeSecondsAndTheServerWiringsTimeTypeRoundTrip) {
  // app/server_wiring.cpp assigns an event's sys_time<microseconds>; whole seconds convert too.
  RuleSetActivation a;
  a.content_hash = std::string(64, 'a');
  a.activated_at = sys_seconds(sys_days(2030y / January / 1));
  a.academies = {};
  a.files = 0;
  ASSERT_TRUE(record_activation(*db_, a).ok());
  sys_time<microseconds> event_time = sys_days(1999y / December / 31) + 23h + 59min + 59s + microseconds(999999);
  a.activated_at = event_time;
  a.academies = {"martinique"};
  ASSERT_TRUE(record_activation(*db_, a).ok());
  auto list = list_activations(*db_, 10);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].activated_at, event_time);
  EXPECT_EQ((*list)[0].academies, std::vector<std::string>{"martinique"});
  EXPECT_EQ((*list)[1].activated_at, sys_days(2030y / January / 1));
  EXPECT_TRUE((*list)[1].academies.empty());
  EXPECT_EQ((*list)[1].content_hash, std::string(64, 'a'));
}

TEST_P(Activations, TimesAreStoredInUtc) {
  ASSERT_TRUE(record_activation(*db_, {"h", kT0, {"poitiers"}, 1}).ok());
  const char* sql = GetParam() == Backend::postgresql
                        ? "SELECT COUNT(*) FROM rule_set_versions "
                          "WHERE activated_at = TIMESTAMPTZ '2024-11-13 18:59:59.123456+01'"
                        : "SELECT COUNT(*) FROM rule_set_versions WHERE activated_at = '2024-11-13T17:59:59.123456Z'";
  EXPECT_EQ(query_int(*db_, sql), 1);
}

TEST_P(Activations, WithoutMigrationsRecordingIsAnErrorValue) {
  TempDir fresh_dir("db-unmigrated");
  std::string url = GetParam() == Backend::postgresql ? PostgresCluster::instance().create_database("bare") : "";
  auto bare = Database::open(url, fresh_dir.path().string(), 1);
  ASSERT_TRUE(bare.ok());
  Status st = record_activation(**bare, {"h", kT0, {"poitiers"}, 1});
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, ErrorCode::database_error);
  EXPECT_EQ(st.error().message.find("rule_set_versions"), std::string::npos);
  EXPECT_EQ(st.error().message.find("INSERT"), std::string::npos);
  auto list = list_activations(**bare, 10);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.error().code, ErrorCode::database_error);
}

INSTANTIATE_TEST_SUITE_P(Backends, Activations, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         backend_name);

TEST(PostgresActivations, TheSessionTimeZoneDoesNotShiftTimes) {
  std::string url = PostgresCluster::instance().create_database("tz");
  auto opened = Database::open(url, "/tmp", 1);
  ASSERT_TRUE(opened.ok());
  Database& db = **opened;
  ASSERT_TRUE(migrate(db).ok());
  // One pooled connection: the setting stays for what follows.
  ASSERT_TRUE(db.with_session([](soci::session& s) {
    s << "SET TIME ZONE 'Pacific/Tahiti'";
    return Status::Ok();
  }).ok());
  ASSERT_TRUE(record_activation(db, {"h", kT0, {"polynesie"}, 1}).ok());
  auto list = list_activations(db, 1);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].activated_at, kT0);
}

}  // namespace
}  // namespace guichet::testing
