#include "core/events.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace guichet {
namespace {

TEST(EventBus, DeliversByTypePrefixInSubscriptionOrder) {
  EventBus bus;
  std::vector<std::string> seen;
  bus.subscribe("rules.", [&](const Event& e) { seen.push_back("a:" + e.type); });
  bus.subscribe("", [&](const Event& e) { seen.push_back("b:" + e.type); });
  bus.publish({"rules.activated", "{}", {}});
  bus.publish({"registration.saved", "{}", {}});
  EXPECT_EQ(seen, (std::vector<std::string>{"a:rules.activated", "b:rules.activated", "b:registration.saved"}));
}

TEST(EventBus, AThrowingSubscriberDoesNotStopTheOthers) {
  EventBus bus;
  int calls = 0;
  bus.subscribe("", [](const Event&) { throw std::runtime_error("boom"); });
  bus.subscribe("", [&](const Event&) { ++calls; });
  bus.publish({"x", "{}", {}});
  EXPECT_EQ(calls, 1);
}

TEST(EventBus, UnsubscribedHandlersNoLongerRun) {
  EventBus bus;
  int calls = 0;
  int id = bus.subscribe("", [&](const Event&) { ++calls; });
  bus.unsubscribe(id);
  bus.publish({"x", "{}", {}});
  EXPECT_EQ(calls, 0);
}

}  // namespace
}  // namespace guichet
