// Runs a suite once on embedded SQLite and once on the throwaway PostgreSQL cluster, each test
// on a fresh database; plus small helpers shared by the storage tests.
#pragma once

#include <gtest/gtest.h>
#include <soci/soci.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <sstream>
#include <string>

#include "db/database.hpp"
#include "tests/support/postgres_cluster.hpp"

namespace guichet::testing {

// A temporary folder removed on destruction.
class TempDir {
 public:
  explicit TempDir(const std::string& tag) {
    path_ = std::filesystem::temp_directory_path() /
            ("guichet-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  static inline int counter_ = 0;
};

class BackendTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    url_ = GetParam() == Backend::postgresql ? PostgresCluster::instance().create_database("db") : "";
  }
  // Another handle on the same database (SQLite: same file; PostgreSQL: same URL).
  std::unique_ptr<Database> open(std::size_t pool = 4) {
    auto db = Database::open(url_, dir_.path().string(), pool);
    EXPECT_TRUE(db.ok()) << (db.ok() ? "" : db.error().message);
    return db.ok() ? std::move(*db) : nullptr;
  }

  TempDir dir_{"db"};
  std::string url_;
};

inline std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::sqlite ? "SQLite" : "PostgreSQL";
}

// One integer from a query, or -1 when the query fails.
inline long long query_int(Database& db, const std::string& sql) {
  long long n = -1;
  Status st = db.with_session([&](soci::session& s) {
    s << sql, soci::into(n);
    return Status::Ok();
  });
  EXPECT_TRUE(st.ok()) << sql;
  return n;
}

// Captures what the default spdlog logger writes while alive.
class LogCapture {
 public:
  LogCapture() : previous_(spdlog::default_logger()) {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out_);
    spdlog::set_default_logger(std::make_shared<spdlog::logger>("capture", sink));
  }
  ~LogCapture() {
    spdlog::set_default_logger(previous_);
    spdlog::drop("capture");  // the registry must not keep a sink on out_
  }
  std::string text() const { return out_.str(); }

 private:
  std::shared_ptr<spdlog::logger> previous_;
  std::ostringstream out_;
};

}  // namespace guichet::testing
