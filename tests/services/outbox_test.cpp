// The transactional outbox on both backends: a mail exists only if its change committed,
// delivery is at-least-once under a stable key (so never two files), failures are retried
// later, and a delivery that crashed before its mark is redone as the same mail.
#include <soci/soci.h>

#include <filesystem>

#include "mail/transport.hpp"
#include "services/outbox_delivery.hpp"
#include "tests/services/service_fixture.hpp"

namespace guichet::testing {
namespace {

using namespace std::chrono_literals;

// A transport that fails on demand, then writes through to real .eml files.
class FlakyTransport : public mail::Transport {
 public:
  explicit FlakyTransport(std::string dir) : files_(std::move(dir)) {}
  Status deliver(const std::string& key, const std::string& text) override {
    ++calls;
    if (failures_left > 0) {
      --failures_left;
      return Error{ErrorCode::mail_io, "serveur de messagerie indisponible"};
    }
    return files_.deliver(key, text);
  }
  int failures_left = 0;
  int calls = 0;

 private:
  mail::EmlFileTransport files_;
};

class Outbox : public ServiceTest {
 protected:
  std::filesystem::path outbox_dir() { return dir_.path() / "outbox"; }
  size_t eml_count() {
    size_t n = 0;
    if (std::filesystem::exists(outbox_dir()))
      for (const auto& e : std::filesystem::directory_iterator(outbox_dir())) n += e.path().extension() == ".eml";
    return n;
  }
};

TEST_P(Outbox, AMailExistsOnlyIfItsChangeCommitted) {
  // A sign-up refused inside its transaction (the address of an activated account) leaves no
  // mail behind.
  ASSERT_TRUE(accounts_->sign_up(sign_up_input(), kClient).ok());
  ASSERT_TRUE(accounts_->activate(token_in_last("activation")).ok());
  ASSERT_FALSE(accounts_->sign_up(sign_up_input(), kClient).ok());
  EXPECT_EQ(mails().size(), 1u);
}

TEST_P(Outbox, DeliversOnceAsAnEmlFileAndMarksIt) {
  ASSERT_TRUE(accounts_->sign_up(sign_up_input(), kClient).ok());
  mail::EmlFileTransport files(outbox_dir().string());
  services::OutboxDelivery delivery(*db_, clock_, files);
  EXPECT_EQ(*delivery.deliver_due(), 1);
  EXPECT_EQ(*delivery.deliver_due(), 0);
  EXPECT_EQ(eml_count(), 1u);
  auto row = mails().front();
  ASSERT_TRUE(row.delivered_at.has_value());
  EXPECT_TRUE(std::filesystem::exists(outbox_dir() / (row.id + ".eml")));
}

TEST_P(Outbox, AFailedDeliveryIsRetriedLater) {
  ASSERT_TRUE(accounts_->sign_up(sign_up_input(), kClient).ok());
  FlakyTransport flaky(outbox_dir().string());
  flaky.failures_left = 1;
  services::OutboxDelivery delivery(*db_, clock_, flaky);
  EXPECT_EQ(*delivery.deliver_due(), 0);
  auto row = mails().front();
  EXPECT_EQ(row.attempts, 1);
  EXPECT_FALSE(row.last_error.empty());
  EXPECT_EQ(*delivery.deliver_due(), 0);  // not due yet: no hammering
  EXPECT_EQ(flaky.calls, 1);
  clock_.set(clock_.now() + 31s);
  EXPECT_EQ(*delivery.deliver_due(), 1);
  EXPECT_EQ(eml_count(), 1u);
}

TEST_P(Outbox, ACrashBetweenDeliveryAndMarkRedeliversTheSameMailNotASecond) {
  ASSERT_TRUE(accounts_->sign_up(sign_up_input(), kClient).ok());
  auto row = mails().front();
  // The crash: the file was written, the mark never happened, the lease was taken.
  mail::EmlFileTransport files(outbox_dir().string());
  ASSERT_TRUE(files.deliver(row.id, row.message).ok());
  ASSERT_TRUE(db_->transaction([&](soci::session& s) {
    return db::lease_mail(s, row, clock_.now() + 60s) ? Status::Ok() : Status(Error{ErrorCode::test, "lease"});
  }).ok());
  // A restarted server: nothing until the lease ends, then the same key again.
  services::OutboxDelivery after_restart(*db_, clock_, files);
  EXPECT_EQ(*after_restart.deliver_due(), 0);
  clock_.set(clock_.now() + 61s);
  EXPECT_EQ(*after_restart.deliver_due(), 1);
  EXPECT_EQ(eml_count(), 1u);
  EXPECT_TRUE(mails().front().delivered_at.has_value());
}

TEST_P(Outbox, TwoServersDeliveringAtOnceSendEachMailOnce) {
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(accounts_->sign_up(sign_up_input("c" + std::to_string(i) + "@example.org"), kClient).ok());
  FlakyTransport a(outbox_dir().string()), b(outbox_dir().string());
  auto db2 = open(2);
  services::OutboxDelivery one(*db_, clock_, a), two(*db2, clock_, b);
  int delivered_one = 0, delivered_two = 0;
  std::thread t1([&] { delivered_one = *one.deliver_due(); });
  std::thread t2([&] { delivered_two = *two.deliver_due(); });
  t1.join();
  t2.join();
  EXPECT_EQ(delivered_one + delivered_two, 10);
  EXPECT_EQ(a.calls + b.calls, 10);  // the lease kept each mail to one server
  EXPECT_EQ(eml_count(), 10u);
}

INSTANTIATE_TEST_SUITE_P(Backends, Outbox, ::testing::Values(Backend::sqlite, Backend::postgresql), backend_name);

}  // namespace
}  // namespace guichet::testing
