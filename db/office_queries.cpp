#include "db/office_queries.hpp"

#include <fmt/format.h>
#include <soci/soci.h>

#include <cctype>

#include "core/name_key.hpp"
#include "db/row_codec.hpp"
#include "db/sql_time.hpp"

namespace guichet::db {
using db_detail::instant;
using db_detail::maybe_instant;
using db_detail::text;

// Only the filters given become SQL conditions, so each query can use its index.
std::vector<RegistrationHit> search_registrations(soci::session& s, const RegistrationSearch& f) {
  std::string sql = std::string("SELECT ") + registration_columns("r") +
                    ", a.last_name, a.first_name, a.birth_date, a.email, ps.confirmed_at, a.phone "
                    "FROM registrations r JOIN accounts a ON a.id = r.account_id "
                    "LEFT JOIN piece_sets ps ON ps.registration_id = r.id WHERE r.academy = :academy";
  std::vector<std::string> values;
  values.reserve(14);  // bound by reference: no reallocation once bound
  values.push_back(f.academy);
  auto where = [&](const std::string& condition, const std::string& value) {
    sql += " AND " + condition;
    values.push_back(value);
  };
  if (!f.exam.empty()) where("r.exam = :exam", f.exam);
  if (!f.session.empty()) where("r.session = :session", f.session);
  if (!f.speciality.empty()) where("r.speciality = :speciality", f.speciality);
  if (!f.pole.empty()) where("r.pole = :pole", f.pole);
  if (!f.status.empty()) where("r.status = :status", f.status);
  // Keyset paging in the chosen order (row values: PostgreSQL and SQLite alike).
  std::string order = " ORDER BY r.registration_number";
  if (f.sort == "name" || f.sort == "updated") {
    const bool by_name = f.sort == "name";
    order = by_name ? " ORDER BY r.name_key, r.registration_number"
                    : " ORDER BY r.updated_at DESC, r.registration_number DESC";
    if (const auto cut = f.after.rfind('~'); cut != std::string::npos) {
      sql += by_name ? " AND (r.name_key, r.registration_number) > (:after_key, :after_number)"
                     : " AND (r.updated_at, r.registration_number) < (:after_key, :after_number)";
      values.push_back(f.after.substr(0, cut));
      values.push_back(f.after.substr(cut + 1));
    }
  } else if (!f.after.empty()) {
    where("r.registration_number > :after", f.after);
  }
  if (!f.text.empty()) {
    // One kind of search per text, each on its own index (an OR of the three would make the
    // database walk the whole académie): "A13-..." a registration number, digits a candidate
    // number, anything else the start of a name, folded like the stored key.
    std::string number;
    for (char c : f.text)
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '-')
        number += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const bool registration = number.size() >= 2 && number[0] == 'A' && std::isdigit(static_cast<unsigned char>(number[1]));
    const bool candidate = !number.empty() && number.find_first_not_of("0123456789") == std::string::npos;
    if (registration) where("r.registration_number LIKE :number", number + "%");
    else if (candidate) where("r.candidate_number LIKE :candidate", number + "%");
    else where("r.name_key LIKE :name", name_key(f.text) + "%");
  }
  // EXISTS rather than a condition on the joined row: the database then walks the académie's
  // registrations in number order and stops at the page's end.
  if (f.pieces == "confirmed")
    sql += " AND EXISTS (SELECT 1 FROM piece_sets p2 WHERE p2.registration_id = r.id AND p2.confirmed_at IS NOT NULL)";
  if (f.pieces == "unconfirmed")
    sql += " AND NOT EXISTS (SELECT 1 FROM piece_sets p2 WHERE p2.registration_id = r.id AND p2.confirmed_at IS NOT NULL)";
  if (f.pieces == "rejected")
    sql += " AND EXISTS (SELECT 1 FROM piece_reviews pr WHERE pr.registration_id = r.id AND pr.verdict = 'rejected')";
  if (f.pieces == "to_review")
    // A file the office has not judged since it arrived.
    sql += " AND EXISTS (SELECT 1 FROM piece_files pf WHERE pf.registration_id = r.id AND NOT EXISTS ("
           "SELECT 1 FROM piece_reviews pr WHERE pr.registration_id = r.id AND pr.piece_code = pf.piece_code "
           "AND pr.reviewed_at >= pf.uploaded_at))";
  sql += fmt::format("{} LIMIT {}", order, f.limit);

  auto query = (s.prepare << sql);
  for (const auto& v : values) query, soci::use(v);
  soci::rowset<soci::row> rows(query);
  std::vector<RegistrationHit> out;
  for (const auto& r : rows) {
    RegistrationHit h;
    h.row = registration_from_row(r);
    constexpr std::size_t k = kRegistrationColumnCount;
    h.last_name = text(r, k);
    h.first_name = text(r, k + 1);
    h.birth_date = text(r, k + 2);
    h.email = text(r, k + 3);
    h.pieces_confirmed_at = maybe_instant(r, k + 4);
    h.phone = text(r, k + 5);
    out.push_back(std::move(h));
  }
  return out;
}

std::string sort_cursor(const std::string& sort, const RegistrationRow& last) {
  if (sort == "name") return last.name_key + "~" + last.registration_number;
  if (sort == "updated") return db_detail::to_sql_time(last.updated_at) + "~" + last.registration_number;
  return last.registration_number;
}

std::vector<RegisteredCandidate> registered_candidates(soci::session& s, const std::string& academy) {
  std::vector<RegisteredCandidate> out;
  soci::rowset<soci::row> rows =
      (s.prepare << "SELECT r.id, r.registration_number, r.exam, r.session, r.answers, r.pieces, r.pole, "
                    "r.updated_at, a.birth_date, a.nationality, a.email, a.last_name, a.first_name "
                    "FROM registrations r JOIN accounts a ON a.id = r.account_id "
                    "WHERE r.academy = :a AND r.status = 'registered' ORDER BY r.registration_number",
       soci::use(academy));
  for (const auto& r : rows)
    out.push_back({text(r, 0), text(r, 1), text(r, 2), text(r, 3), text(r, 4), text(r, 5), text(r, 6), instant(r, 7),
                   text(r, 8), text(r, 9), text(r, 10), text(r, 11), text(r, 12)});
  return out;
}

}  // namespace guichet::db
