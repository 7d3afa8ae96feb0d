// Which plugin and function names the host accepts.
#include <gtest/gtest.h>

#include <string>

#include "plugins/host/plugin_names.hpp"

namespace guichet::plugins {
namespace {

TEST(PluginNames, PluginsHaveUpToFortyCharacters) {
  for (const char* ok : {"smtp", "webhook", "export", "my_plugin2"}) EXPECT_TRUE(is_plugin_name(ok)) << ok;
  for (const char* bad : {"", "Smtp", "2smtp", "_smtp", "my-plugin", "my.plugin", "../x"})
    EXPECT_FALSE(is_plugin_name(bad)) << bad;
  EXPECT_TRUE(is_plugin_name("p" + std::string(39, 'x')));
  EXPECT_FALSE(is_plugin_name("p" + std::string(40, 'x')));
}

TEST(PluginNames, FunctionsHaveUpToSixtyThreeCharacters) {
  for (const char* ok : {"greet", "postal_lookup", "f1"}) EXPECT_TRUE(is_function_name(ok)) << ok;
  for (const char* bad : {"", "Greet", "1f", "postal-lookup", "a b"}) EXPECT_FALSE(is_function_name(bad)) << bad;
  EXPECT_TRUE(is_function_name("f" + std::string(62, 'x')));
  EXPECT_FALSE(is_function_name("f" + std::string(63, 'x')));
}

}  // namespace
}  // namespace guichet::plugins
