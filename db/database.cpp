#include "db/database.hpp"

#include <soci/connection-pool.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>
#include <libpq-fe.h>

#include <filesystem>
#include <thread>

#include "db/sql_errors.hpp"
#include "db/url_redaction.hpp"

namespace guichet {
namespace {

constexpr int kAttempts = 5;

// SOCI 4.0 mangles libpq URIs, so hand it libpq's own keyword form of the URL
// ("host='…' port='…' dbname='…'"), parsed by libpq itself.
Result<std::string> conninfo_from_url(const std::string& url) {
  char* err = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &err);
  if (!options) {
    if (err) PQfreemem(err);
    return Error{ErrorCode::database_url, "Adresse PostgreSQL invalide."};
  }
  std::string out;
  for (PQconninfoOption* o = options; o->keyword; ++o) {
    if (!o->val) continue;
    std::string value;
    for (const char* c = o->val; *c; ++c) {
      if (*c == '\\' || *c == '\'') value += '\\';
      value += *c;
    }
    out += std::string(out.empty() ? "" : " ") + o->keyword + "='" + value + "'";
  }
  PQconninfoFree(options);
  // Keep PostgreSQL's NOTICE chatter (e.g. "already exists, skipping") out of the logs.
  if (out.find("options=") == std::string::npos) out += " options='-c client_min_messages=warning'";
  return out;
}

bool starts_with(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

}  // namespace

Database::Database(Backend backend, std::size_t pool_size)
    : backend_(backend), pool_size_(pool_size), pool_(std::make_unique<soci::connection_pool>(pool_size)) {}

Database::~Database() = default;

Result<std::unique_ptr<Database>> Database::open(const std::string& url, const std::string& data_dir,
                                                 std::size_t pool_size) {
  if (pool_size == 0) pool_size = 1;
  Backend backend;
  std::string target;
  if (url.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(data_dir, ec);
    if (ec) return Error{ErrorCode::database_unavailable, "Impossible de créer le dossier de données " + data_dir + "."};
    backend = Backend::sqlite;
    target = (std::filesystem::path(data_dir) / "guichet.sqlite3").string();
  } else if (starts_with(url, "sqlite://")) {
    backend = Backend::sqlite;
    target = url.substr(9);
  } else if (starts_with(url, "sqlite:")) {
    backend = Backend::sqlite;
    target = url.substr(7);
  } else if (starts_with(url, "postgresql://") || starts_with(url, "postgres://")) {
    backend = Backend::postgresql;
    auto conninfo = conninfo_from_url(url);
    if (!conninfo.ok()) return conninfo.error();
    target = *conninfo;
  } else {
    return Error{ErrorCode::database_url,
                 "Adresse de base de données non reconnue : attendu postgresql://… ou sqlite:<chemin>."};
  }
  if (target.empty()) return Error{ErrorCode::database_url, "Adresse de base de données incomplète."};
  // SOCI reads "db=\"…\"" up to the next double quote: spaces and '=' are fine, quotes are not.
  if (backend == Backend::sqlite && target.find('"') != std::string::npos)
    return Error{ErrorCode::database_url, "Le chemin de la base SQLite ne doit pas contenir de guillemet."};

  auto db = std::unique_ptr<Database>(new Database(backend, pool_size));
  for (std::size_t i = 0; i < pool_size; ++i) {
    soci::session& s = db->pool_->at(i);
    try {
      if (backend == Backend::sqlite) {
        // timeout: SQLite waits this many seconds on a locked database before BUSY.
        s.open(*soci::factory_sqlite3(), "db=\"" + target + "\" timeout=5");
        s << "PRAGMA journal_mode=WAL";
        s << "PRAGMA synchronous=FULL";
        s << "PRAGMA foreign_keys=ON";
        s << "PRAGMA busy_timeout=5000";
      } else {
        s.open(*soci::factory_postgresql(), target);
      }
    } catch (const std::exception& e) {
      spdlog::error("connexion à la base {} impossible : {}", db::redact_url(url.empty() ? target : url),
                    db_detail::describe(e));
      return Error{ErrorCode::database_unavailable, backend == Backend::sqlite
                                               ? "La base SQLite ne peut pas être ouverte (" + target + ")."
                                               : "La base PostgreSQL est injoignable."};
    }
  }
  return db;
}

Status Database::ping() {
  return with_session([](soci::session& s) {
    int one = 0;
    s << "SELECT 1", soci::into(one);
    return one == 1 ? Status::Ok() : Status(Error{ErrorCode::database_error, "La base de données répond mal."});
  });
}

Status Database::transaction(const std::function<Status(soci::session&)>& work) { return run(work, true); }

Status Database::with_session(const std::function<Status(soci::session&)>& work) { return run(work, false); }

// Reopens a lost PostgreSQL connection in place, so the pool heals by itself once the server
// is back. On failure, says why in `why`.
bool Database::heal(soci::session& s, std::string& why) {
  try {
    s.reconnect();
    spdlog::warn("connexion PostgreSQL perdue, rétablie");
    return true;
  } catch (const std::exception& e) {
    why = db_detail::describe(e);
    return false;
  }
}

Status Database::run(const std::function<Status(soci::session&)>& work, bool in_transaction) {
  for (int attempt = 1;; ++attempt) {
    soci::session s(*pool_);  // borrows a pooled connection until the end of the scope
    bool committing = false;
    try {
      // A connection whose last reconnection failed has no backend left: try again first.
      if (!s.get_backend()) s.reconnect();
      if (!in_transaction) return work(s);
      // SQLite: take the write lock up front, so two writers cannot deadlock on upgrade.
      if (backend_ == Backend::sqlite) s << "BEGIN IMMEDIATE";
      else s << "BEGIN";
      Status st = work(s);
      committing = st.ok();
      if (st.ok()) s << "COMMIT";
      else s << "ROLLBACK";
      return st;
    } catch (const std::exception& e) {
      if (in_transaction && s.get_backend()) {
        try {
          s << "ROLLBACK";
        } catch (...) {
        }
      }
      if (db_detail::is_retryable(e) && attempt < kAttempts) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10 * attempt * attempt));
        continue;
      }
      const char* during = in_transaction ? "transaction" : "requête";
      // PostgreSQL: is the connection itself gone (server restarted, connection killed)?
      // Asking costs a round trip, on the error path only.
      bool lost = backend_ == Backend::postgresql && (!s.get_backend() || !s.is_connected());
      if (!lost) return db_detail::to_error(e, during);
      std::string why;
      if (!heal(s, why)) {
        spdlog::error("base de données injoignable ({}) : {}", during, why);
        return Error{ErrorCode::database_unavailable, "La base de données ne répond pas. Veuillez réessayer plus tard."};
      }
      // A connection lost before COMMIT was sent committed nothing: run the work again on
      // the reopened connection. Lost during COMMIT, the outcome is unknown: report it.
      if (!committing && attempt < kAttempts) continue;
      return db_detail::to_error(e, during);
    }
  }
}

}  // namespace guichet
