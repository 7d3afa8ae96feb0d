// The commands that open the database, run as real processes on each backend: they open it
// the same way (--database, else GUICHET_DATABASE_URL, else SQLite in --data-dir) and hash
// passwords at the same costs as `serve`.
#include <gtest/gtest.h>
#include <soci/soci.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "db/database.hpp"
#include "tests/support/postgres_cluster.hpp"
#include "tests/support/run_command.hpp"

namespace guichet::testing {
namespace {

class CliStorage : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("guichet-cli-storage-" + std::to_string(::getpid()) + "-" +
                                                     std::to_string(counter_++));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    url_ = GetParam() == Backend::postgresql ? PostgresCluster::instance().create_database("cli") : "";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string where() const {
    return " --scripts " + std::string(GUICHET_SOURCE_DIR) + "/tests/fixtures/minimal --data-dir " +
           (dir_ / "data").string() + (url_.empty() ? "" : " --database " + url_);
  }
  CommandResult create_user(const std::string& email, const std::string& cost) {
    return run_command_status("echo 'une phrase de passe solide' | " + std::string(GUICHET_BINARY) +
                              " admin create-user --academy testia --email " + email +
                              " --name Chef --roles admin --password-cost " + cost + where() + " 2>&1");
  }
  // The stored Argon2id hash of `email`'s account ("" when there is none).
  std::string hash_of(const std::string& email) {
    auto db = Database::open(url_, (dir_ / "data").string(), 1);
    EXPECT_TRUE(db.ok());
    std::string hash;
    if (!db.ok()) return hash;
    EXPECT_TRUE((*db)->with_session([&](soci::session& s) {
      soci::indicator ind = soci::i_null;
      s << "SELECT password_hash FROM staff_users WHERE email = :e", soci::use(email), soci::into(hash, ind);
      if (ind != soci::i_ok) hash.clear();
      return Status::Ok();
    }).ok());
    return hash;
  }

  std::filesystem::path dir_;
  std::string url_;
  static inline int counter_ = 0;
};

// `admin create-user --password-cost moderate` hashed at the interactive cost (its mapping
// knew only minimal); serve's knew all three.
TEST_P(CliStorage, AdminCreateUserHashesAtTheCostItIsGiven) {
  auto moderate = create_user("moderee@example.org", "moderate");
  ASSERT_EQ(moderate.code, 0) << moderate.out;
  // libsodium's moderate profile: 256 MiB, 3 passes.
  EXPECT_NE(hash_of("moderee@example.org").find("$m=262144,t=3,"), std::string::npos) << hash_of("moderee@example.org");
  auto interactive = create_user("interactive@example.org", "interactive");
  ASSERT_EQ(interactive.code, 0) << interactive.out;
  EXPECT_NE(hash_of("interactive@example.org").find("$m=65536,t=2,"), std::string::npos);
}

TEST_P(CliStorage, AnUnknownPasswordCostIsAUsageErrorAsForServe) {
  auto r = create_user("inconnu@example.org", "maximal");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("--password-cost attend interactive, moderate ou minimal"), std::string::npos) << r.out;
  auto serve = run_command_status(std::string(GUICHET_BINARY) + " serve --password-cost maximal 2>&1");
  EXPECT_EQ(serve.code, 2) << serve.out;
  EXPECT_NE(serve.out.find("--password-cost attend interactive, moderate ou minimal"), std::string::npos);
}

// migrate, then the same database for admin: one opening for every command.
TEST_P(CliStorage, MigrateThenAdminUseTheSameDatabase) {
  auto migrated = run_command_status(std::string(GUICHET_BINARY) + " migrate --data-dir " + (dir_ / "data").string() +
                                     (url_.empty() ? "" : " --database " + url_) + " 2>&1");
  ASSERT_EQ(migrated.code, 0) << migrated.out;
  EXPECT_NE(migrated.out.find("migrations appliquées"), std::string::npos);
  ASSERT_EQ(create_user("chef@example.org", "minimal").code, 0);
  EXPECT_EQ(hash_of("chef@example.org").rfind("$argon2id$", 0), 0u);
  // The database the environment names, when --database is not given.
  if (!url_.empty()) {
    auto from_env = run_command_status("echo 'une phrase de passe solide' | GUICHET_DATABASE_URL=" + url_ + " " +
                                       std::string(GUICHET_BINARY) +
                                       " admin create-user --academy testia --email env@example.org --name E"
                                       " --roles admin --password-cost minimal --scripts " +
                                       std::string(GUICHET_SOURCE_DIR) + "/tests/fixtures/minimal --data-dir " +
                                       (dir_ / "other").string() + " 2>&1");
    ASSERT_EQ(from_env.code, 0) << from_env.out;
    EXPECT_FALSE(hash_of("env@example.org").empty());
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, CliStorage, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& info) { return info.param == Backend::sqlite ? "SQLite" : "PostgreSQL"; });

}  // namespace
}  // namespace guichet::testing
