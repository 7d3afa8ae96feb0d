// The aggregates of the dashboard (issue 18): counts grouped in the database, never a row per
// registration brought back, so an académie of 100 000 registrations answers in milliseconds
// (BENCHMARKS.md). Nothing here names a person, but for the reminders' list at the end.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "db/pieces_repository.hpp"

namespace guichet::db {

// Which registrations: one académie's session, one exam or all (empty).
struct DashboardScope {
  std::string academy, session, exam;
};

// In the caller's transaction, plans without parallel workers (PostgreSQL): for index-only
// scans of ~100,000 entries on 2 cores, starting workers costs more than it saves (30 ms serial,
// 80 ms with workers: BENCHMARKS.md). Nothing on SQLite.
void serial_plans(Session& s);

// Registrations created per exam and UTC hour ("2024-10-10T08"), withdrawn ones included: the
// service folds hours into the académie's local days.
struct HourCount {
  std::string exam, hour;
  long long count = 0;
};
std::vector<HourCount> registrations_per_hour(Session& s, const DashboardScope& scope);

// Registrations counted by everything the dashboard splits them by, in one GROUP BY.
struct RegistrationGroup {
  std::string exam, speciality, pole, status;
  std::optional<std::string> piece_state;  // NULL until computed
  long long count = 0;
};
std::vector<RegistrationGroup> registration_groups(Session& s, const DashboardScope& scope);

// Pieces awaiting the office's review (kept per registration by the services: pieces with a
// file not judged since it arrived, and the oldest such file), summed over the scope.
struct ReviewQueueFigures {
  long long count = 0;
  std::optional<Instant> oldest;
};
ReviewQueueFigures review_queue_figures(Session& s, const DashboardScope& scope);

// The académie's mails: queued (never tried), failed (tried, waiting for another try), sent.
struct MailFigures {
  long long queued = 0, sent = 0, failed = 0;
};
MailFigures mail_figures(Session& s, const std::string& academy);

// (exam, session) pairs of the académie's registrations, to offer past sessions too.
struct ExamSession {
  std::string exam, session;
};
std::vector<ExamSession> registered_sessions(Session& s, const std::string& academy);

// Registered candidates of the scope whose piece state is one of `states` (a manager's list).
struct ReminderCandidateRow {
  std::string registration_id, registration_number, exam, account_id, last_name, first_name, piece_state, pieces_json;
  std::optional<Instant> last_reminded_at;
};
std::vector<ReminderCandidateRow> reminder_candidates(Session& s, const DashboardScope& scope,
                                                      const std::vector<std::string>& states, int limit);

// One reminder per candidate and académie day: false when one was already recorded that day
// (the primary key decides, whichever server gets there first).
bool record_reminder(Session& s, const std::string& account_id, const std::string& day,
                     const std::string& registration_id, Instant at, const std::string& by);

// Registrations whose piece state was never computed (rows older than migration 10).
std::vector<std::string> registrations_without_piece_state(Session& s, int limit);
// The piece state and the review queue's figures of one registration.
void set_piece_state(Session& s, const std::string& registration_id, const std::string& state, int review_pending,
                     std::optional<Instant> review_pending_since);

// The files and reviews of a few hundred registrations at once (the reminders' list).
std::map<std::string, std::vector<PieceFileRow>> piece_files_of(Session& s, const std::vector<std::string>& ids);
std::map<std::string, std::vector<PieceReviewRow>> piece_reviews_of(Session& s, const std::vector<std::string>& ids);

}  // namespace guichet::db
