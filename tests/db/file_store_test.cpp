// The file store on both backends: bytes in pieces, visible only once committed with what
// refers to them, nothing left by a cut upload.
#include <gtest/gtest.h>
#include <openssl/sha.h>

#include <random>

#include "db/file_store.hpp"
#include "db/migrations.hpp"
#include "tests/db/backend_fixture.hpp"

namespace guichet::testing {
namespace {

using db::FileStore;

std::string random_bytes(std::size_t n, unsigned seed) {
  std::mt19937 gen(seed);
  std::string out(n, '\0');
  for (auto& c : out) c = static_cast<char>(gen());
  return out;
}

std::string sha256_hex(const std::string& bytes) {
  unsigned char d[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), d);
  std::string out;
  char buf[3];
  for (unsigned char c : d) {
    std::snprintf(buf, sizeof buf, "%02x", c);
    out += buf;
  }
  return out;
}

class FileStoreTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    db_ = open();
    ASSERT_TRUE(db_);
    ASSERT_TRUE(migrate(*db_).ok());
    store_ = std::make_unique<FileStore>(*db_, dir_.path() / "files");
  }
  long long chunk_rows() { return query_int(*db_, "SELECT COUNT(*) FROM file_chunks"); }
  std::size_t temp_files() {
    std::error_code ec;
    std::size_t n = 0;
    for (auto it = std::filesystem::recursive_directory_iterator(dir_.path() / "files", ec);
         it != std::filesystem::recursive_directory_iterator(); ++it)
      if (it->is_regular_file()) ++n;
    return n;
  }
  // Writes `bytes` in 100 KiB pieces without committing.
  std::unique_ptr<db::FileUpload> write(const std::string& id, const std::string& bytes) {
    auto up = store_->begin(id);
    EXPECT_TRUE(up.ok());
    if (!up.ok()) return nullptr;
    for (std::size_t at = 0; at < bytes.size(); at += 100 * 1024)
      EXPECT_TRUE((*up)->append(std::string_view(bytes).substr(at, 100 * 1024)).ok());
    return std::move(*up);
  }

  std::unique_ptr<Database> db_;
  std::unique_ptr<FileStore> store_;
};

TEST_P(FileStoreTest, AFileWrittenInPiecesReadsBackWholeWithItsHash) {
  const std::string bytes = random_bytes(900 * 1024 + 17, 1);
  auto up = write("0123456789abcdef0123456789abcdef", bytes);
  ASSERT_TRUE(up);
  EXPECT_EQ(up->head(), bytes.substr(0, 16));
  int recorded = 0;
  auto file = up->commit("application/pdf", [&](soci::session&, const db::StoredFile& f) {
    ++recorded;
    EXPECT_EQ(f.size, bytes.size());
    return Status::Ok();
  });
  ASSERT_TRUE(file.ok()) << file.error().message;
  EXPECT_EQ(recorded, 1);
  EXPECT_EQ(file->sha256, sha256_hex(bytes));
  auto back = store_->read(file->id);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->size(), bytes.size());
  EXPECT_TRUE(*back == bytes);
  if (GetParam() == Backend::postgresql) {
    EXPECT_EQ(chunk_rows(), 4);  // 256 KiB chunks
  }
}

TEST_P(FileStoreTest, AnAbortedUploadLeavesNothing) {
  auto up = write("aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbb", random_bytes(600 * 1024, 2));
  ASSERT_TRUE(up);
  if (GetParam() == Backend::postgresql) {
    EXPECT_GT(chunk_rows(), 0);
  } else {
    EXPECT_EQ(temp_files(), 1u);
  }
  up->abort();
  EXPECT_EQ(chunk_rows(), 0);
  EXPECT_EQ(temp_files(), 0u);
  EXPECT_EQ(store_->read("aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbb").error().code, ErrorCode::not_found);
}

TEST_P(FileStoreTest, AFailedRecordRollsTheFileBack) {
  auto up = write("cccccccccccccccccccccccccccccccc", random_bytes(300 * 1024, 3));
  ASSERT_TRUE(up);
  auto file = up->commit("image/png", [](soci::session&, const db::StoredFile&) {
    return Status(Error{ErrorCode::test, "Les pièces sont verrouillées."});
  });
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.error().code, ErrorCode::test);
  EXPECT_EQ(query_int(*db_, "SELECT COUNT(*) FROM stored_files"), 0);
  EXPECT_EQ(chunk_rows(), 0);
  EXPECT_EQ(temp_files(), 0u);
}

TEST_P(FileStoreTest, ADroppedUploadIsInvisibleAndSwept) {
  auto up = write("dddddddddddddddddddddddddddddddd", random_bytes(700 * 1024, 4));
  ASSERT_TRUE(up);
  // The server died here: the upload object is never told. Nothing is readable...
  EXPECT_EQ(store_->read("dddddddddddddddddddddddddddddddd").error().code, ErrorCode::not_found);
  // ...and the sweep removes the leftovers (a negative age: everything is old enough).
  ASSERT_TRUE(store_->sweep(std::chrono::seconds(-5)).ok());
  EXPECT_EQ(chunk_rows(), 0);
  EXPECT_EQ(temp_files(), 0u);
}

TEST_P(FileStoreTest, ForgetAndReleaseDeleteACommittedFile) {
  auto up = write("eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee", random_bytes(1000, 5));
  ASSERT_TRUE(up);
  auto file = up->commit("image/jpeg", [](soci::session&, const db::StoredFile&) { return Status::Ok(); });
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(temp_files(), GetParam() == Backend::sqlite ? 1u : 0u);
  ASSERT_TRUE(db_->transaction([&](soci::session& s) {
                   store_->forget(s, file->id);
                   return Status::Ok();
                 }).ok());
  store_->release(file->id);
  EXPECT_EQ(store_->read(file->id).error().code, ErrorCode::not_found);
  EXPECT_EQ(chunk_rows(), 0);
  EXPECT_EQ(temp_files(), 0u);
}

TEST_P(FileStoreTest, IdsThatCouldEscapeTheFolderAreRefused) {
  EXPECT_FALSE(store_->begin("../../etc/passwd").ok());
  EXPECT_FALSE(store_->begin("0123456789ABCDEF0123456789ABCDEF").ok());
  EXPECT_EQ(store_->read("../guichet.sqlite3").error().code, ErrorCode::not_found);
}


INSTANTIATE_TEST_SUITE_P(Backends, FileStoreTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         backend_name);

}  // namespace
}  // namespace guichet::testing
