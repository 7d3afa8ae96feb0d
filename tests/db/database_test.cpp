// Database: opening by URL, connection settings, transactions, errors as values.
#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include "tests/db/backend_fixture.hpp"

namespace guichet::testing {
namespace {

class Storage : public BackendTest {};

TEST_P(Storage, OpensAndPings) {
  auto db = open(3);
  ASSERT_TRUE(db);
  EXPECT_EQ(db->backend(), GetParam());
  EXPECT_EQ(db->pool_size(), 3u);
  EXPECT_TRUE(db->ping().ok());
}

TEST_P(Storage, ASqlFaultIsAnErrorValueWithoutSqlText) {
  auto db = open();
  LogCapture log;
  Status st = db->with_session([](soci::session& s) {
    s << "SELECT secret_column FROM no_such_table";
    return Status::Ok();
  });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, ErrorCode::database_error);
  EXPECT_FALSE(st.error().message.empty());
  EXPECT_EQ(st.error().message.find("no_such_table"), std::string::npos);
  EXPECT_EQ(st.error().message.find("SELECT"), std::string::npos);
  // The detail is for the operator's log.
  EXPECT_NE(log.text().find("no_such_table"), std::string::npos) << log.text();
  EXPECT_NE(log.text().find("[error]"), std::string::npos) << log.text();
}

TEST_P(Storage, BoundValuesStayOutOfTheLog) {
  auto db = open();
  LogCapture log;
  Status st = db->transaction([](soci::session& s) {
    std::string email = "jeanne.candidate@example.fr";
    s << "INSERT INTO no_accounts (email) VALUES (:email)", soci::use(email);
    return Status::Ok();
  });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(log.text().find("jeanne.candidate"), std::string::npos) << log.text();
  EXPECT_NE(log.text().find("no_accounts"), std::string::npos) << log.text();
  // One line per failure.
  const std::string text = log.text();
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1) << text;
}

TEST_P(Storage, AConstraintViolationLogsNoValueEither) {
  auto db = open();
  ASSERT_TRUE(db->transaction([](soci::session& s) {
    s << "CREATE TABLE people (email TEXT PRIMARY KEY)";
    s << "INSERT INTO people (email) VALUES ('jeanne.candidate@example.fr')";
    return Status::Ok();
  }).ok());
  LogCapture log;
  Status st = db->transaction([](soci::session& s) {
    std::string email = "jeanne.candidate@example.fr";
    s << "INSERT INTO people (email) VALUES (:email)", soci::use(email);
    return Status::Ok();
  });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, ErrorCode::constraint_violation);
  EXPECT_EQ(log.text().find("jeanne.candidate"), std::string::npos) << log.text();
  EXPECT_NE(log.text().find("people"), std::string::npos) << log.text();
}

TEST_P(Storage, AFaultInsideATransactionIsAnErrorValueToo) {
  auto db = open();
  Status st = db->transaction([](soci::session& s) {
    std::string text;
    s << "SELECT missing_column FROM nowhere", soci::into(text);
    return Status::Ok();
  });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, ErrorCode::database_error);
  EXPECT_EQ(st.error().message.find("nowhere"), std::string::npos);
  EXPECT_TRUE(db->ping().ok());  // the pooled connection is still usable
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
  EXPECT_EQ(st.error().code, ErrorCode::constraint_violation);
  EXPECT_EQ(query_int(*db, "SELECT COUNT(*) FROM t"), 1);  // the 2 went with the rollback
}

TEST_P(Storage, ForeignKeysAreEnforced) {
  auto db = open();
  ASSERT_TRUE(db->transaction([](soci::session& s) {
    s << "CREATE TABLE parent (id INTEGER PRIMARY KEY)";
    s << "CREATE TABLE child (parent_id INTEGER NOT NULL REFERENCES parent (id))";
    return Status::Ok();
  }).ok());
  Status st = db->transaction([](soci::session& s) {
    s << "INSERT INTO child (parent_id) VALUES (42)";
    return Status::Ok();
  });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, ErrorCode::constraint_violation);
}

