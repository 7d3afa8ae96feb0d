// The plugin host with real shared libraries built in C against the SDK header: loading,
// the ABI checks, configuration validated against the plugin's schema, and what a plugin
// provides (events, functions, routes).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "plugins/host/plugin_host.hpp"

namespace guichet::plugins {
namespace {

namespace fs = std::filesystem;

std::chrono::steady_clock::time_point soon() { return std::chrono::steady_clock::now() + std::chrono::seconds(5); }

class PluginHostTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("guichet-plugins-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path install(const std::string& name, const std::string& config = "") {
    fs::copy_file(fs::path(TEST_PLUGIN_DIR) / (name + ".so"), dir_ / (name + ".so"));
    if (!config.empty()) std::ofstream(dir_ / (name + ".json")) << config;
    return dir_ / (name + ".so");
  }
  const PluginInfo* find(const std::vector<PluginInfo>& list, const std::string& name) {
    for (const auto& p : list)
      if (p.name == name) return &p;
    return nullptr;
  }
  fs::path dir_;
};

TEST_F(PluginHostTest, APluginBuiltAgainstTheSdkLoadsAndProvides) {
  PluginHost host;
  Status st = host.load(install("hello", R"({"greeting": "Bonjour"})"), dir_);
  ASSERT_TRUE(st.ok()) << st.error().message;
  auto list = host.list();
  const PluginInfo* hello = find(list, "hello");
  ASSERT_NE(hello, nullptr);
  EXPECT_EQ(hello->state, "loaded");
  EXPECT_EQ(hello->version, "1.2.3");
  // Built for ABI 1.0, loaded by this 1.1 host: an older minor version is accepted.
  EXPECT_EQ(hello->abi_major, 1u);
  EXPECT_EQ(hello->abi_minor, 0u);
  EXPECT_GT(GUICHET_PLUGIN_ABI_MINOR, hello->abi_minor);
  EXPECT_EQ(hello->provides,
            (std::vector<std::string>{"events:registration.", "function:greet", "function:stats", "routes"}));
  // A function, JSON in and out.
  auto greeting = host.call("hello", "greet", R"({"name": "Élodie"})", soon());
  EXPECT_EQ(greeting.status, GUICHET_OK);
  EXPECT_EQ(greeting.output, R"({"message": "Bonjour Élodie"})");
  EXPECT_EQ(host.functions(), (std::vector<std::string>{"hello.greet", "hello.stats"}));
  // Events: only the subscribed prefix reaches it.
  EXPECT_EQ(host.deliver("hello", "ev-1", "registration.created", "registration:r1", "{}", 1730000000, 1).status, GUICHET_OK);
  EXPECT_EQ(host.deliver("hello", "ev-2", "account.created", "account:a1", "{}", 1730000000, 1).status, GUICHET_OK);
  auto stats = host.call("hello", "stats", "{}", soon());
  EXPECT_NE(stats.output.find("\"events\": 1"), std::string::npos) << stats.output;
  EXPECT_NE(stats.output.find("registration.created ev-1"), std::string::npos) << stats.output;
  // Registering after init is refused by the host.
  EXPECT_NE(stats.output.find("\"late_subscribe\": -1"), std::string::npos) << stats.output;
  // Routes.
  auto status = host.route("hello", "GET", "/status", "", "");
  EXPECT_EQ(status.status, 200);
  EXPECT_EQ(status.body, R"({"greeting": "Bonjour", "method": "GET"})");
  EXPECT_EQ(host.route("hello", "GET", "/nope", "", "").status, 404);
  EXPECT_EQ(host.route("absent", "GET", "/status", "", "").status, 404);
}

TEST_F(PluginHostTest, AnIncompatibleAbiIsRefusedWithAClearReason) {
  PluginHost host;
  Status old_major = host.load(install("old_major"), dir_);
  ASSERT_FALSE(old_major.ok());
  EXPECT_NE(old_major.error().message.find("construit pour l'ABI 0.3, cet hôte offre l'ABI 1.1"), std::string::npos)
      << old_major.error().message;
  Status future = host.load(install("future_minor"), dir_);
  ASSERT_FALSE(future.ok());
  EXPECT_NE(future.error().message.find("ABI 1.7"), std::string::npos) << future.error().message;
  Status other = host.load(install("not_a_plugin"), dir_);
  ASSERT_FALSE(other.ok());
  EXPECT_NE(other.error().message.find("guichet_plugin_entry"), std::string::npos);
  auto list = host.list();
  ASSERT_EQ(list.size(), 3u);
  for (const auto& p : list) EXPECT_EQ(p.state, "refused") << p.file;
  EXPECT_TRUE(host.functions().empty());
}

TEST_F(PluginHostTest, TheConfigurationIsCheckedAgainstThePluginsSchema) {
  for (const auto& [config, fault] : std::vector<std::pair<std::string, std::string>>{
           {"", "config.greeting : obligatoire"},
           {R"({"greeting": 3})", "config.greeting : type attendu"},
           {R"({"greeting": ""})", "config.greeting : au moins 1"},
           {R"({"greeting": "Salut", "couleur": "bleu"})", "config.couleur : propriété inconnue"},
           {R"({"greeting": )", "JSON invalide"}}) {
    PluginHost host;
    fs::remove(dir_ / "hello.so");
    fs::remove(dir_ / "hello.json");
    Status st = host.load(install("hello", config), dir_);
    ASSERT_FALSE(st.ok()) << config;
    EXPECT_NE(st.error().message.find(fault), std::string::npos) << st.error().message;
    EXPECT_TRUE(host.functions().empty());
  }
}

TEST_F(PluginHostTest, AFailedInitLeavesNothingBehindAndTheFolderLoadsTheRest) {
  install("failing_init");
  install("hello", R"({"greeting": "Bonjour"})");
  install("old_major");
  PluginHost host;
  host.load_folder(dir_);
  auto list = host.list();
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(find(list, "hello")->state, "loaded");
  EXPECT_EQ(find(list, "failing_init")->state, "failed");
  EXPECT_NE(find(list, "failing_init")->error.find("code 5"), std::string::npos);
  EXPECT_EQ(find(list, "old_major")->state, "refused");
  // failing_init subscribed before failing: that subscription is gone.
  auto subs = host.subscribers();
  ASSERT_EQ(subs.size(), 1u);
  EXPECT_EQ(subs[0].plugin, "hello");
}

TEST_F(PluginHostTest, TwoPluginsCannotShareAName) {
  PluginHost host;
  ASSERT_TRUE(host.load(install("hello", R"({"greeting": "Bonjour"})"), dir_).ok());
  fs::copy_file(dir_ / "hello.so", dir_ / "hello2.so");
  Status again = host.load(dir_ / "hello2.so", dir_);
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.error().message.find("même nom"), std::string::npos);
}

}  // namespace
}  // namespace guichet::plugins
