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

const std::vector<const char*> kCandidateSpace = {
    R"(CREATE TABLE accounts (
         id TEXT PRIMARY KEY,
         email TEXT NOT NULL,
         email_key TEXT NOT NULL UNIQUE,
         password_hash TEXT NOT NULL,
         last_name TEXT NOT NULL,
         first_name TEXT NOT NULL,
         birth_date TEXT NOT NULL,
         birth_place TEXT NOT NULL,
         nationality TEXT NOT NULL,
         phone TEXT NOT NULL,
         status TEXT NOT NULL,
         personal_data_locked INTEGER NOT NULL,
         created_at TEXT NOT NULL,
         activated_at TEXT,
         updated_at TEXT NOT NULL))",
    "CREATE INDEX accounts_pending ON accounts (status, created_at)",
    R"(CREATE TABLE account_tokens (
         token_hash TEXT PRIMARY KEY,
         account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
         kind TEXT NOT NULL,
         csrf_hash TEXT,
         created_at TEXT NOT NULL,
         expires_at TEXT NOT NULL,
         used_at TEXT))",
    "CREATE INDEX account_tokens_account ON account_tokens (account_id, kind)",
    R"(CREATE TABLE login_throttle (
         throttle_key TEXT PRIMARY KEY,
         failures INTEGER NOT NULL,
         first_failure_at TEXT NOT NULL,
         blocked_until TEXT))",
    R"(CREATE TABLE counters (
         name TEXT PRIMARY KEY,
         value BIGINT NOT NULL))",
    R"(CREATE TABLE candidate_numbers (
         academy TEXT NOT NULL,
         account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
         number TEXT NOT NULL UNIQUE,
         PRIMARY KEY (academy, account_id)))",
    R"(CREATE TABLE registrations (
         id TEXT PRIMARY KEY,
         account_id TEXT NOT NULL REFERENCES accounts (id),
         academy TEXT NOT NULL,
         exam TEXT NOT NULL,
         session TEXT NOT NULL,
         registration_number TEXT NOT NULL UNIQUE,
         candidate_number TEXT NOT NULL,
         version INTEGER NOT NULL,
         status TEXT NOT NULL,
         pole TEXT NOT NULL,
         answers TEXT NOT NULL,
         pieces TEXT NOT NULL,
         rule_set_version TEXT NOT NULL,
         created_at TEXT NOT NULL,
         updated_at TEXT NOT NULL,
         UNIQUE (account_id, academy, exam, session)))",
    R"(CREATE TABLE registration_versions (
         registration_id TEXT NOT NULL REFERENCES registrations (id),
         version INTEGER NOT NULL,
         answers TEXT NOT NULL,
         pieces TEXT NOT NULL,
         pole TEXT NOT NULL,
         rule_set_version TEXT NOT NULL,
         saved_at TEXT NOT NULL,
         PRIMARY KEY (registration_id, version)))",
    R"(CREATE TABLE outbox (
         id TEXT PRIMARY KEY,
         kind TEXT NOT NULL,
         recipient TEXT NOT NULL,
         message TEXT NOT NULL,
         created_at TEXT NOT NULL,
         attempts INTEGER NOT NULL,
         next_attempt_at TEXT NOT NULL,
         delivered_at TEXT,
         last_error TEXT))",
    "CREATE INDEX outbox_due ON outbox (delivered_at, next_attempt_at)",
};

