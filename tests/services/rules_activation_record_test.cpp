// Every rule set that goes live is recorded: the event Rules publishes, decoded and stored, on
// each backend; an event it cannot read is logged, not thrown.
#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "core/rules.hpp"
#include "core/sources.hpp"
#include "core/time_format.hpp"
#include "db/migrations.hpp"
#include "services/rules_activation_record.hpp"
#include "tests/db/backend_fixture.hpp"

namespace guichet::testing {
namespace {

class ActivationRecord : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    db_ = open(1);
    ASSERT_TRUE(db_ && migrate(*db_).ok());
  }
  std::unique_ptr<Database> db_;
};

TEST_P(ActivationRecord, TheRulesThatGoLiveAreRecordedWithTheirHashAcademiesAndFiles) {
  ManualClock clock{Instant(*parse_rfc3339("2024-11-01T10:00:00+01:00"))};
  EventBus bus;
  services::record_rules_activations(bus, *db_);
  Rules rules(RuleSetOptions{{}, 1}, clock, &bus);
  auto sources = read_sources(std::string(GUICHET_SOURCE_DIR) + "/tests/fixtures/minimal");
  ASSERT_TRUE(sources.ok());
  ASSERT_TRUE(rules.load(*sources).activated);
  auto list = list_activations(*db_, 10);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].content_hash, rules.current()->hash());
  EXPECT_EQ((*list)[0].academies, std::vector<std::string>{"testia"});
  EXPECT_EQ((*list)[0].files, static_cast<int>(sources->files.size()));
  EXPECT_EQ((*list)[0].activated_at, clock.now());
}

TEST_P(ActivationRecord, AnEventItCannotReadRecordsNothingAndThrowsNothing) {
  EventBus bus;
  services::record_rules_activations(bus, *db_);
  for (const char* payload : {"", "not json", "[]", R"({"hash": 1, "academies": [], "files": 1})",
                              R"({"hash": "h", "academies": [2], "files": 1})", R"({"hash": "h", "academies": []})",
                              R"({"hash": "h", "academies": [], "files": "x"})"}) {
    Event e;
    e.type = "rules.activated";
    e.payload = payload;
    EXPECT_FALSE(services::decode_rules_activated(e).ok()) << payload;
    EXPECT_NO_THROW(bus.publish(e));
  }
  auto list = list_activations(*db_, 10);
  ASSERT_TRUE(list.ok());
  EXPECT_TRUE(list->empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, ActivationRecord, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         backend_name);

}  // namespace
}  // namespace guichet::testing