TEST_P(Storage, AFailedStatusRollsBackToo) {
  auto db = open();
  ASSERT_TRUE(db->transaction([](soci::session& s) {
    s << "CREATE TABLE t (k INTEGER)";
    return Status::Ok();
  }).ok());
  Status st = db->transaction([](soci::session& s) {
    s << "INSERT INTO t (k) VALUES (1)";
    return Status(Error{ErrorCode::test, "non"});
  });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, ErrorCode::test);
  EXPECT_EQ(query_int(*db, "SELECT COUNT(*) FROM t"), 0);
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
  EXPECT_EQ(query_int(*db, "SELECT COUNT(*) FROM c"), 100);
}

TEST_P(Storage, ReadModifyWriteTransactionsDoNotLoseUpdates) {
  // Two handles, as two servers would have: increments must serialise, not overwrite.
  auto a = open(2);
  auto b = open(2);
  ASSERT_TRUE(a->transaction([](soci::session& s) {
    s << "CREATE TABLE counter (n INTEGER NOT NULL)";
    s << "INSERT INTO counter (n) VALUES (0)";
    return Status::Ok();
  }).ok());
  const bool pg = GetParam() == Backend::postgresql;
  auto bump = [pg](Database& db) {
    for (int i = 0; i < 20; ++i) {
      Status st = db.transaction([pg](soci::session& s) {
        int n = 0;
        s << (pg ? "SELECT n FROM counter FOR UPDATE" : "SELECT n FROM counter"), soci::into(n);
        ++n;
        s << "UPDATE counter SET n = :n", soci::use(n);
        return Status::Ok();
      });
      EXPECT_TRUE(st.ok()) << (st.ok() ? std::string_view() : to_string(st.error().code));
    }
  };
  std::thread ta([&] { bump(*a); });
  std::thread tb([&] { bump(*b); });
  ta.join();
  tb.join();
  EXPECT_EQ(query_int(*a, "SELECT n FROM counter"), 40);
}

INSTANTIATE_TEST_SUITE_P(Backends, Storage, ::testing::Values(Backend::sqlite, Backend::postgresql), backend_name);

// --- SQLite specifics -------------------------------------------------------------------

TEST(SqliteStorage, DefaultsToGuichetSqlite3InTheDataFolderCreatingIt) {
  TempDir dir("sqlite-default");
  auto data = dir.path() / "not" / "yet" / "there";
  auto db = Database::open("", data.string(), 1);
  ASSERT_TRUE(db.ok()) << db.error().message;
  EXPECT_EQ((*db)->backend(), Backend::sqlite);
  EXPECT_TRUE(std::filesystem::exists(data / "guichet.sqlite3"));
}

TEST(SqliteStorage, EveryPooledConnectionHasWalFullSyncForeignKeysAndABusyTimeout) {
  TempDir dir("sqlite-pragmas");
  auto opened = Database::open("", dir.path().string(), 3);
  ASSERT_TRUE(opened.ok());
  Database& db = **opened;
  int checked = 0;
  auto check = [&](soci::session& s) {
    std::string mode;
    int sync = 0, fk = 0, timeout = 0;
    s << "PRAGMA journal_mode", soci::into(mode);
    s << "PRAGMA synchronous", soci::into(sync);
    s << "PRAGMA foreign_keys", soci::into(fk);
    s << "PRAGMA busy_timeout", soci::into(timeout);
    EXPECT_EQ(mode, "wal");
    EXPECT_EQ(sync, 2);  // FULL
    EXPECT_EQ(fk, 1);
    EXPECT_EQ(timeout, 5000);
    ++checked;
  };
  // Nested borrows hold three different connections at once.
  ASSERT_TRUE(db.with_session([&](soci::session& s1) {
    check(s1);
    return db.with_session([&](soci::session& s2) {
      check(s2);
      return db.with_session([&](soci::session& s3) {
        check(s3);
        return Status::Ok();
      });
    });
  }).ok());
  EXPECT_EQ(checked, 3);
}

