// The JSON Schema subset plugins declare their configuration with.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "plugins/host/json_schema.hpp"

namespace guichet::plugins {
namespace {

namespace json = boost::json;

TEST(JsonSchema, ChecksTypesRequiredBoundsEnumsItemsAndExtras) {
  json::value schema = json::parse(R"({
    "type": "object", "additionalProperties": false, "required": ["url", "events"],
    "properties": {
      "url": {"type": "string", "minLength": 8},
      "timeout_seconds": {"type": "integer", "minimum": 1, "maximum": 60},
      "mode": {"enum": ["csv", "json"]},
      "events": {"type": "array", "minItems": 1, "items": {"type": "string"}}
    }})");
  ASSERT_TRUE(check_schema(schema).empty());
  EXPECT_TRUE(validate(schema, json::parse(R"({"url": "https://x.example", "events": ["a"], "timeout_seconds": 5})")).empty());
  auto faults = validate(schema, json::parse(R"({"url": "http", "events": [], "timeout_seconds": 61.5, "mode": "xml", "x": 1})"));
  std::string all;
  for (const auto& f : faults) all += f + "\n";
  EXPECT_NE(all.find("config.url : au moins 8"), std::string::npos) << all;
  EXPECT_NE(all.find("config.events : au moins 1"), std::string::npos) << all;
  EXPECT_NE(all.find("config.timeout_seconds : type attendu"), std::string::npos) << all;
  EXPECT_NE(all.find("config.mode : valeur hors de"), std::string::npos) << all;
  EXPECT_NE(all.find("config.x : propriété inconnue"), std::string::npos) << all;
  auto items = validate(schema, json::parse(R"({"url": "https://x.example", "events": ["a", 2]})"));
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].rfind("config.events[1] : type attendu", 0), 0u);
}

TEST(JsonSchema, RefusesKeywordsItDoesNotCheck) {
  auto faults = check_schema(json::parse(R"({"type": "object", "properties": {"u": {"type": "string", "pattern": "^h"}}})"));
  ASSERT_EQ(faults.size(), 1u);
  EXPECT_NE(faults[0].find("pattern"), std::string::npos);
}

}  // namespace
}  // namespace guichet::plugins
