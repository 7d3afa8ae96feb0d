#include "db/pieces_repository.hpp"

#include <soci/soci.h>

#include "db/row_codec.hpp"

namespace guichet::db {
using db_detail::instant;
using db_detail::integer;
using db_detail::maybe_instant;
using db_detail::text;
using db_detail::to_sql_time;

std::vector<PieceFileRow> piece_files(soci::session& s, const std::string& registration_id) {
  soci::rowset<soci::row> rows =
      (s.prepare << "SELECT p.id, p.registration_id, p.piece_code, p.file_id, p.file_name, p.uploaded_at, f.size, "
                    "f.sha256, f.content_type FROM piece_files p JOIN stored_files f ON f.id = p.file_id "
                    "WHERE p.registration_id = :r ORDER BY p.uploaded_at, p.id",
       soci::use(registration_id));
  std::vector<PieceFileRow> out;
  for (const auto& r : rows)
    out.push_back({text(r, 0), text(r, 1), text(r, 2), text(r, 3), text(r, 4), instant(r, 5), integer(r, 6),
                   text(r, 7), text(r, 8)});
  return out;
}

void insert_piece_file(soci::session& s, const PieceFileRow& row) {
  std::string at = to_sql_time(row.uploaded_at);
  s << "INSERT INTO piece_files (id, registration_id, piece_code, file_id, file_name, uploaded_at) VALUES "
       "(:id, :r, :c, :f, :n, :at)",
      soci::use(row.id), soci::use(row.registration_id), soci::use(row.piece_code), soci::use(row.file_id),
      soci::use(row.file_name), soci::use(at);
}

void delete_piece_file(soci::session& s, const std::string& id) {
  s << "DELETE FROM piece_files WHERE id = :id", soci::use(id);
}

std::vector<PieceReviewRow> piece_reviews(soci::session& s, const std::string& registration_id) {
  soci::rowset<soci::row> rows =
      (s.prepare << "SELECT piece_code, verdict, reason, reviewed_at, reviewed_by FROM piece_reviews "
                    "WHERE registration_id = :r",
       soci::use(registration_id));
  std::vector<PieceReviewRow> out;
  for (const auto& r : rows) out.push_back({text(r, 0), text(r, 1), text(r, 2), instant(r, 3), text(r, 4)});
  return out;
}

void save_review(soci::session& s, const std::string& registration_id, const PieceReviewRow& row) {
  std::string at = to_sql_time(row.reviewed_at);
  s << "INSERT INTO piece_reviews (registration_id, piece_code, verdict, reason, reviewed_at, reviewed_by) VALUES "
       "(:r, :c, :v, :why, :at, :by) ON CONFLICT (registration_id, piece_code) DO UPDATE SET verdict = "
       "excluded.verdict, reason = excluded.reason, reviewed_at = excluded.reviewed_at, reviewed_by = "
       "excluded.reviewed_by",
      soci::use(registration_id), soci::use(row.piece_code), soci::use(row.verdict), soci::use(row.reason),
      soci::use(at), soci::use(row.reviewed_by);
}

void delete_review(soci::session& s, const std::string& registration_id, const std::string& piece_code) {
  s << "DELETE FROM piece_reviews WHERE registration_id = :r AND piece_code = :c", soci::use(registration_id),
      soci::use(piece_code);
}

PieceSetRow piece_set(soci::session& s, const std::string& registration_id) {
  soci::rowset<soci::row> rows =
      (s.prepare << "SELECT confirmed_at, reminded_at FROM piece_sets WHERE registration_id = :r",
       soci::use(registration_id));
  PieceSetRow out;
  for (const auto& r : rows) out = {maybe_instant(r, 0), maybe_instant(r, 1)};
  return out;
}

PieceSetRow lock_piece_set(soci::session& s, const std::string& registration_id) {
  s << "INSERT INTO piece_sets (registration_id) VALUES (:r) ON CONFLICT (registration_id) DO NOTHING",
      soci::use(registration_id);
  s << "UPDATE piece_sets SET registration_id = registration_id WHERE registration_id = :r",
      soci::use(registration_id);
  return piece_set(s, registration_id);
}

void set_confirmed(soci::session& s, const std::string& registration_id, std::optional<Instant> at) {
  std::string text_at = at ? to_sql_time(*at) : std::string();
  soci::indicator ind = at ? soci::i_ok : soci::i_null;
  s << "UPDATE piece_sets SET confirmed_at = :at WHERE registration_id = :r", soci::use(text_at, ind),
      soci::use(registration_id);
}

bool mark_reminded(soci::session& s, const std::string& registration_id, Instant at) {
  s << "INSERT INTO piece_sets (registration_id) VALUES (:r) ON CONFLICT (registration_id) DO NOTHING",
      soci::use(registration_id);
  std::string text_at = to_sql_time(at);
  soci::statement st = (s.prepare << "UPDATE piece_sets SET reminded_at = :at WHERE registration_id = :r AND "
                                     "reminded_at IS NULL",
                        soci::use(text_at), soci::use(registration_id));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::vector<std::string> unreminded_registrations(soci::session& s, const std::string& academy,
                                                  const std::string& exam, const std::string& session) {
  soci::rowset<soci::row> rows =
      (s.prepare << "SELECT r.id FROM registrations r LEFT JOIN piece_sets p ON p.registration_id = r.id "
                    "WHERE r.academy = :a AND r.exam = :e AND r.session = :s AND r.status = 'registered' "
                    "AND p.reminded_at IS NULL AND p.confirmed_at IS NULL ORDER BY r.id",
       soci::use(academy), soci::use(exam), soci::use(session));
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(text(r, 0));
  return out;
}

}  // namespace guichet::db
