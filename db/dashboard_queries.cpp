#include "db/dashboard_queries.hpp"

#include "db/row_codec.hpp"
#include "db/sql_time.hpp"

namespace guichet::db {

using db_detail::integer;
using db_detail::maybe_instant;
using db_detail::text;
using db_detail::to_sql_time;

namespace {

// "r.academy = :a AND r.session = :s [AND r.exam = :e]" and its values, in that order.
struct ScopeFilter {
  std::string sql;
  std::vector<std::string> values;
};

ScopeFilter filter_of(const DashboardScope& scope) {
  ScopeFilter f{"r.academy = :a AND r.session = :s", {scope.academy, scope.session}};
  if (!scope.exam.empty()) {
    f.sql += " AND r.exam = :e";
    f.values.push_back(scope.exam);
  }
  return f;
}

soci::rowset<soci::row> query(Session& s, const std::string& sql, const std::vector<std::string>& values) {
  auto q = (s.prepare << sql);
  for (const auto& v : values) q, soci::use(v);
  return soci::rowset<soci::row>(q);
}

}  // namespace

void serial_plans(Session& s) {
  if (s.get_backend_name() == "postgresql") s << "SET LOCAL max_parallel_workers_per_gather = 0";
}

std::vector<HourCount> registrations_per_hour(Session& s, const DashboardScope& scope) {
  const ScopeFilter f = filter_of(scope);
  std::vector<HourCount> out;
  for (const auto& r : query(s,
                             "SELECT r.exam, substr(r.created_at, 1, 13), COUNT(*) FROM registrations r WHERE " + f.sql +
                                 " GROUP BY r.exam, substr(r.created_at, 1, 13)",
                             f.values))
    out.push_back({text(r, 0), text(r, 1), integer(r, 2)});
  return out;
}

std::vector<RegistrationGroup> registration_groups(Session& s, const DashboardScope& scope) {
  const ScopeFilter f = filter_of(scope);
  std::vector<RegistrationGroup> out;
  for (const auto& r : query(s,
                             "SELECT r.exam, r.speciality, r.pole, r.status, r.piece_state, COUNT(*) FROM registrations r "
                             "WHERE " + f.sql + " GROUP BY r.exam, r.speciality, r.pole, r.status, r.piece_state",
                             f.values)) {
    RegistrationGroup g{text(r, 0), text(r, 1), text(r, 2), text(r, 3), std::nullopt, integer(r, 5)};
    if (r.get_indicator(4) != soci::i_null) g.piece_state = text(r, 4);
    out.push_back(std::move(g));
  }
  return out;
}

ReviewQueueFigures review_queue_figures(Session& s, const DashboardScope& scope) {
  const ScopeFilter f = filter_of(scope);
  ReviewQueueFigures out;
  for (const auto& r : query(s,
                             "SELECT SUM(r.review_pending), MIN(r.review_pending_since) FROM registrations r WHERE " +
                                 f.sql + " AND r.status = 'registered' AND r.review_pending > 0",
                             f.values)) {
    out.count = integer(r, 0);
    out.oldest = maybe_instant(r, 1);
  }
  return out;
}

MailFigures mail_figures(Session& s, const std::string& academy) {
  MailFigures out;
  // Two queries, each on its own index: the few unsent, and the many sent (index only).
  for (const auto& r : query(s,
                             "SELECT CASE WHEN attempts > 0 THEN 1 ELSE 0 END, COUNT(*) FROM outbox WHERE academy = :a "
                             "AND delivered_at IS NULL GROUP BY CASE WHEN attempts > 0 THEN 1 ELSE 0 END",
                             {academy}))
    (integer(r, 0) ? out.failed : out.queued) += integer(r, 1);
  for (const auto& r : query(s, "SELECT COUNT(*) FROM outbox WHERE academy = :a AND delivered_at IS NOT NULL", {academy}))
    out.sent = integer(r, 0);
  return out;
}

std::vector<ExamSession> registered_sessions(Session& s, const std::string& academy) {
  std::vector<ExamSession> out;
  for (const auto& r : query(s, "SELECT DISTINCT exam, session FROM registrations WHERE academy = :a", {academy}))
    out.push_back({text(r, 0), text(r, 1)});
  return out;
}

std::vector<ReminderCandidateRow> reminder_candidates(Session& s, const DashboardScope& scope,
                                                      const std::vector<std::string>& states, int limit) {
  ScopeFilter f = filter_of(scope);
  std::string in;
  for (std::size_t i = 0; i < states.size(); ++i) {
    in += (i ? ", :st" : ":st") + std::to_string(i);
    f.values.push_back(states[i]);
  }
  if (in.empty()) return {};
  std::vector<ReminderCandidateRow> out;
  for (const auto& r : query(s,
                             "SELECT r.id, r.registration_number, r.exam, r.account_id, a.last_name, a.first_name, "
                             "r.piece_state, r.pieces, (SELECT MAX(pr.sent_at) FROM piece_reminders pr WHERE pr.account_id = "
                             "r.account_id) FROM registrations r JOIN accounts a ON a.id = r.account_id WHERE " +
                                 f.sql + " AND r.status = 'registered' AND r.piece_state IN (" + in +
                                 ") ORDER BY r.name_key, r.registration_number LIMIT " + std::to_string(limit),
                             f.values))
    out.push_back({text(r, 0), text(r, 1), text(r, 2), text(r, 3), text(r, 4), text(r, 5), text(r, 6), text(r, 7),
                   maybe_instant(r, 8)});
  return out;
}

bool record_reminder(Session& s, const std::string& account_id, const std::string& day,
                     const std::string& registration_id, Instant at, const std::string& by) {
  const std::string sent_at = to_sql_time(at);
  soci::statement st = (s.prepare << "INSERT INTO piece_reminders (account_id, day, registration_id, sent_at, sent_by) "
                                     "VALUES (:a, :d, :r, :t, :b) ON CONFLICT (account_id, day) DO NOTHING",
                        soci::use(account_id), soci::use(day), soci::use(registration_id), soci::use(sent_at),
                        soci::use(by));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::vector<std::string> registrations_without_piece_state(Session& s, int limit) {
  std::vector<std::string> out;
  for (const auto& r : query(s, "SELECT id FROM registrations WHERE piece_state IS NULL LIMIT " + std::to_string(limit), {}))
    out.push_back(text(r, 0));
  return out;
}

void set_piece_state(Session& s, const std::string& registration_id, const std::string& state, int review_pending,
                     std::optional<Instant> review_pending_since) {
  std::string since = review_pending_since ? to_sql_time(*review_pending_since) : std::string();
  soci::indicator since_null = review_pending_since ? soci::i_ok : soci::i_null;
  s << "UPDATE registrations SET piece_state = :p, review_pending = :n, review_pending_since = :since WHERE id = :id",
      soci::use(state), soci::use(review_pending), soci::use(since, since_null), soci::use(registration_id);
}

namespace {

// " IN (:i0, :i1, …)" and its values.
std::string in_list(const std::vector<std::string>& ids) {
  std::string sql = " IN (";
  for (std::size_t i = 0; i < ids.size(); ++i) sql += (i ? ", :i" : ":i") + std::to_string(i);
  return sql + ")";
}

}  // namespace

std::map<std::string, std::vector<PieceFileRow>> piece_files_of(Session& s, const std::vector<std::string>& ids) {
  std::map<std::string, std::vector<PieceFileRow>> out;
  if (ids.empty()) return out;
  for (const auto& r : query(s, "SELECT registration_id, piece_code, uploaded_at FROM piece_files WHERE registration_id" +
                                    in_list(ids), ids)) {
    PieceFileRow f;
    f.registration_id = text(r, 0);
    f.piece_code = text(r, 1);
    f.uploaded_at = db_detail::instant(r, 2);
    out[f.registration_id].push_back(std::move(f));
  }
  return out;
}

std::map<std::string, std::vector<PieceReviewRow>> piece_reviews_of(Session& s, const std::vector<std::string>& ids) {
  std::map<std::string, std::vector<PieceReviewRow>> out;
  if (ids.empty()) return out;
  for (const auto& r : query(s, "SELECT registration_id, piece_code, verdict, reviewed_at FROM piece_reviews WHERE "
                                "registration_id" + in_list(ids), ids))
    out[text(r, 0)].push_back({text(r, 1), text(r, 2), "", db_detail::instant(r, 3), ""});
  return out;
}

}  // namespace guichet::db
