// Runs a suite once on embedded SQLite and once on the throwaway PostgreSQL cluster.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "db/database.hpp"
#include "tests/support/postgres_cluster.hpp"

namespace guichet::testing {

class BackendTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("guichet-db-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    url_ = GetParam() == Backend::postgresql ? PostgresCluster::instance().create_database("db") : "";
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  std::unique_ptr<Database> open(std::size_t pool = 4) {
    auto db = Database::open(url_, dir_.string(), pool);
    EXPECT_TRUE(db.ok()) << (db.ok() ? "" : db.error().message);
    return db.ok() ? std::move(*db) : nullptr;
  }

  std::filesystem::path dir_;
  std::string url_;
  static inline int counter_ = 0;
};

inline std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::sqlite ? "SQLite" : "PostgreSQL";
}

}  // namespace guichet::testing
