// PostgreSQL going away and coming back: errors as values while it is gone, the pool heals
// by itself afterwards (no restart of guichet needed).
#include "db/migrations.hpp"
#include "db/rule_set_repository.hpp"
#include "tests/db/backend_fixture.hpp"

namespace guichet::testing {
namespace {

using namespace std::chrono;

TEST(PostgresOutage, AKilledConnectionIsReopenedAndTheWorkDoneOnce) {
  std::string url = PostgresCluster::instance().create_database("killed");
  auto opened = Database::open(url, "/tmp", 1);
  auto other = Database::open(url, "/tmp", 1);
  ASSERT_TRUE(opened.ok() && other.ok());
  Database& db = **opened;
  ASSERT_TRUE(migrate(db).ok());
  long long pid = query_int(db, "SELECT pg_backend_pid()");
  ASSERT_GT(pid, 0);
  ASSERT_TRUE((*other)->with_session([pid](soci::session& s) {
    int done = 0;
    s << "SELECT CASE WHEN pg_terminate_backend(:p) THEN 1 ELSE 0 END", soci::use(pid), soci::into(done);
    return done == 1 ? Status::Ok() : Status(Error{ErrorCode::test, "pg_terminate_backend"});
  }).ok());
  // The only pooled connection is dead; the next unit of work notices, reconnects, runs once.
  Status st = record_activation(db, {"after-kill", sys_days(2024y / May / 1), {"poitiers"}, 1});
  ASSERT_TRUE(st.ok()) << st.error().code << " " << st.error().message;
  EXPECT_EQ(query_int(db, "SELECT COUNT(*) FROM rule_set_versions WHERE content_hash = 'after-kill'"), 1);
  EXPECT_NE(query_int(db, "SELECT pg_backend_pid()"), pid);
}

TEST(PostgresOutage, WhileTheServerIsDownCallsFailAsValuesThenEverythingHeals) {
  auto cluster = PostgresCluster::start_private();
  std::string url = cluster->create_database("outage");
  auto opened = Database::open(url, "/tmp", 3);
  ASSERT_TRUE(opened.ok());
  Database& db = **opened;
  ASSERT_TRUE(migrate(db).ok());
  ASSERT_TRUE(db.ping().ok());

  cluster->stop_server();
  auto t0 = steady_clock::now();
  for (int i = 0; i < 4; ++i) {  // more calls than connections: every one of them fails cleanly
    Status st = db.ping();
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, ErrorCode::database_unavailable);
    EXPECT_FALSE(st.error().message.empty());
  }
  Status write = record_activation(db, {"while-down", sys_days(2024y / May / 1), {"poitiers"}, 1});
  ASSERT_FALSE(write.ok());
  EXPECT_EQ(write.error().code, ErrorCode::database_unavailable);
  auto list = list_activations(db, 5);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.error().code, ErrorCode::database_unavailable);
  EXPECT_LT(steady_clock::now() - t0, seconds(10));  // refused at once, no hanging

  cluster->start_server();
  for (int i = 0; i < 6; ++i) EXPECT_TRUE(db.ping().ok()) << "ping " << i;
  ASSERT_TRUE(record_activation(db, {"after", sys_days(2024y / May / 2), {"poitiers"}, 2}).ok());
  auto after = list_activations(db, 5);
  ASSERT_TRUE(after.ok()) << after.error().message;
  ASSERT_EQ(after->size(), 1u);
  EXPECT_EQ((*after)[0].content_hash, "after");
  EXPECT_TRUE(migrate(db).ok());
}

}  // namespace
}  // namespace guichet::testing