// Pieces and documents (issue 4). Files' bytes live in file_chunks on PostgreSQL (several
// servers see them) and in the data folder on SQLite; stored_files describes both.
std::vector<const char*> pieces_and_documents(bool postgresql) {
  const char* chunks = postgresql ? R"(CREATE TABLE file_chunks (
         file_id TEXT NOT NULL,
         seq INTEGER NOT NULL,
         data BYTEA NOT NULL,
         written_at TEXT NOT NULL,
         PRIMARY KEY (file_id, seq)))"
                                  : R"(CREATE TABLE file_chunks (
         file_id TEXT NOT NULL,
         seq INTEGER NOT NULL,
         data BLOB NOT NULL,
         written_at TEXT NOT NULL,
         PRIMARY KEY (file_id, seq)))";
  std::vector<const char*> out = {
      R"(CREATE TABLE stored_files (
           id TEXT PRIMARY KEY,
           size BIGINT NOT NULL,
           sha256 TEXT NOT NULL,
           content_type TEXT NOT NULL,
           created_at TEXT NOT NULL))",
      // No foreign key to stored_files: chunks are written before their file's row commits,
      // and chunks without a row (a cut upload) are swept.
      chunks,
      "CREATE INDEX file_chunks_written_at ON file_chunks (written_at)",
      R"(CREATE TABLE piece_files (
           id TEXT PRIMARY KEY,
           registration_id TEXT NOT NULL REFERENCES registrations (id),
           piece_code TEXT NOT NULL,
           file_id TEXT NOT NULL REFERENCES stored_files (id),
           file_name TEXT NOT NULL,
           uploaded_at TEXT NOT NULL))",
      "CREATE INDEX piece_files_registration ON piece_files (registration_id, piece_code)",
      R"(CREATE TABLE piece_reviews (
           registration_id TEXT NOT NULL REFERENCES registrations (id),
           piece_code TEXT NOT NULL,
           verdict TEXT NOT NULL,
           reason TEXT NOT NULL,
           reviewed_at TEXT NOT NULL,
           reviewed_by TEXT NOT NULL,
           PRIMARY KEY (registration_id, piece_code)))",
      R"(CREATE TABLE piece_sets (
           registration_id TEXT PRIMARY KEY REFERENCES registrations (id),
           confirmed_at TEXT,
           reminded_at TEXT))",
      R"(CREATE TABLE documents (
           registration_id TEXT NOT NULL REFERENCES registrations (id),
           type TEXT NOT NULL,
           version INTEGER NOT NULL,
           file_id TEXT NOT NULL REFERENCES stored_files (id),
           file_name TEXT NOT NULL,
           published_at TEXT NOT NULL,
           published_by TEXT NOT NULL,
           PRIMARY KEY (registration_id, type, version)))",
  };
  // PDFs and images are compressed already: TOAST's compression would only burn CPU.
  if (postgresql) out.push_back("ALTER TABLE file_chunks ALTER COLUMN data SET STORAGE EXTERNAL");
  return out;
}

// The back office (issue 5): staff accounts and their tokens, the append-only audit log,
// derogations, and who made each registration version.
std::vector<const char*> back_office(bool postgresql) {
  std::vector<const char*> out = {
      R"(CREATE TABLE staff_users (
           id TEXT PRIMARY KEY,
           academy TEXT NOT NULL,
           email TEXT NOT NULL,
           email_key TEXT NOT NULL UNIQUE,
           display_name TEXT NOT NULL,
           password_hash TEXT NOT NULL,
           roles TEXT NOT NULL,
           totp_secret TEXT NOT NULL,
           totp_last_step BIGINT NOT NULL,
           status TEXT NOT NULL,
           created_at TEXT NOT NULL,
           updated_at TEXT NOT NULL))",
      "CREATE INDEX staff_users_academy ON staff_users (academy)",
      R"(CREATE TABLE staff_tokens (
           token_hash TEXT PRIMARY KEY,
           user_id TEXT NOT NULL REFERENCES staff_users (id) ON DELETE CASCADE,
           kind TEXT NOT NULL,
           created_at TEXT NOT NULL,
           expires_at TEXT NOT NULL,
           last_seen_at TEXT NOT NULL,
           used_at TEXT))",
      "CREATE INDEX staff_tokens_user ON staff_tokens (user_id, kind)",
      postgresql ? R"(CREATE TABLE audit_log (
           seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
           academy TEXT NOT NULL,
           at TEXT NOT NULL,
           actor_id TEXT NOT NULL,
           actor TEXT NOT NULL,
           action TEXT NOT NULL,
           target_type TEXT NOT NULL,
           target_id TEXT NOT NULL,
           reason TEXT NOT NULL,
           before_json TEXT NOT NULL,
           after_json TEXT NOT NULL))"
                 : R"(CREATE TABLE audit_log (
           seq INTEGER PRIMARY KEY AUTOINCREMENT,
           academy TEXT NOT NULL,
           at TEXT NOT NULL,
           actor_id TEXT NOT NULL,
           actor TEXT NOT NULL,
           action TEXT NOT NULL,
           target_type TEXT NOT NULL,
           target_id TEXT NOT NULL,
           reason TEXT NOT NULL,
           before_json TEXT NOT NULL,
           after_json TEXT NOT NULL))",
      "CREATE INDEX audit_log_academy ON audit_log (academy, seq)",
      R"(CREATE TABLE derogations (
           account_id TEXT NOT NULL REFERENCES accounts (id),
           academy TEXT NOT NULL,
           exam TEXT NOT NULL,
           session TEXT NOT NULL,
           until_at TEXT NOT NULL,
           reason TEXT NOT NULL,
           granted_by TEXT NOT NULL,
           granted_at TEXT NOT NULL,
           PRIMARY KEY (account_id, academy, exam, session)))",
      "ALTER TABLE registration_versions ADD COLUMN changed_by TEXT NOT NULL DEFAULT 'candidate'",
      "ALTER TABLE registration_versions ADD COLUMN reason TEXT NOT NULL DEFAULT ''",
      "ALTER TABLE registrations ADD COLUMN withdrawn_at TEXT",
      "ALTER TABLE registrations ADD COLUMN withdrawal_reason TEXT NOT NULL DEFAULT ''",
      // Searching an académie's registrations: by session, then by name or number prefix.
      "ALTER TABLE registrations ADD COLUMN name_key TEXT NOT NULL DEFAULT ''",
      "ALTER TABLE registrations ADD COLUMN speciality TEXT NOT NULL DEFAULT ''",
      "CREATE INDEX registrations_academy_session ON registrations (academy, exam, session, registration_number)",
      "CREATE INDEX registrations_academy_name ON registrations (academy, name_key)",
      "CREATE INDEX registrations_academy_number ON registrations (academy, registration_number)",
  };
  // Append-only: the database itself refuses to change or delete an audit row.
  if (postgresql) {
    out.push_back(R"(CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$)");
    out.push_back(R"(CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
         FOR EACH ROW EXECUTE FUNCTION audit_log_append_only())");
  } else {
    out.push_back(R"(CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
         BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END)");
    out.push_back(R"(CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
         BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END)");
  }
  return out;
}

