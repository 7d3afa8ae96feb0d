// The event outbox on both backends: events exist only with their change, reach a consumer
// once per id across restarts, in order per aggregate, with backoff on failures, without one
// refused event holding back the others, and from one server at a time.
#include <soci/soci.h>

#include <map>
#include <set>

#include "db/events_repository.hpp"
#include "services/event_delivery.hpp"
#include "tests/services/service_fixture.hpp"

namespace guichet::testing {
namespace {

using namespace std::chrono_literals;
using services::DeliveryOutcome;

// A consumer that records what it is given and answers what the test says, per aggregate.
struct Recorder {
  std::vector<std::string> lines;  // "type aggregate attempt"
  std::vector<std::string> ids;
  std::map<std::string, DeliveryOutcome> answer;  // aggregate -> outcome (default: delivered)
  DeliveryOutcome all = DeliveryOutcome::delivered;
  int calls = 0;

  services::EventConsumer consumer(std::string name, std::vector<std::string> prefixes = {""}) {
    return {std::move(name), std::move(prefixes),
            [this](const db::EventRow& e, unsigned attempt, std::string& error) {
              ++calls;
              DeliveryOutcome out = all;
              if (auto it = answer.find(e.aggregate); it != answer.end()) out = it->second;
              if (out != DeliveryOutcome::delivered) {
                error = "refusé par l'essai";
                return out;
              }
              lines.push_back(e.type + " " + e.aggregate + " " + std::to_string(attempt));
              ids.push_back(e.id);
              return out;
            }};
  }
};

class EventOutbox : public ServiceTest {
 protected:
  services::EventDeliveryConfig fast() {
    services::EventDeliveryConfig c;
    c.first_backoff = 1s;
    c.max_backoff = 8s;
    c.gap_grace = 0ms;
    return c;
  }
  // A raw session on the test's PostgreSQL database, outside the pool.
  std::unique_ptr<soci::session> raw_pg() {
    // url_: postgresql://postgres@127.0.0.1:<port>/<name>
    auto colon = url_.rfind(':'), slash = url_.rfind('/');
    std::string conninfo = "host=127.0.0.1 user=postgres port=" + url_.substr(colon + 1, slash - colon - 1) +
                           " dbname=" + url_.substr(slash + 1);
    return std::make_unique<soci::session>("postgresql", conninfo);
  }
  std::vector<db::EventRow> events() {
    std::vector<db::EventRow> out;
    EXPECT_TRUE(db_->with_session([&](soci::session& s) {
      out = db::events_after(s, 0, 1000);
      return Status::Ok();
    }).ok());
    return out;
  }
};

TEST_P(EventOutbox, AnEventIsRecordedOnlyWithItsChange) {
  ASSERT_TRUE(accounts_->sign_up(sign_up_input(), kClient).ok());
  auto all = events();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].type, "account.created");
  EXPECT_EQ(all[0].aggregate.rfind("account:", 0), 0u);
  EXPECT_EQ(all[0].id.rfind("evt_", 0), 0u);
  // The in-process publication carries the same id.
  ASSERT_TRUE(accounts_->activate(token_in_last("activation")).ok());
  all = events();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[1].type, "account.activated");
  EXPECT_EQ(all[1].aggregate, all[0].aggregate);
  EXPECT_GT(all[1].seq, all[0].seq);
  ASSERT_FALSE(accounts_->sign_up(sign_up_input(), kClient).ok());  // refused inside its transaction
  EXPECT_EQ(events().size(), 2u);
}

