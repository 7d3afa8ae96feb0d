// The storage layer on both backends: connections, errors as values, migrations, activations.
#include <soci/soci.h>

#include <thread>

#include "db/migrations.hpp"
#include "db/rule_set_repository.hpp"
#include "tests/db/backend_fixture.hpp"

namespace guichet::testing {
namespace {

using namespace std::chrono;

class Storage : public BackendTest {};

TEST_P(Storage, OpensAndPings) {
  auto db = open();
  ASSERT_TRUE(db);
  EXPECT_EQ(db->backend(), GetParam());
  EXPECT_TRUE(db->ping().ok());
}

TEST(SqliteStorage, IsInWalModeWithFullSyncInTheDataFolder) {
  auto dir = std::filesystem::temp_directory_path() / ("guichet-wal-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  auto opened = Database::open("", (dir / "data").string(), 2);
  ASSERT_TRUE(opened.ok());
  auto& db = *opened;
  ASSERT_TRUE(std::filesystem::exists(dir / "data" / "guichet.sqlite3"));
  std::string mode;
  int sync = 0;
  ASSERT_TRUE(db->with_session([&](soci::session& s) {
    s << "PRAGMA journal_mode", soci::into(mode);
    s << "PRAGMA synchronous", soci::into(sync);
    return Status::Ok();
  }).ok());
  EXPECT_EQ(mode, "wal");
  EXPECT_EQ(sync, 2);  // FULL
  db.reset();
  std::filesystem::remove_all(dir);
}

TEST_P(Storage, MigrateAppliesOnceAndRecordsTheVersion) {
  auto db = open();
  auto before = current_schema_version(*db);
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(*before, 0);
  ASSERT_TRUE(migrate(*db).ok());
  EXPECT_EQ(*current_schema_version(*db), latest_schema_version());
  ASSERT_TRUE(migrate(*db).ok());  // idempotent
  int rows = 0;
  ASSERT_TRUE(db->with_session([&](soci::session& s) {
    s << "SELECT COUNT(*) FROM schema_migrations", soci::into(rows);
    return Status::Ok();
  }).ok());
  EXPECT_EQ(rows, latest_schema_version());
}

TEST_P(Storage, ConcurrentMigrationsBothSucceedAndApplyOnce) {
  auto a = open(1);
  auto b = open(1);
  Status sa, sb;
  std::thread ta([&] { sa = migrate(*a); });
  std::thread tb([&] { sb = migrate(*b); });
  ta.join();
  tb.join();
  EXPECT_TRUE(sa.ok()) << (sa.ok() ? "" : sa.error().message);
  EXPECT_TRUE(sb.ok()) << (sb.ok() ? "" : sb.error().message);
  int rows = 0;
  ASSERT_TRUE(a->with_session([&](soci::session& s) {
    s << "SELECT COUNT(*) FROM schema_migrations", soci::into(rows);
    return Status::Ok();
  }).ok());
  EXPECT_EQ(rows, latest_schema_version());
}

TEST_P(Storage, ADatabaseFromANewerGuichetIsRefused) {
  auto db = open();
  ASSERT_TRUE(migrate(*db).ok());
  ASSERT_TRUE(db->transaction([](soci::session& s) {
    s << "INSERT INTO schema_migrations (version, name) VALUES (9999, 'future')";
    return Status::Ok();
  }).ok());
  Status st = migrate(*db);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, "schema_too_new");
  EXPECT_NE(st.error().message.find("9999"), std::string::npos);
}

TEST_P(Storage, ActivationsRoundTripNewestFirst) {
  auto db = open();
  ASSERT_TRUE(migrate(*db).ok());
  Instant t0 = floor<microseconds>(sys_days(2024y / November / 13) + 17h + 59min + 59s) + microseconds(123456);
  for (int i = 0; i < 3; ++i) {
    RuleSetActivation a{"hash" + std::to_string(i), t0 + minutes(i), {"poitiers", "testia"}, 5 + i};
    ASSERT_TRUE(record_activation(*db, a).ok());
  }
  auto list = list_activations(*db, 2);
  ASSERT_TRUE(list.ok()) << list.error().message;
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].content_hash, "hash2");
  EXPECT_EQ((*list)[0].activated_at, t0 + minutes(2));
  EXPECT_EQ((*list)[0].academies, (std::vector<std::string>{"poitiers", "testia"}));
  EXPECT_EQ((*list)[0].files, 7);
  EXPECT_EQ((*list)[1].content_hash, "hash1");
}

