#include "db/retention_repository.hpp"

#include <soci/soci.h>

#include "db/file_store.hpp"
#include "db/sql_time.hpp"

namespace guichet::db {

namespace {

// The session's registrations, as a subquery over the (academy, exam, session) index.
constexpr const char* kOfSession =
    "registration_id IN (SELECT id FROM registrations WHERE academy = :a AND exam = :e AND session = :s)";

void collect(Session& s, const std::string& sql, const SessionKey& k, std::vector<std::string>& out) {
  soci::rowset<std::string> rows = (s.prepare << sql, soci::use(k.academy), soci::use(k.exam), soci::use(k.session));
  for (const auto& id : rows) out.push_back(id);
}

void run(Session& s, const std::string& sql, const SessionKey& k) {
  s << sql, soci::use(k.academy), soci::use(k.exam), soci::use(k.session);
}

}  // namespace

std::vector<std::string> session_file_ids(Session& s, const SessionKey& key) {
  std::vector<std::string> out;
  collect(s, std::string("SELECT file_id FROM piece_files WHERE ") + kOfSession, key, out);
  collect(s, std::string("SELECT file_id FROM documents WHERE ") + kOfSession, key, out);
  return out;
}

std::vector<std::string> delete_session_files(Session& s, FileStore& files, const SessionKey& key) {
  std::vector<std::string> file_ids = session_file_ids(s, key);
  for (const char* table : {"piece_files", "piece_reviews", "piece_sets", "documents"})
    run(s, std::string("DELETE FROM ") + table + " WHERE " + kOfSession, key);
  for (const auto& f : file_ids) files.forget(s, f);
  return file_ids;
}

long long count_session_registrations(Session& s, const SessionKey& key) {
  long long n = 0;
  s << "SELECT COUNT(*) FROM registrations WHERE academy = :a AND exam = :e AND session = :s", soci::use(key.academy),
      soci::use(key.exam), soci::use(key.session), soci::into(n);
  return n;
}

std::vector<std::string> delete_session_registrations(Session& s, FileStore& files, const SessionKey& key) {
  std::vector<std::string> file_ids = delete_session_files(s, files, key);
  run(s, std::string("DELETE FROM registration_versions WHERE ") + kOfSession, key);
  // The derogations of these registrations' candidates in that session.
  s << "DELETE FROM derogations WHERE academy = :a AND exam = :e AND session = :s AND account_id IN "
       "(SELECT account_id FROM registrations WHERE academy = :a2 AND exam = :e2 AND session = :s2)",
      soci::use(key.academy), soci::use(key.exam), soci::use(key.session), soci::use(key.academy), soci::use(key.exam),
      soci::use(key.session);
  run(s, "DELETE FROM registrations WHERE academy = :a AND exam = :e AND session = :s", key);
  return file_ids;
}

std::vector<std::string> inactive_accounts(Session& s, Instant cutoff) {
  const std::string before = db_detail::to_sql_time(cutoff);
  std::vector<std::string> ids;
  soci::rowset<std::string> rows =
      (s.prepare << "SELECT a.id FROM accounts a WHERE a.updated_at < :c "
                    "AND NOT EXISTS (SELECT 1 FROM registrations r WHERE r.account_id = a.id) "
                    "AND NOT EXISTS (SELECT 1 FROM account_tokens t WHERE t.account_id = a.id AND t.created_at >= :c2) "
                    "ORDER BY a.id",
       soci::use(before), soci::use(before));
  for (const auto& id : rows) ids.push_back(id);
  return ids;
}

void delete_accounts(Session& s, const std::vector<std::string>& account_ids) {
  for (const auto& id : account_ids) {
    const std::string subject = "account:" + id;
    s << "DELETE FROM derogations WHERE account_id = :a", soci::use(id);
    s << "DELETE FROM account_tokens WHERE account_id = :a", soci::use(id);
    s << "DELETE FROM candidate_numbers WHERE account_id = :a", soci::use(id);
    s << "DELETE FROM login_devices WHERE subject = :s", soci::use(subject);
    s << "DELETE FROM accounts WHERE id = :a", soci::use(id);
  }
}

}  // namespace guichet::db