// The script lifecycle (issue 5): versions of each académie's script, which one is live, and
// the académies' settings. The folder seeds versions; the API and the command line add more.
const std::vector<const char*> kRuleVersions = {
    R"(CREATE TABLE rule_versions (
         id TEXT PRIMARY KEY,
         academy TEXT NOT NULL,
         number INTEGER NOT NULL,
         origin TEXT NOT NULL,
         author_id TEXT NOT NULL,
         author TEXT NOT NULL,
         submitted_at TEXT NOT NULL,
         script TEXT NOT NULL,
         tests TEXT NOT NULL,
         content_hash TEXT NOT NULL,
         note TEXT NOT NULL,
         state TEXT NOT NULL,
         activate_at TEXT,
         approved_by TEXT,
         approved_at TEXT,
         activated_by TEXT,
         activated_at TEXT,
         confirm_reason TEXT NOT NULL DEFAULT '',
         UNIQUE (academy, number)))",
    "CREATE INDEX rule_versions_due ON rule_versions (state, activate_at)",
    // The office's search by candidate number (the other searches have theirs since migration 4).
    "CREATE INDEX registrations_academy_candidate ON registrations (academy, candidate_number)",
    R"(CREATE TABLE rule_live (
         academy TEXT PRIMARY KEY,
         version_id TEXT NOT NULL REFERENCES rule_versions (id),
         folder_hash TEXT NOT NULL,
         changed_at TEXT NOT NULL))",
    R"(CREATE TABLE academy_settings (
         academy TEXT PRIMARY KEY,
         require_approval INTEGER NOT NULL))",
};

// The transactional event outbox (issue 6): events written in the transaction of the change
// they describe, then delivered to each consumer (a plugin) from its own cursor. `seq` orders
// them; a consumer's events that failed for good are parked aside without blocking the others.
std::vector<const char*> event_outbox(bool postgresql) {
  return {
      postgresql ? R"(CREATE TABLE events (
                     seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                     id TEXT NOT NULL UNIQUE,
                     type TEXT NOT NULL,
                     aggregate TEXT NOT NULL,
                     payload TEXT NOT NULL,
                     occurred_at TEXT NOT NULL))"
                 : R"(CREATE TABLE events (
                     seq INTEGER PRIMARY KEY AUTOINCREMENT,
                     id TEXT NOT NULL UNIQUE,
                     type TEXT NOT NULL,
                     aggregate TEXT NOT NULL,
                     payload TEXT NOT NULL,
                     occurred_at TEXT NOT NULL))",
      R"(CREATE TABLE event_cursors (
           consumer TEXT PRIMARY KEY,
           last_seq BIGINT NOT NULL,
           attempts INTEGER NOT NULL DEFAULT 0,
           next_attempt_at TEXT NOT NULL,
           last_error TEXT NOT NULL DEFAULT '',
           lease_owner TEXT NOT NULL DEFAULT '',
           lease_until TEXT NOT NULL))",
      R"(CREATE TABLE event_parked (
           consumer TEXT NOT NULL,
           seq BIGINT NOT NULL,
           aggregate TEXT NOT NULL,
           attempts INTEGER NOT NULL,
           next_attempt_at TEXT NOT NULL,
           last_error TEXT NOT NULL,
           PRIMARY KEY (consumer, seq)))",
  };
}

