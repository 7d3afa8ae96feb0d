// Where uploaded pieces and published documents keep their bytes. On PostgreSQL the bytes go
// to a chunk table, so every server sharing the database sees the same files; on SQLite
// (one server) they go to files in the data folder. Either way a file is written in pieces,
// never whole in memory, and becomes visible only when its row commits together with whatever
// refers to it: a cut upload leaves nothing anyone can see.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "db/database.hpp"

namespace soci {
class session;
}

namespace guichet::db {

struct StoredFile {
  std::string id;
  std::uint64_t size = 0;
  std::string sha256;  // hex
  std::string content_type;
};

class FileStore;

// One file being written. Blocking calls: run them off the I/O threads.
class FileUpload {
 public:
  ~FileUpload();  // aborts when not committed
  FileUpload(const FileUpload&) = delete;
  FileUpload& operator=(const FileUpload&) = delete;

  Status append(std::string_view bytes);
  std::uint64_t size() const { return size_; }
  // The first bytes received (up to 16), to decide the type by content.
  std::string_view head() const { return head_; }
  // Makes the bytes durable, then in one transaction inserts the file's row and runs
  // `record` (which refers to the file); nothing is visible unless that commits. `record`
  // may run more than once (retried transactions).
  Result<StoredFile> commit(const std::string& content_type,
                            const std::function<Status(soci::session&, const StoredFile&)>& record);
  // Discards what was written. Idempotent.
  void abort();

 private:
  friend class FileStore;
  FileUpload(FileStore& store, std::string id);
  Status flush_chunk();

  FileStore& store_;
  std::string id_;
  std::uint64_t size_ = 0;
  std::string head_;
  std::string pending_;  // PostgreSQL: bytes waiting to fill a chunk
  int next_seq_ = 0;
  int fd_ = -1;          // SQLite: the temporary file
  std::filesystem::path temp_path_;
  void* sha_ = nullptr;  // EVP_MD_CTX
  bool finished_ = false;
  bool failed_ = false;
};

class FileStore {
 public:
  // `files_dir`: where SQLite's files go (unused on PostgreSQL).
  FileStore(Database& db, std::filesystem::path files_dir);

  // `id`: a fresh random id from the caller.
  Result<std::unique_ptr<FileUpload>> begin(std::string id);
  // A committed file, whole (documents and pieces are at most a few MiB).
  Result<std::string> read(const std::string& id);
  // Deletes a file's row (and its chunks on PostgreSQL) in the caller's transaction; after
  // that transaction commits, call release() to delete SQLite's file from the disk.
  void forget(soci::session& s, const std::string& id);
  void release(const std::string& id);
  // Removes what cut uploads left behind more than `age` ago by the real clock (chunks
  // without a file row on PostgreSQL, temporary files on SQLite). Safe on several servers.
  Status sweep(std::chrono::seconds age);

  Database& database() { return db_; }
  static constexpr std::size_t kChunkBytes = 256 * 1024;

 private:
  friend class FileUpload;
  std::filesystem::path final_path(const std::string& id) const;

  Database& db_;
  std::filesystem::path dir_;
};

}  // namespace guichet::db
