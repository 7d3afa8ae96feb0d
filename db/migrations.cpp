#include "db/migrations.hpp"

#include <soci/soci.h>
#include <spdlog/spdlog.h>

#include <string>
#include <vector>

#include "db/sql_errors.hpp"

namespace guichet {
namespace {

struct Migration {
  int version;
  const char* name;
  std::vector<const char*> sqlite;
  std::vector<const char*> postgresql;
};

// Times are stored as UTC text in SQLite (sortable) and TIMESTAMPTZ in PostgreSQL.
const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = {
      {1,
       "rule_set_versions",
       {R"(CREATE TABLE rule_set_versions (
             id INTEGER PRIMARY KEY AUTOINCREMENT,
             content_hash TEXT NOT NULL,
             activated_at TEXT NOT NULL,
             academies TEXT NOT NULL,
             files INTEGER NOT NULL))",
        "CREATE INDEX rule_set_versions_activated_at ON rule_set_versions (activated_at)"},
       {R"(CREATE TABLE rule_set_versions (
             id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
             content_hash TEXT NOT NULL,
             activated_at TIMESTAMPTZ NOT NULL,
             academies TEXT NOT NULL,
             files INTEGER NOT NULL))",
        "CREATE INDEX rule_set_versions_activated_at ON rule_set_versions (activated_at)"}},
  };
  return all;
}

// Any fixed number: the key of the advisory lock that serialises migrating servers.
constexpr long long kMigrationLockKey = 0x6775696368657401LL;  // "guichet\x01"

const char* kCreateSqlite = R"(CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))))";
const char* kCreatePostgresql = R"(CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()))";

int read_version(soci::session& s) {
  int version = 0;
  soci::indicator ind = soci::i_null;
  s << "SELECT MAX(version) FROM schema_migrations", soci::into(version, ind);
  return ind == soci::i_ok ? version : 0;
}

Status too_new(int found) {
  return Error{"schema_too_new", "La base de données a été mise à jour par une version plus récente de guichet (schéma " +
                                     std::to_string(found) + ", connu jusqu'à " +
                                     std::to_string(latest_schema_version()) + ")."};
}

// Applies `m` unless another server did in the meantime; runs inside db.transaction().
Status apply(soci::session& s, const Migration& m, bool postgresql) {
  int current = read_version(s);
  if (current > latest_schema_version()) return too_new(current);
  if (current >= m.version) return Status::Ok();
  for (const char* statement : postgresql ? m.postgresql : m.sqlite) s << statement;
  std::string name = m.name;
  s << "INSERT INTO schema_migrations (version, name) VALUES (:v, :n)", soci::use(m.version), soci::use(name);
  spdlog::info("migration {} ({}) appliquée", m.version, m.name);
  return Status::Ok();
}

}  // namespace

int latest_schema_version() { return migrations().back().version; }

Result<int> current_schema_version(Database& db) {
  int version = 0;
  Status st = db.with_session([&](soci::session& s) {
    if (db.backend() == Backend::postgresql) {
      int exists = 0;
      s << "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'schema_migrations' "
           "AND table_schema = current_schema()",
          soci::into(exists);
      if (!exists) return Status::Ok();
    } else {
      int exists = 0;
      s << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
          soci::into(exists);
      if (!exists) return Status::Ok();
    }
    version = read_version(s);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return version;
}

Status migrate(Database& db) {
  const bool pg = db.backend() == Backend::postgresql;
  if (!pg) {
    // SQLite: every step runs under BEGIN IMMEDIATE, i.e. the database's single write lock.
    Status st = db.transaction([](soci::session& s) {
      s << kCreateSqlite;
      return Status::Ok();
    });
    if (!st.ok()) return st;
    for (const Migration& m : migrations()) {
      st = db.transaction([&](soci::session& s) { return apply(s, m, false); });
      if (!st.ok()) return st;
    }
    auto v = current_schema_version(db);
    if (!v.ok()) return v.error();
    return *v > latest_schema_version() ? too_new(*v) : Status::Ok();
  }
  // PostgreSQL: one session holds a session-level advisory lock for the whole run, so a
  // second server waits, then finds nothing left to do.
  return db.with_session([&](soci::session& s) -> Status {
    try {
      s << "SELECT pg_advisory_lock(" + std::to_string(kMigrationLockKey) + ")";
    } catch (const std::exception& e) {
      return db_detail::to_error(e, "verrou de migration");
    }
    Status result = Status::Ok();
    try {
      s << kCreatePostgresql;
      int current = read_version(s);
      if (current > latest_schema_version()) result = too_new(current);
      for (const Migration& m : migrations()) {
        if (!result.ok()) break;
        soci::transaction tx(s);
        result = apply(s, m, true);
        if (result.ok()) tx.commit();
      }
    } catch (const std::exception& e) {
      result = db_detail::to_error(e, "migration");
    }
    try {
      s << "SELECT pg_advisory_unlock(" + std::to_string(kMigrationLockKey) + ")";
    } catch (...) {
      // The lock dies with the session anyway.
    }
    return result;
  });
}

}  // namespace guichet
