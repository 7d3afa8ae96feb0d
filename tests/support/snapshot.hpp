// Compares what a test produced with its committed snapshot, and says the first line that
// differs. GUICHET_UPDATE_SNAPSHOTS=1 rewrites the snapshot instead (after an intended change:
// the diff is then the review of what changed).
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace guichet::testing {

// Use as `EXPECT_SNAPSHOT(path, text)`: a skip when rewritten, a failure naming the line otherwise.
inline ::testing::AssertionResult matches_snapshot(const std::string& path, const std::string& now, bool& rewritten) {
  rewritten = false;
  if (std::getenv("GUICHET_UPDATE_SNAPSHOTS")) {
    std::ofstream(path, std::ios::binary) << now;
    rewritten = true;
    return ::testing::AssertionSuccess();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return ::testing::AssertionFailure() << "no snapshot " << path << ": run with GUICHET_UPDATE_SNAPSHOTS=1";
  std::stringstream was;
  was << in.rdbuf();
  if (was.str() == now) return ::testing::AssertionSuccess();
  std::istringstream a(was.str()), b(now);
  std::string la, lb;
  for (int line = 1;; ++line) {
    bool ga = static_cast<bool>(std::getline(a, la)), gb = static_cast<bool>(std::getline(b, lb));
    if (!ga && !gb) break;
    if (!ga || !gb || la != lb)
      return ::testing::AssertionFailure() << path << ":" << line << "\n  was: " << (ga ? la : "(end)")
                                           << "\n  now: " << (gb ? lb : "(end)");
  }
  return ::testing::AssertionFailure() << path << ": differs";
}

}  // namespace guichet::testing

#define EXPECT_SNAPSHOT(path, text)                                                    \
  do {                                                                                 \
    bool guichet_rewritten_ = false;                                                   \
    EXPECT_TRUE(::guichet::testing::matches_snapshot(path, text, guichet_rewritten_)); \
    if (guichet_rewritten_) GTEST_SKIP() << "snapshot rewritten: " << (path);          \
  } while (0)
