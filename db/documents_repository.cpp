#include "db/documents_repository.hpp"

#include <soci/soci.h>

#include "db/row_codec.hpp"

namespace guichet::db {
using db_detail::instant;
using db_detail::integer;
using db_detail::text;
using db_detail::to_sql_time;

namespace {

constexpr const char* kSelect =
    "SELECT d.registration_id, d.type, d.version, d.file_id, d.file_name, d.published_at, d.published_by, f.size, "
    "f.content_type FROM documents d JOIN stored_files f ON f.id = d.file_id WHERE d.registration_id = :r ";

std::vector<DocumentRow> select(soci::session& s, const std::string& sql, const std::string& registration_id) {
  soci::rowset<soci::row> rows = (s.prepare << sql, soci::use(registration_id));
  std::vector<DocumentRow> out;
  for (const auto& r : rows)
    out.push_back({text(r, 0), text(r, 1), static_cast<int>(integer(r, 2)), text(r, 3), text(r, 4), instant(r, 5),
                   text(r, 6), integer(r, 7), text(r, 8)});
  return out;
}

}  // namespace

int insert_document(soci::session& s, DocumentRow row) {
  int latest = 0;
  soci::indicator ind = soci::i_null;
  s << "SELECT MAX(version) FROM documents WHERE registration_id = :r AND type = :t", soci::use(row.registration_id),
      soci::use(row.type), soci::into(latest, ind);
  row.version = ind == soci::i_ok ? latest + 1 : 1;
  std::string at = to_sql_time(row.published_at);
  s << "INSERT INTO documents (registration_id, type, version, file_id, file_name, published_at, published_by) "
       "VALUES (:r, :t, :v, :f, :n, :at, :by)",
      soci::use(row.registration_id), soci::use(row.type), soci::use(row.version), soci::use(row.file_id),
      soci::use(row.file_name), soci::use(at), soci::use(row.published_by);
  return row.version;
}

std::vector<DocumentRow> latest_documents(soci::session& s, const std::string& registration_id) {
  return select(s,
                std::string(kSelect) +
                    "AND d.version = (SELECT MAX(version) FROM documents l WHERE l.registration_id = "
                    "d.registration_id AND l.type = d.type) ORDER BY d.type",
                registration_id);
}

std::vector<DocumentRow> all_documents(soci::session& s, const std::string& registration_id) {
  return select(s, std::string(kSelect) + "ORDER BY d.type, d.version", registration_id);
}

}  // namespace guichet::db