// Limits on what strangers can trigger (issue "Isolation"): fixed windows of hits per key,
// e.g. the activation and reset mails one address receives per hour, or the sign-ups of one
// client address.
const std::vector<const char*> kRateLimits = {
    R"(CREATE TABLE rate_limits (
         rate_key TEXT PRIMARY KEY,
         window_start TEXT NOT NULL,
         hits INTEGER NOT NULL))",
    "CREATE INDEX rate_limits_window ON rate_limits (window_start)",
};

// Device tokens (OWASP "device cookies"): a browser or portal that logged in to an account
// before is known by a token, stored as its SHA-256, and is not locked out with strangers.
// `subject` is the account it belongs to ("account:<id>" or "staff_user:<id>").
const std::vector<const char*> kLoginDevices = {
    R"(CREATE TABLE login_devices (
         token_hash TEXT PRIMARY KEY,
         subject TEXT NOT NULL,
         created_at TEXT NOT NULL,
         expires_at TEXT NOT NULL,
         failures INTEGER NOT NULL DEFAULT 0))",
    "CREATE INDEX login_devices_subject ON login_devices (subject, created_at)",
    "CREATE INDEX login_devices_expires ON login_devices (expires_at)",
};

// Guarded changes of the folder's shared files (exams, libraries) confirmed with a reason:
// the folder cannot give one, `guichet rules confirm` records it here.
const std::vector<const char*> kRuleConfirmations = {
    R"(CREATE TABLE rule_confirmations (
         path TEXT NOT NULL,
         content_hash TEXT NOT NULL,
         reason TEXT NOT NULL,
         author TEXT NOT NULL,
         confirmed_at TEXT NOT NULL,
         PRIMARY KEY (path, content_hash)))",
};

// The dashboard (issue 18): each registration's piece state, kept by the services at every
// change so the counts are one GROUP BY (NULL: not computed yet, the background job fills it);
// the académie of each mail; the reminders a manager sent, one per candidate and day.
// The indexes cover their queries (index-only scans: a sequential scan of the registrations
// costs seconds at 100,000, BENCHMARKS.md); the review queue's figures are kept too
// (review_pending pieces, the oldest since), a join of every file and review being as slow.
const std::vector<const char*> kPilotage = {
    "ALTER TABLE registrations ADD COLUMN piece_state TEXT",
    "ALTER TABLE registrations ADD COLUMN review_pending INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE registrations ADD COLUMN review_pending_since TEXT",
    "CREATE INDEX registrations_dashboard_groups ON registrations "
    "(academy, session, exam, status, speciality, pole, piece_state)",
    "CREATE INDEX registrations_dashboard_days ON registrations (academy, session, exam, created_at)",
    "CREATE INDEX registrations_review_pending ON registrations "
    "(academy, session, exam, status, review_pending_since, review_pending) WHERE review_pending > 0",
    "CREATE INDEX registrations_piece_state_unknown ON registrations (piece_state) WHERE piece_state IS NULL",
    "ALTER TABLE outbox ADD COLUMN academy TEXT",
    "CREATE INDEX outbox_academy_sent ON outbox (academy) WHERE delivered_at IS NOT NULL",
    "CREATE INDEX outbox_academy_unsent ON outbox (academy, attempts) WHERE delivered_at IS NULL",
    R"(CREATE TABLE piece_reminders (
         account_id TEXT NOT NULL,
         day TEXT NOT NULL,
         registration_id TEXT NOT NULL,
         sent_at TEXT NOT NULL,
         sent_by TEXT NOT NULL,
         PRIMARY KEY (account_id, day)))",
    "CREATE INDEX piece_reminders_registration ON piece_reminders (registration_id, sent_at)",
};

// Migration 1 stores times as UTC text in SQLite and TIMESTAMPTZ in PostgreSQL.
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
      // From here on, one text serves both backends: ids are random text, instants are UTC
      // text of fixed width (sql_time.hpp), which sorts and compares as time in both.
      {2, "accounts_registrations_outbox", kCandidateSpace, kCandidateSpace},
      {3, "pieces_documents", pieces_and_documents(false), pieces_and_documents(true)},
      {4, "back_office", back_office(false), back_office(true)},
      {5, "rule_versions", kRuleVersions, kRuleVersions},
      {6, "event_outbox", event_outbox(false), event_outbox(true)},
      {7, "rate_limits", kRateLimits, kRateLimits},
      {8, "login_devices", kLoginDevices, kLoginDevices},
      {9, "rule_confirmations", kRuleConfirmations, kRuleConfirmations},
      {10, "pilotage", kPilotage, kPilotage},
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
  return Error{ErrorCode::schema_too_new, "La base de données a été mise à jour par une version plus récente de guichet (schéma " +
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
