#include "db/retention_repository.hpp"

#include <soci/soci.h>

#include "db/file_store.hpp"
#include "db/sql_time.hpp"

namespace guichet::db {

std::vector<std::string> session_registration_ids(Session& s, const std::string& academy, const std::string& exam,
                                                  const std::string& session) {
  std::vector<std::string> ids;
  soci::rowset<std::string> rows =
      (s.prepare << "SELECT id FROM registrations WHERE academy = :a AND exam = :e AND session = :s ORDER BY id",
       soci::use(academy), soci::use(exam), soci::use(session));
  for (const auto& id : rows) ids.push_back(id);
  return ids;
}

std::vector<std::string> registration_file_ids(Session& s, const std::vector<std::string>& registration_ids) {
  std::vector<std::string> out;
  for (const auto& id : registration_ids) {
    soci::rowset<std::string> pieces = (s.prepare << "SELECT file_id FROM piece_files WHERE registration_id = :r", soci::use(id));
    for (const auto& f : pieces) out.push_back(f);
    soci::rowset<std::string> documents = (s.prepare << "SELECT file_id FROM documents WHERE registration_id = :r", soci::use(id));
    for (const auto& f : documents) out.push_back(f);
  }
  return out;
}

std::vector<std::string> delete_registration_files(Session& s, FileStore& files,
                                                   const std::vector<std::string>& registration_ids) {
  std::vector<std::string> file_ids = registration_file_ids(s, registration_ids);
  for (const auto& id : registration_ids) {
    s << "DELETE FROM piece_files WHERE registration_id = :r", soci::use(id);
    s << "DELETE FROM piece_reviews WHERE registration_id = :r", soci::use(id);
    s << "DELETE FROM piece_sets WHERE registration_id = :r", soci::use(id);
    s << "DELETE FROM documents WHERE registration_id = :r", soci::use(id);
  }
  for (const auto& f : file_ids) files.forget(s, f);
  return file_ids;
}

void delete_registrations(Session& s, const std::vector<std::string>& registration_ids) {
  for (const auto& id : registration_ids) {
    std::string account, academy, exam, session;
    s << "SELECT account_id, academy, exam, session FROM registrations WHERE id = :r", soci::use(id),
        soci::into(account), soci::into(academy), soci::into(exam), soci::into(session);
    if (!s.got_data()) continue;
    s << "DELETE FROM derogations WHERE account_id = :a AND academy = :ac AND exam = :e AND session = :s",
        soci::use(account), soci::use(academy), soci::use(exam), soci::use(session);
    s << "DELETE FROM registration_versions WHERE registration_id = :r", soci::use(id);
    s << "DELETE FROM registrations WHERE id = :r", soci::use(id);
  }
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
