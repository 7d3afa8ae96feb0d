#include "db/sqlite_backup.hpp"

#include <sqlite3.h>

#include <memory>

namespace guichet::db {
namespace {

Error failed(const std::string& what, sqlite3* db) {
  return Error{ErrorCode::storage_unavailable, what + " : " + (db ? sqlite3_errmsg(db) : "base illisible")};
}

struct Closer {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Handle = std::unique_ptr<sqlite3, Closer>;

Result<Handle> open(const std::filesystem::path& path, int flags) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Handle db(raw);
  if (rc != SQLITE_OK) return failed("ouverture de " + path.string(), raw);
  sqlite3_busy_timeout(raw, 10000);
  return db;
}

}  // namespace

Status sqlite_online_backup(const std::filesystem::path& source, const std::filesystem::path& target) {
  auto from = open(source, SQLITE_OPEN_READONLY);
  if (!from.ok()) return from.error();
  auto to = open(target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!to.ok()) return to.error();
  sqlite3_backup* backup = sqlite3_backup_init(to->get(), "main", from->get(), "main");
  if (!backup) return failed("copie de " + source.string(), to->get());
  // All pages in one step: a snapshot no writer can change half-way (writers wait on the WAL,
  // not on us: the read transaction sees the database as it was when it began).
  int rc = sqlite3_backup_step(backup, -1);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) return failed("copie de " + source.string(), to->get());
  return Status::Ok();
}

Result<std::vector<StoredFileEntry>> sqlite_stored_files(const std::filesystem::path& database) {
  auto db = open(database, SQLITE_OPEN_READONLY);
  if (!db.ok()) return db.error();
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db->get(), "SELECT id, sha256, size FROM stored_files ORDER BY id", -1, &raw, nullptr) != SQLITE_OK)
    return failed("lecture des fichiers", db->get());
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> statement(raw, sqlite3_finalize);
  std::vector<StoredFileEntry> out;
  int rc;
  while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
    StoredFileEntry e;
    e.id = reinterpret_cast<const char*>(sqlite3_column_text(raw, 0));
    e.sha256 = reinterpret_cast<const char*>(sqlite3_column_text(raw, 1));
    e.size = static_cast<std::uint64_t>(sqlite3_column_int64(raw, 2));
    out.push_back(std::move(e));
  }
  if (rc != SQLITE_DONE) return failed("lecture des fichiers", db->get());
  return out;
}

}  // namespace guichet::db