TEST_P(EventOutbox, AccountChangesGoThroughTheOutboxLikeEveryOtherEvent) {
  std::vector<Event> published;
  events_.subscribe("account.", [&](const Event& e) { published.push_back(e); });
  const std::string id = active_account();
  ASSERT_TRUE(accounts_->request_password_reset("elodie.martin@example.org", kClient).ok());
  ASSERT_TRUE(accounts_->confirm_password_reset(token_in_last("password_reset"), "un tout nouveau secret").ok());
  services::AccountPatch p;
  p.email = "nouvelle@example.org";
  p.password = "encore une autre phrase";
  p.phone = "0605040302";
  p.current_password = "un tout nouveau secret";
  ASSERT_TRUE(accounts_->update_me(id, p).ok());
  const std::vector<std::string> expected{"account.created",        "account.activated",
                                          "account.password_reset_requested", "account.password_changed",
                                          "account.email_changed",  "account.password_changed",
                                          "account.updated"};
  auto all = events();
  std::vector<std::string> types;
  for (const auto& e : all) {
    types.push_back(e.type);
    EXPECT_EQ(e.aggregate, "account:" + id) << e.type;
    EXPECT_EQ(e.payload, R"({"account_id":")" + id + R"("})") << e.type;
  }
  EXPECT_EQ(types, expected);
  // What the process heard is what the outbox holds: same events, same ids, same order.
  ASSERT_EQ(published.size(), all.size());
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(published[i].id, all[i].id);
    EXPECT_EQ(published[i].type, all[i].type);
    EXPECT_EQ(published[i].aggregate, all[i].aggregate);
  }
  // A change refused inside its transaction leaves no event.
  p = {};
  p.email = "nouvelle@example.org";
  p.current_password = "pas le bon";
  ASSERT_FALSE(accounts_->update_me(id, p).ok());
  EXPECT_EQ(events().size(), all.size());
}

TEST_P(EventOutbox, EachEventReachesTheConsumerOnceAcrossARestart) {
  Recorder r;
  {
    services::EventDelivery delivery(*db_, clock_, {r.consumer("plugin:test")}, fast());
    ASSERT_EQ(*delivery.run_once(0), 0);  // a new consumer starts at the end of the log
    active_account("a@example.org");
    ASSERT_EQ(*delivery.run_once(0), 2);
    EXPECT_EQ(*delivery.run_once(0), 0);
  }
  // Another process on the same database: the cursor is where the first one left it.
  auto db2 = open(2);
  services::EventDelivery again(*db2, clock_, {r.consumer("plugin:test")}, fast());
  EXPECT_EQ(*again.run_once(0), 0);
  active_account("b@example.org");
  EXPECT_EQ(*again.run_once(0), 2);
  ASSERT_EQ(r.ids.size(), 4u);
  std::set<std::string> unique(r.ids.begin(), r.ids.end());
  EXPECT_EQ(unique.size(), 4u);
  EXPECT_EQ(r.lines[0].substr(0, 15), "account.created");
  EXPECT_EQ(r.lines[1].substr(0, 17), "account.activated");
}

TEST_P(EventOutbox, StartPlacesNewCursorsBeforeReturning) {
  ASSERT_TRUE(accounts_->sign_up(sign_up_input("before@example.org"), kClient).ok());  // history, not for it
  const long long end_of_log = events().back().seq;
  Recorder r;
  auto config = fast();
  config.poll = 1h;  // the thread's own pass must not be what creates the cursor
  auto delivery = std::make_unique<services::EventDelivery>(*db_, clock_, std::vector{r.consumer("plugin:test")}, config);
  delivery->start();
  auto status = delivery->status();
  ASSERT_EQ(status.size(), 1u);
  EXPECT_EQ(status[0].last_seq, end_of_log);
  // So what happens right after start is delivered, however late the thread's first pass.
  ASSERT_TRUE(accounts_->sign_up(sign_up_input("after@example.org"), kClient).ok());
  delivery->poke();
  for (int i = 0; i < 200 && delivery->status()[0].last_seq == end_of_log; ++i) std::this_thread::sleep_for(10ms);
  delivery.reset();  // joins the thread before its recorder is read
  EXPECT_EQ(r.ids.size(), 1u);
}

TEST_P(EventOutbox, OnlyTheSubscribedTypesAreDelivered) {
  Recorder r;
  services::EventDelivery delivery(*db_, clock_, {r.consumer("plugin:test", {"account.activated"})}, fast());
  ASSERT_EQ(*delivery.run_once(0), 0);
  active_account();
  EXPECT_EQ(*delivery.run_once(0), 1);
  ASSERT_EQ(r.lines.size(), 1u);
  EXPECT_EQ(r.lines[0].substr(0, 17), "account.activated");
}