TEST(SqliteStorage, BothUrlFormsPointAtThatFileEvenWithSpacesAndEquals) {
  TempDir dir("sqlite-url");
  auto odd = dir.path() / "mes données" / "a=b";
  std::filesystem::create_directories(odd);
  for (const std::string prefix : {"sqlite:", "sqlite://"}) {
    auto file = odd / (prefix == "sqlite:" ? "one.db" : "two.db");
    auto db = Database::open(prefix + file.string(), "/nonexistent", 1);
    ASSERT_TRUE(db.ok()) << prefix << ": " << db.error().message;
    EXPECT_EQ((*db)->backend(), Backend::sqlite);
    EXPECT_TRUE((*db)->ping().ok());
    EXPECT_TRUE(std::filesystem::exists(file)) << file;
  }
}

TEST(SqliteStorage, AFileThatCannotBeOpenedIsUnavailable) {
  auto db = Database::open("sqlite:/nonexistent-guichet-dir/sub/x.db", "/tmp", 1);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, ErrorCode::database_unavailable);
}

// --- URLs and connection failures -----------------------------------------------------------

TEST(StorageUrls, AnUnknownSchemeIsRefusedInFrench) {
  for (const std::string url : {"mysql://x/y", "sqlite", "/var/lib/guichet.db", "postgresql:/x"}) {
    auto db = Database::open(url, "/tmp", 1);
    ASSERT_FALSE(db.ok()) << url;
    EXPECT_EQ(db.error().code, ErrorCode::database_url) << url;
    EXPECT_NE(db.error().message.find("postgresql://"), std::string::npos) << url;
  }
}

TEST(StorageUrls, AMalformedPostgresqlUrlIsAUrlError) {
  auto db = Database::open("postgresql://127.0.0.1/db?no_such_option=1", "/tmp", 1);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, ErrorCode::database_url);
}

TEST(StorageUrls, AnEmptySqlitePathIsAUrlError) {
  auto db = Database::open("sqlite:", "/tmp", 1);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, ErrorCode::database_url);
}

TEST(StorageUrls, AnUnreachablePostgresqlSaysSoWithoutThePasswordAnywhere) {
  for (const std::string url : {"postgresql://guichet:s3cr3t-pw@127.0.0.1:1/guichet?connect_timeout=2",
                                "postgres://guichet@127.0.0.1:1/guichet?password=s3cr3t-pw&connect_timeout=2"}) {
    LogCapture log;
    auto db = Database::open(url, "/tmp", 2);
    ASSERT_FALSE(db.ok()) << url;
    EXPECT_EQ(db.error().code, ErrorCode::database_unavailable);
    EXPECT_FALSE(db.error().message.empty());
    EXPECT_EQ(db.error().message.find("s3cr3t-pw"), std::string::npos) << db.error().message;
    EXPECT_EQ(log.text().find("s3cr3t-pw"), std::string::npos) << log.text();
    EXPECT_NE(log.text().find("127.0.0.1"), std::string::npos) << log.text();  // but says where
  }
}

TEST(StorageUrls, ThePostgresSchemeIsAcceptedToo) {
  std::string url = PostgresCluster::instance().create_database("scheme");
  ASSERT_EQ(url.rfind("postgresql://", 0), 0u);
  auto db = Database::open("postgres://" + url.substr(13), "/tmp", 1);
  ASSERT_TRUE(db.ok()) << db.error().message;
  EXPECT_EQ((*db)->backend(), Backend::postgresql);
  EXPECT_TRUE((*db)->ping().ok());
}

}  // namespace
}  // namespace guichet::testing
