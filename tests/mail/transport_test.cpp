#include "mail/transport.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

namespace guichet::mail {
namespace {

namespace fs = std::filesystem;

class EmlFileTransportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "guichet-mail-XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    root_ = tmpl;
    outbox_ = root_ / "outbox";
  }
  void TearDown() override {
    std::error_code ec;
    fs::permissions(root_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(root_, ec);
  }

  std::set<std::string> entries(const fs::path& dir) const {
    std::set<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out.insert(e.path().filename().string());
    return out;
  }

  static std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

  fs::path root_;
  fs::path outbox_;
};

TEST_F(EmlFileTransportTest, WritesKeyDotEmlAndCreatesTheFolder) {
  EmlFileTransport t(outbox_.string());
  Status s = t.deliver("outbox-17", "Subject: a\r\n\r\nbody\r\n");
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(entries(outbox_), std::set<std::string>{"outbox-17.eml"});
  EXPECT_EQ(read(outbox_ / "outbox-17.eml"), "Subject: a\r\n\r\nbody\r\n");
}

TEST_F(EmlFileTransportTest, RedeliveryOverwritesTheSameFile) {
  EmlFileTransport t(outbox_.string());
  ASSERT_TRUE(t.deliver("42", "first").ok());
  ASSERT_TRUE(t.deliver("42", "second, longer than the first").ok());
  ASSERT_TRUE(t.deliver("43", "other").ok());
  ASSERT_TRUE(t.deliver("42", "third").ok());
  EXPECT_EQ(entries(outbox_), (std::set<std::string>{"42.eml", "43.eml"}));
  EXPECT_EQ(read(outbox_ / "42.eml"), "third");
  EXPECT_EQ(read(outbox_ / "43.eml"), "other");
}

TEST_F(EmlFileTransportTest, ConcurrentRedeliveriesLeaveOneWholeFile) {
  EmlFileTransport t(outbox_.string());
  std::vector<std::string> bodies;
  for (int i = 0; i < 8; ++i) bodies.push_back(std::string(100000 + i, char('a' + i)));
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&, i] {
      for (int n = 0; n < 5; ++n)
        if (!t.deliver("same-key", bodies[i]).ok()) ++failures;
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(entries(outbox_), std::set<std::string>{"same-key.eml"});
  std::string content = read(outbox_ / "same-key.eml");
  bool whole = false;
  for (const auto& b : bodies) whole = whole || content == b;
  EXPECT_TRUE(whole) << "content is one delivery, whole";
}

TEST_F(EmlFileTransportTest, KeysAreValidated) {
  EmlFileTransport t(outbox_.string());
  for (const std::string& key :
       {std::string(""), std::string("../escape"), std::string("a/b"), std::string("a.b"),
        std::string(".."), std::string("x y"), std::string("é"), std::string("a\0b", 3),
        std::string("a\r\nb"), std::string(65, 'k')}) {
    Status s = t.deliver(key, "x");
    ASSERT_FALSE(s.ok()) << key;
    EXPECT_EQ(s.error().code, ErrorCode::mail_key) << key;
  }
  EXPECT_FALSE(fs::exists(root_ / "escape.eml"));
  EXPECT_FALSE(fs::exists(outbox_)) << "nothing touched for a bad key";
  EXPECT_TRUE(t.deliver(std::string(64, 'k'), "x").ok());
  EXPECT_TRUE(t.deliver("Az09_-", "x").ok());
  EXPECT_TRUE(valid_mail_key("outbox_12-b"));
  EXPECT_FALSE(valid_mail_key("outbox.12"));
}

TEST_F(EmlFileTransportTest, FolderUnderAFileIsAnError) {
  std::ofstream(root_ / "not-a-dir") << "x";
  EmlFileTransport t((root_ / "not-a-dir" / "outbox").string());
  Status s = Status::Ok();
  EXPECT_NO_THROW(s = t.deliver("k1", "x"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::mail_io);
  EXPECT_FALSE(s.error().message.empty());
}

TEST_F(EmlFileTransportTest, ReadOnlyFolderIsAnError) {
  if (::geteuid() == 0) GTEST_SKIP() << "root ignores permission bits";
  fs::create_directories(outbox_);
  fs::permissions(outbox_, fs::perms::owner_read | fs::perms::owner_exec);
  EmlFileTransport t(outbox_.string());
  Status s = Status::Ok();
  EXPECT_NO_THROW(s = t.deliver("k1", "x"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::mail_io);
  fs::permissions(outbox_, fs::perms::owner_all);
  EXPECT_TRUE(entries(outbox_).empty());
}

TEST_F(EmlFileTransportTest, DeviceAsFolderIsAnError) {
  EmlFileTransport t("/dev/null/outbox");
  Status s = t.deliver("k1", "x");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::mail_io);
}

TEST_F(EmlFileTransportTest, FailedRenameLeavesNoTempFile) {
  // A non-empty folder squats the final name: the rename fails after the temp file was written.
  fs::create_directories(outbox_ / "k1.eml");
  std::ofstream(outbox_ / "k1.eml" / "squatter") << "x";
  EmlFileTransport t(outbox_.string());
  Status s = t.deliver("k1", "content");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::mail_io);
  EXPECT_EQ(entries(outbox_), std::set<std::string>{"k1.eml"}) << "the temp file was removed";
  EXPECT_TRUE(fs::is_directory(outbox_ / "k1.eml"));
}

}  // namespace
}  // namespace guichet::mail