TEST_P(EventOutbox, AnUnavailableConsumerIsRetriedWithBackoffFromTheSameEvent) {
  Recorder r;
  services::EventDelivery delivery(*db_, clock_, {r.consumer("plugin:test")}, fast());
  ASSERT_EQ(*delivery.run_once(0), 0);
  active_account();
  r.all = DeliveryOutcome::retry;
  EXPECT_EQ(*delivery.run_once(0), 0);
  EXPECT_EQ(r.calls, 1);
  EXPECT_EQ(*delivery.run_once(0), 0);  // backing off: not even called
  EXPECT_EQ(r.calls, 1);
  auto status = delivery.status();
  ASSERT_EQ(status.size(), 1u);
  EXPECT_EQ(status[0].attempts, 1);
  EXPECT_EQ(status[0].last_error, "refusé par l'essai");
  clock_.set(clock_.now() + 1s);
  r.all = DeliveryOutcome::hung;  // a watchdog timeout counts the same way
  EXPECT_EQ(*delivery.run_once(0), 0);
  EXPECT_EQ(r.calls, 2);
  clock_.set(clock_.now() + 1s);  // second backoff is 2 s
  EXPECT_EQ(*delivery.run_once(0), 0);
  EXPECT_EQ(r.calls, 2);
  clock_.set(clock_.now() + 1s);
  r.all = DeliveryOutcome::delivered;
  EXPECT_EQ(*delivery.run_once(0), 2);
  ASSERT_EQ(r.lines.size(), 2u);
  EXPECT_EQ(r.lines[0].substr(r.lines[0].size() - 2), " 3");  // the third attempt at that event
  EXPECT_EQ(r.lines[1].substr(r.lines[1].size() - 2), " 1");
  EXPECT_EQ(delivery.status()[0].attempts, 0);
}