TEST_P(Storage, ASqlFaultIsAnErrorValueWithoutSqlText) {
  auto db = open();
  Status st = db->with_session([](soci::session& s) {
    s << "SELECT secret_column FROM no_such_table";
    return Status::Ok();
  });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, "database_error");
  EXPECT_EQ(st.error().message.find("no_such_table"), std::string::npos);
  EXPECT_EQ(st.error().message.find("SELECT"), std::string::npos);
}

TEST_P(Storage, AUniqueViolationIsClassifiedAndTheTransactionRolledBack) {
  auto db = open();
  ASSERT_TRUE(db->transaction([](soci::session& s) {
    s << "CREATE TABLE t (k INTEGER PRIMARY KEY)";
    s << "INSERT INTO t (k) VALUES (1)";
    return Status::Ok();
  }).ok());
  Status st = db->transaction([](soci::session& s) {
    s << "INSERT INTO t (k) VALUES (2)";
    s << "INSERT INTO t (k) VALUES (1)";
    return Status::Ok();
  });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, "constraint_violation");
  int n = 0;
  ASSERT_TRUE(db->with_session([&](soci::session& s) {
    s << "SELECT COUNT(*) FROM t", soci::into(n);
    return Status::Ok();
  }).ok());
  EXPECT_EQ(n, 1);  // the 2 went with the rollback
}

TEST_P(Storage, AFailedStatusRollsBackToo) {
  auto db = open();
  ASSERT_TRUE(db->transaction([](soci::session& s) {
    s << "CREATE TABLE t (k INTEGER)";
    return Status::Ok();
  }).ok());
  Status st = db->transaction([](soci::session& s) {
    s << "INSERT INTO t (k) VALUES (1)";
    return Status(Error{"business_rule", "non"});
  });
  EXPECT_EQ(st.error().code, "business_rule");
  int n = -1;
  ASSERT_TRUE(db->with_session([&](soci::session& s) {
    s << "SELECT COUNT(*) FROM t", soci::into(n);
    return Status::Ok();
  }).ok());
  EXPECT_EQ(n, 0);
}

TEST_P(Storage, ConcurrentWritersAllLand) {
  auto db = open(4);
  ASSERT_TRUE(db->transaction([](soci::session& s) {
    s << "CREATE TABLE c (k INTEGER)";
    return Status::Ok();
  }).ok());
  std::vector<std::thread> writers;
  std::atomic<int> failures{0};
  for (int w = 0; w < 4; ++w)
    writers.emplace_back([&, w] {
      for (int i = 0; i < 25; ++i) {
        int k = w * 100 + i;
        if (!db->transaction([&](soci::session& s) {
              s << "INSERT INTO c (k) VALUES (:k)", soci::use(k);
              return Status::Ok();
            }).ok())
          failures++;
      }
    });
  for (auto& t : writers) t.join();
  EXPECT_EQ(failures.load(), 0);
  int n = 0;
  ASSERT_TRUE(db->with_session([&](soci::session& s) {
    s << "SELECT COUNT(*) FROM c", soci::into(n);
    return Status::Ok();
  }).ok());
  EXPECT_EQ(n, 100);
}

INSTANTIATE_TEST_SUITE_P(Backends, Storage, ::testing::Values(Backend::sqlite, Backend::postgresql), backend_name);

TEST(StorageUrls, AnUnknownSchemeIsRefusedInFrench) {
  auto db = Database::open("mysql://x/y", "/tmp", 1);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, "database_url");
  EXPECT_NE(db.error().message.find("postgresql://"), std::string::npos);
}

TEST(StorageUrls, AnUnreachablePostgresqlSaysSoWithoutThePassword) {
  auto db = Database::open("postgresql://guichet:s3cr3t-pw@127.0.0.1:1/guichet?connect_timeout=2", "/tmp", 1);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, "database_unavailable");
  EXPECT_EQ(db.error().message.find("s3cr3t-pw"), std::string::npos);
}

TEST(StorageUrls, ASqliteUrlPointsAtThatFile) {
  auto dir = std::filesystem::temp_directory_path() / ("guichet-url-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto db = Database::open("sqlite:" + (dir / "other.db").string(), "/nonexistent", 1);
  ASSERT_TRUE(db.ok());
  EXPECT_TRUE((*db)->ping().ok());
  EXPECT_TRUE(std::filesystem::exists(dir / "other.db"));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace guichet::testing
