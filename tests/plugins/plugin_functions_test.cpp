// Plugin functions seen from a script: plugins.<plugin>.<name> inside the real sandbox, with
// JSON in and out, clear errors, read-only tables, and the sandbox's deadline applying to the
// plugin's time too (a hung function cannot hold a script, nor be caught by pcall).
#include <gtest/gtest.h>

#include <filesystem>

#include "core/lua/sandbox.hpp"
#include "plugins/host/plugin_functions.hpp"
#include "plugins/host/plugin_host.hpp"

extern "C" {
#include <lua.h>
}

namespace guichet::plugins {
namespace {

using namespace std::chrono_literals;

class PluginFunctionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(host_.load(std::filesystem::path(TEST_PLUGIN_DIR) / "flaky.so", TEST_PLUGIN_DIR).ok());
    lua::SandboxLimits limits;
    limits.functions = &functions_;
    limits.load_timeout = 300ms;
    sandbox_ = std::make_unique<lua::Sandbox>(limits);
  }
  // Runs `code` as a script (scripts cannot set globals: they check with assert()).
  Status run(const std::string& code) {
    Status st = sandbox_->load_script("academies/essai.lua", code);
    if (st.ok()) lua_pop(sandbox_->L(), 1);
    return st;
  }

  PluginHost host_;
  PluginFunctions functions_{host_};
  std::unique_ptr<lua::Sandbox> sandbox_;
};

TEST_F(PluginFunctionsTest, AScriptCallsAPluginFunctionWithTablesInAndOut) {
  auto r = run(R"(local c = plugins.flaky.commune({ code = "86000" })
                  local got = c.commune .. "/" .. c.departement
                  assert(got == "POITIERS/86", "obtenu " .. got))");
  EXPECT_TRUE(r.ok()) << r.error().message;
  auto none = run(R"(assert(plugins.flaky.commune({ code = "00000" }) == nil, "nil attendu"))");
  EXPECT_TRUE(none.ok()) << none.error().message;
  auto wrong = run(R"(assert(plugins.flaky.commune({ code = "79000" }).commune == "POITIERS", "obtenu NIORT"))");
  ASSERT_FALSE(wrong.ok());  // the checks above can fail
  EXPECT_NE(wrong.error().message.find("obtenu NIORT"), std::string::npos);
}

TEST_F(PluginFunctionsTest, UnknownNamesAndPluginErrorsAreClear) {
  auto absent = run("local x = plugins.absent.lookup({})");
  ASSERT_FALSE(absent.ok());
  EXPECT_NE(absent.error().message.find("plugins.absent n'existe pas"), std::string::npos) << absent.error().message;
  auto unknown = run("local x = plugins.flaky.nope({})");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message.find("plugins.flaky.nope n'existe pas"), std::string::npos);
  auto failed = run("local x = plugins.flaky.fail({})");
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.error().message.find("plugins.flaky.fail : service indisponible"), std::string::npos)
      << failed.error().message;
  EXPECT_NE(failed.error().message.find("essai.lua:1"), std::string::npos) << failed.error().message;
  // A plugin's error is an ordinary script error: pcall may handle it.
  auto handled = run(R"(local ok = pcall(plugins.flaky.fail, {}) assert(ok == false, "pcall aurait dû échouer"))");
  EXPECT_TRUE(handled.ok()) << handled.error().message;
}

TEST_F(PluginFunctionsTest, ThePluginsTableIsReadOnly) {
  auto r = run("plugins.flaky.commune = function() return {} end");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("lecture seule"), std::string::npos) << r.error().message;
  auto top = run("plugins.other = {}");
  ASSERT_FALSE(top.ok());
}

TEST_F(PluginFunctionsTest, ASlowFunctionIsBoundedByTheScriptsDeadline) {
  auto quick = run(R"(assert(plugins.flaky.sleep({ ms = 10 }).slept == 10, "slept"))");
  EXPECT_TRUE(quick.ok()) << quick.error().message;
  auto started = std::chrono::steady_clock::now();
  // The load deadline is 300 ms; the function would take 5 s; pcall cannot keep the script alive.
  auto slow = run(R"(local ok = pcall(plugins.flaky.sleep, { ms = 5000 }))");
  auto took = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(slow.ok());
  EXPECT_EQ(slow.error().code, ErrorCode::script_timeout) << slow.error().message;
  EXPECT_LT(took, 3s);  // not a performance goal: proof the call was abandoned, not awaited
}

TEST_F(PluginFunctionsTest, ArgumentsTooLargeAreRefusedBeforeTheCall) {
  auto r = run(R"(local x = plugins.flaky.commune({ code = string.rep("x", 70000) }))");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("arguments trop volumineux"), std::string::npos) << r.error().message;
}

TEST(PluginWatchdog, AHungEventCallIsAbandonedAndReportedAsTimedOut) {
  CallTimeouts t;
  t.event = 200ms;
  PluginHost host(t);
  ASSERT_TRUE(host.load(std::filesystem::path(TEST_PLUGIN_DIR) / "flaky.so", TEST_PLUGIN_DIR).ok());
  auto soon = std::chrono::steady_clock::now() + 5s;
  ASSERT_EQ(host.call("flaky", "set", R"({"mode":"hang","hang_ms":1000})", soon).status, GUICHET_OK);
  auto r = host.deliver("flaky", "evt_1", "account.created", "account:1", "{}", 0, 1);
  EXPECT_TRUE(r.timed_out);
  EXPECT_EQ(host.list()[0].state, "hung");
  EXPECT_NE(host.render_metrics().find("guichet_plugin_calls_overdue{plugin=\"flaky\"} 1\n"), std::string::npos);
  // While the stuck call runs, functions and routes (another pool) still answer.
  ASSERT_EQ(host.call("flaky", "set", R"({"mode":"ok"})", soon).status, GUICHET_OK);
  // The next event waits behind the stuck call, then goes through once it returns.
  auto later = host.deliver("flaky", "evt_2", "account.created", "account:1", "{}", 0, 1);
  if (later.timed_out) {
    std::this_thread::sleep_for(1200ms);
    later = host.deliver("flaky", "evt_2", "account.created", "account:1", "{}", 0, 2);
  }
  EXPECT_FALSE(later.timed_out);
  EXPECT_EQ(later.status, GUICHET_OK);
  EXPECT_EQ(host.list()[0].state, "loaded");  // the stuck call returned
  auto seen = host.call("flaky", "seen", "{}", soon);
  EXPECT_NE(seen.output.find("evt_2"), std::string::npos) << seen.output;
}

}  // namespace
}  // namespace guichet::plugins
