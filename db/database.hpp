// The storage handle: a SOCI connection pool over embedded SQLite or PostgreSQL. Database
// errors stop here: callers get Error values with French, SQL-free messages; the detail goes
// to the log.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "core/result.hpp"

namespace soci {
class connection_pool;
class session;
}  // namespace soci

namespace guichet {

namespace db {
// The session a unit of work runs on, as services name it. Services only hand it on to the
// repositories (db/*_repository.hpp), which hold every SQL statement: they need neither SOCI's
// headers nor its name.
using Session = soci::session;
}  // namespace db

enum class Backend { sqlite, postgresql };

class Database {
 public:
  // `url` empty: SQLite at <data_dir>/guichet.sqlite3. "sqlite:<path>" or "sqlite://<path>":
  // that SQLite file. "postgresql://..." or "postgres://...": PostgreSQL (a libpq URI).
  static Result<std::unique_ptr<Database>> open(const std::string& url, const std::string& data_dir,
                                                std::size_t pool_size);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Backend backend() const { return backend_; }
  std::size_t pool_size() const { return pool_size_; }

  Status ping();

  // Runs `work` on a pooled session, inside a transaction committed when `work` returns ok
  // and rolled back otherwise. Lock conflicts (SQLite busy, PostgreSQL serialization or
  // deadlock) and a PostgreSQL connection lost before COMMIT are retried a few times; `work`
  // must therefore be safe to run again. SOCI exceptions become Error values.
  Status transaction(const std::function<Status(soci::session&)>& work);
  // Runs `work` on a pooled session without a transaction (reads, DDL that manages its own).
  // Also run again when the PostgreSQL connection turns out lost: keep writes out of it.
  Status with_session(const std::function<Status(soci::session&)>& work);

 private:
  Database(Backend backend, std::size_t pool_size);
  Status run(const std::function<Status(soci::session&)>& work, bool in_transaction);
  bool heal(soci::session& s, std::string& why);

  Backend backend_;
  std::size_t pool_size_;
  std::unique_ptr<soci::connection_pool> pool_;
};

}  // namespace guichet
