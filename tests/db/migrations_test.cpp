// Numbered migrations on both backends: applied once, recorded, safe when run concurrently,
// refused when the database is newer than the code.
#include <thread>
#include <vector>

#include "db/migrations.hpp"
#include "tests/db/backend_fixture.hpp"

namespace guichet::testing {
namespace {

class Migrations : public BackendTest {};

TEST_P(Migrations, AFreshDatabaseIsAtVersionZero) {
  auto db = open();
  auto v = current_schema_version(*db);
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(*v, 0);
  EXPECT_GE(latest_schema_version(), 1);
}

TEST_P(Migrations, ApplyEveryVersionOnceAndRecordThem) {
  auto db = open();
  ASSERT_TRUE(migrate(*db).ok());
  auto v = current_schema_version(*db);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*v, latest_schema_version());
  // One row per version, 1..latest, each named and dated.
  EXPECT_EQ(query_int(*db, "SELECT COUNT(*) FROM schema_migrations"), latest_schema_version());
  EXPECT_EQ(query_int(*db, "SELECT MIN(version) FROM schema_migrations"), 1);
  EXPECT_EQ(query_int(*db, "SELECT COUNT(*) FROM schema_migrations WHERE name IS NULL OR name = '' "
                           "OR applied_at IS NULL"),
            0);
  std::string name;
  ASSERT_TRUE(db->with_session([&](soci::session& s) {
    s << "SELECT name FROM schema_migrations WHERE version = 1", soci::into(name);
    return Status::Ok();
  }).ok());
  EXPECT_EQ(name, "rule_set_versions");
}

TEST_P(Migrations, RunningAgainAppliesNothing) {
  auto db = open();
  ASSERT_TRUE(migrate(*db).ok());
  std::string first;
  ASSERT_TRUE(db->with_session([&](soci::session& s) {
    s << (GetParam() == Backend::postgresql ? "SELECT CAST(MAX(applied_at) AS TEXT) FROM schema_migrations"
                                            : "SELECT MAX(applied_at) FROM schema_migrations"),
        soci::into(first);
    return Status::Ok();
  }).ok());
  ASSERT_TRUE(migrate(*db).ok());
  auto reopened = open(1);  // as a restarted server would
  ASSERT_TRUE(migrate(*reopened).ok());
  EXPECT_EQ(query_int(*db, "SELECT COUNT(*) FROM schema_migrations"), latest_schema_version());
  std::string again;
  ASSERT_TRUE(db->with_session([&](soci::session& s) {
    s << (GetParam() == Backend::postgresql ? "SELECT CAST(MAX(applied_at) AS TEXT) FROM schema_migrations"
                                            : "SELECT MAX(applied_at) FROM schema_migrations"),
        soci::into(again);
    return Status::Ok();
  }).ok());
  EXPECT_EQ(first, again);
}

TEST_P(Migrations, Version1CreatesRuleSetVersionsWithItsIndex) {
  auto db = open();
  ASSERT_TRUE(migrate(*db).ok());
  const bool pg = GetParam() == Backend::postgresql;
  EXPECT_EQ(query_int(*db, pg ? "SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'rule_set_versions_activated_at'"
                              : "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' "
                                "AND name = 'rule_set_versions_activated_at'"),
            1);
  if (pg) {
    std::string type;
    ASSERT_TRUE(db->with_session([&](soci::session& s) {
      s << "SELECT data_type FROM information_schema.columns WHERE table_name = 'rule_set_versions' "
           "AND column_name = 'activated_at'",
          soci::into(type);
      return Status::Ok();
    }).ok());
    EXPECT_EQ(type, "timestamp with time zone");
  }
  // The id is generated; the other columns are required.
  Status missing = db->transaction([](soci::session& s) {
    s << "INSERT INTO rule_set_versions (content_hash, activated_at, academies) "
         "VALUES ('h', '2024-01-01T00:00:00Z', 'poitiers')";
    return Status::Ok();
  });
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::constraint_violation);
}

TEST_P(Migrations, ConcurrentMigrationsAllSucceedAndApplyOnce) {
  // Four handles with their own connections, as four servers starting at once.
  std::vector<std::unique_ptr<Database>> dbs;
  for (int i = 0; i < 4; ++i) dbs.push_back(open(1));
  std::vector<Status> results(dbs.size());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < dbs.size(); ++i) threads.emplace_back([&, i] { results[i] = migrate(*dbs[i]); });
  for (auto& t : threads) t.join();
  for (const Status& st : results) EXPECT_TRUE(st.ok()) << (st.ok() ? "" : std::string(to_string(st.error().code)) + " " + st.error().message);
  EXPECT_EQ(query_int(*dbs[0], "SELECT COUNT(*) FROM schema_migrations"), latest_schema_version());
  EXPECT_EQ(*current_schema_version(*dbs[0]), latest_schema_version());
}

TEST_P(Migrations, ADatabaseFromANewerGuichetIsRefused) {
  auto db = open();
  ASSERT_TRUE(migrate(*db).ok());
  int future = latest_schema_version() + 1;
  ASSERT_TRUE(db->transaction([future](soci::session& s) {
    s << "INSERT INTO schema_migrations (version, name) VALUES (:v, 'future')", soci::use(future);
    return Status::Ok();
  }).ok());
  Status st = migrate(*db);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, ErrorCode::schema_too_new);
  EXPECT_NE(st.error().message.find(std::to_string(future)), std::string::npos) << st.error().message;
  EXPECT_EQ(*current_schema_version(*db), future);  // nothing touched
}

INSTANTIATE_TEST_SUITE_P(Backends, Migrations, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         backend_name);

}  // namespace
}  // namespace guichet::testing
