// The whole server on each backend: ready only with its database, and every rule set that
// goes live (at start and on reload) is recorded with its content hash.
#include <boost/json.hpp>

#include "db/database.hpp"
#include "db/rule_set_repository.hpp"
#include "tests/app/server_fixture.hpp"
#include "tests/support/postgres_cluster.hpp"

namespace guichet::testing {
namespace {

class ServerOnBackend : public ServerFixture, public ::testing::WithParamInterface<Backend> {
 protected:
  void SetUp() override {
    url_ = GetParam() == Backend::postgresql ? PostgresCluster::instance().create_database("app") : "";
    start("tests/fixtures/minimal", url_);
  }
  std::vector<RuleSetActivation> activations() {
    auto db = Database::open(url_, (root_ / "data").string(), 1);
    EXPECT_TRUE(db.ok());
    auto list = list_activations(**db, 10);
    EXPECT_TRUE(list.ok());
    return list.ok() ? *list : std::vector<RuleSetActivation>{};
  }
  std::string live_version() {
    auto ready = boost::json::parse(get("/readyz").body).as_object();
    return std::string(ready.at("details").at("rules").at("version").as_string());
  }
  std::string url_;
};

TEST_P(ServerOnBackend, IsReadyAndRecordsTheRulesThatWentLive) {
  auto ready = get("/readyz");
  ASSERT_EQ(ready.status, 200u) << ready.body;
  EXPECT_EQ(boost::json::parse(ready.body).at("details").at("database").as_string(), "ok");
  auto first = activations();
  ASSERT_EQ(first.size(), 1u);
  // The public version is the first 16 hex digits of the stored SHA-256.
  EXPECT_EQ(first[0].content_hash.rfind(live_version(), 0), 0u) << live_version();
  EXPECT_EQ(first[0].content_hash.size(), 64u);
  EXPECT_EQ(first[0].academies, std::vector<std::string>{"testia"});

  std::string text = read_script("academies/testia.lua");
  text.replace(text.find("Académie de test"), 16, "Académie de test modifiée");
  write_script("academies/testia.lua", text);
  for (int i = 0; i < 100 && activations().size() < 2; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  auto second = activations();
  ASSERT_EQ(second.size(), 2u);
  EXPECT_EQ(second[0].content_hash.rfind(live_version(), 0), 0u);
  EXPECT_NE(second[0].content_hash, second[1].content_hash);
  EXPECT_GE(second[0].activated_at, second[1].activated_at);
}

INSTANTIATE_TEST_SUITE_P(Backends, ServerOnBackend, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& info) { return info.param == Backend::sqlite ? "SQLite" : "PostgreSQL"; });

TEST(ServerStart, AnUnreachableDatabaseStopsTheStartWithAClearError) {
  app::ServeConfig c;
  c.port = 0;
  c.data_dir = "/tmp";
  c.scripts_dir = std::string(GUICHET_SOURCE_DIR) + "/tests/fixtures/minimal";
  c.database_url = "postgresql://nobody:pw@127.0.0.1:1/none?connect_timeout=2";
  auto app = app::ServerApp::start(c);
  ASSERT_FALSE(app.ok());
  EXPECT_EQ(app.error().code, ErrorCode::database_unavailable);
  EXPECT_EQ(app.error().message.find("pw@"), std::string::npos);
}

}  // namespace
}  // namespace guichet::testing