TEST_P(EventOutbox, ARefusedEventIsParkedWithItsAggregateAndTheRestFlows) {
  Recorder r;
  services::EventDelivery delivery(*db_, clock_, {r.consumer("plugin:test")}, fast());
  ASSERT_EQ(*delivery.run_once(0), 0);
  ASSERT_TRUE(accounts_->sign_up(sign_up_input("a@example.org"), kClient).ok());
  std::string a_token = token_in_last("activation");
  ASSERT_TRUE(accounts_->sign_up(sign_up_input("b@example.org"), kClient).ok());
  std::string b_token = token_in_last("activation");
  ASSERT_TRUE(accounts_->activate(a_token).ok());
  ASSERT_TRUE(accounts_->activate(b_token).ok());
  auto all = events();
  ASSERT_EQ(all.size(), 4u);
  const std::string a = all[0].aggregate, b = all[1].aggregate;
  ASSERT_NE(a, b);
  r.answer[a] = DeliveryOutcome::failed;
  EXPECT_EQ(*delivery.run_once(0), 2);  // b's two events
  EXPECT_EQ(r.lines, (std::vector<std::string>{"account.created " + b + " 1", "account.activated " + b + " 1"}));
  EXPECT_EQ(delivery.status()[0].parked, 2u);  // a's refused event and the one behind it
  auto metrics = delivery.render_metrics();
  EXPECT_NE(metrics.find("guichet_plugin_events_parked{consumer=\"plugin:test\"} 2\n"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("guichet_plugin_event_failures_total{consumer=\"plugin:test\",kind=\"refused\"} 1\n"),
            std::string::npos) << metrics;
  EXPECT_NE(metrics.find("guichet_plugin_events_delivered_total{consumer=\"plugin:test\"} 2\n"), std::string::npos);
  // Later: a is accepted again; its events come in their order.
  r.answer.clear();
  EXPECT_EQ(*delivery.run_once(0), 0);  // the parked one is not due yet
  clock_.set(clock_.now() + 1s);
  EXPECT_EQ(*delivery.run_once(0), 2);
  ASSERT_EQ(r.lines.size(), 4u);
  EXPECT_EQ(r.lines[2], "account.created " + a + " 2");
  EXPECT_EQ(r.lines[3], "account.activated " + a + " 1");
  EXPECT_EQ(delivery.status()[0].parked, 0u);
  EXPECT_NE(delivery.render_metrics().find("guichet_plugin_events_parked{consumer=\"plugin:test\"} 0\n"),
            std::string::npos);
}

TEST_P(EventOutbox, OneServerAtATimeDeliversToAConsumer) {
  Recorder first, second;
  auto db2 = open(2);
  services::EventDelivery one(*db_, clock_, {first.consumer("plugin:test")}, fast());
  services::EventDelivery two(*db2, clock_, {second.consumer("plugin:test")}, fast());
  ASSERT_EQ(*one.run_once(0), 0);
  active_account();
  EXPECT_EQ(*two.run_once(0), 0);  // the first server holds the lease
  EXPECT_EQ(second.calls, 0);
  EXPECT_EQ(*one.run_once(0), 2);
  clock_.set(clock_.now() + 61s);  // the first server is gone: its lease runs out
  active_account("c@example.org");
  EXPECT_EQ(*two.run_once(0), 2);
  EXPECT_EQ(first.calls, 2);
  EXPECT_EQ(second.calls, 2);
}

TEST_P(EventOutbox, AnEarlierTransactionStillOpenHoldsBackTheLaterEvents) {
  if (GetParam() != Backend::postgresql) GTEST_SKIP() << "SQLite has one writer: seq numbers commit in order";
  Recorder r;
  auto config = fast();
  config.gap_grace = 1h;
  services::EventDelivery delivery(*db_, clock_, {r.consumer("plugin:test")}, config);
  ASSERT_EQ(*delivery.run_once(0), 0);
  auto raw = raw_pg();
  soci::session& open_txn = *raw;
  open_txn.begin();
  open_txn << "INSERT INTO events (id, type, aggregate, payload, occurred_at) VALUES "
              "('evt_early', 'test.early', 'test:1', '{}', '2024-11-01T09:00:00.000000Z')";
  ASSERT_TRUE(accounts_->sign_up(sign_up_input(), kClient).ok());  // seq after evt_early, committed first
  EXPECT_EQ(*delivery.run_once(0), 0);
  EXPECT_EQ(r.calls, 0);
  open_txn.commit();
  EXPECT_EQ(*delivery.run_once(0), 2);
  ASSERT_EQ(r.lines.size(), 2u);
  EXPECT_EQ(r.lines[0], "test.early test:1 1");
}

TEST_P(EventOutbox, AGapLeftByARollbackIsPassedAfterTheGrace) {
  if (GetParam() != Backend::postgresql) GTEST_SKIP() << "SQLite has one writer: seq numbers commit in order";
  Recorder r;
  services::EventDelivery delivery(*db_, clock_, {r.consumer("plugin:test")}, fast());  // grace 0
  ASSERT_EQ(*delivery.run_once(0), 0);
  {
    auto raw = raw_pg();
    soci::session& txn = *raw;
    txn.begin();
    txn << "INSERT INTO events (id, type, aggregate, payload, occurred_at) VALUES "
           "('evt_lost', 'test.lost', 'test:1', '{}', '2024-11-01T09:00:00.000000Z')";
    txn.rollback();
  }
  ASSERT_TRUE(accounts_->sign_up(sign_up_input(), kClient).ok());
  EXPECT_EQ(*delivery.run_once(0), 0);  // first sight of the gap
  EXPECT_EQ(*delivery.run_once(0), 1);  // past the grace: a rolled-back number
  EXPECT_EQ(r.lines.size(), 1u);
}

TEST_P(EventOutbox, DeliveredEventsArePurgedAfterTheRetentionAndOnlyThen) {
  Recorder r, gone;
  services::EventDelivery delivery(*db_, clock_, {r.consumer("plugin:test")}, fast());
  ASSERT_EQ(*delivery.run_once(0), 0);
  {
    // A plugin since removed: its cursor stays behind, and must not keep events forever.
    services::EventDelivery old(*db_, clock_, {gone.consumer("plugin:gone")}, fast());
    ASSERT_EQ(*old.run_once(0), 0);
  }
  active_account();
  clock_.set(clock_.now() + std::chrono::hours(24 * 31));
  r.all = DeliveryOutcome::retry;
  EXPECT_EQ(*delivery.run_once(0), 0);
  EXPECT_EQ(*delivery.purge(std::chrono::hours(24 * 30)), 0);  // not delivered yet: kept
  EXPECT_EQ(events().size(), 2u);
  r.all = DeliveryOutcome::delivered;
  clock_.set(clock_.now() + 2s);
  EXPECT_EQ(*delivery.run_once(0), 2);
  EXPECT_EQ(*delivery.purge(std::chrono::hours(24 * 40)), 0);  // delivered, but younger than 40 days
  EXPECT_EQ(*delivery.purge(std::chrono::hours(24 * 30)), 2);
  EXPECT_TRUE(events().empty());
  // The cursor goes on from where it was.
  active_account("b@example.org");
  EXPECT_EQ(*delivery.run_once(0), 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, EventOutbox, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         backend_name);

}  // namespace
}  // namespace guichet::testing
