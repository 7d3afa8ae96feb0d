// What an exam office watches while a window is open (issue 18): the dashboard's figures, the
// reminders a manager sends to candidates whose pieces are not done, and the anonymous count an
// académie may publish. Figures come from db/dashboard_queries (grouped in the database); the
// rules give them their labels, windows and modes.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "core/rules.hpp"
#include "db/dashboard_queries.hpp"
#include "db/database.hpp"
#include "mail/message.hpp"
#include "services/audit.hpp"
#include "services/candidate_config.hpp"

namespace guichet::services {

struct DayCount {
  int day = 0;       // days since the exam's opening, in the académie's calendar
  std::string date;  // that day ("2024-10-10"; with several exams, the first exam's)
  long long count = 0, cumulative = 0;
};

struct CountBy {
  std::string code, label;
  long long count = 0;
};

struct SessionWindow {
  std::string exam, exam_name;
  Instant opens_at{}, closes_at{};
  std::string final_mode;  // "upload" | "postal"
  std::optional<Instant> pieces_deadline;
};

struct SessionChoice {
  std::string session;
  std::vector<CountBy> exams;  // code and name (count unused)
};

struct Dashboard {
  std::string academy, academy_name, session, exam, timezone;
  Instant as_of{};
  std::vector<SessionChoice> choices;
  std::vector<SessionWindow> windows;
  long long total = 0, withdrawn = 0;
  std::vector<DayCount> per_day;
  std::optional<std::string> previous_session;  // none: no previous session of these exams
  std::vector<DayCount> previous_per_day;
  std::vector<CountBy> by_exam, by_speciality, by_office, by_mode;
  std::vector<CountBy> pieces;  // code = piece state
  long long review_count = 0;
  std::optional<Instant> review_oldest;
  long long mails_queued = 0, mails_sent = 0, mails_failed = 0;
};

struct ReminderCandidate {
  std::string registration_id, registration_number, exam, exam_name, last_name, first_name, pieces_state;
  std::vector<std::string> missing;  // the labels of the pieces still to give
  Instant deadline{};
  std::optional<Instant> last_reminded_at;
  bool reminded_today = false;
};

struct ReminderList {
  int within_days = 7;
  Instant as_of{};
  std::vector<ReminderCandidate> candidates;
  bool more = false;  // more candidates than listed (the first 500 by name, per exam)
};

struct ReminderSkip {
  std::string registration_id, reason;  // already_today | nothing_missing | not_found | not_upload
};
struct ReminderReport {
  int sent = 0;
  std::vector<ReminderSkip> skipped;
};

struct PublicSessionFigure {
  std::string exam, exam_name, session;
  std::optional<long long> registrations;  // none under kPublicFloor
  std::string text;                        // « 1 234 inscriptions enregistrées »
};
struct PublicFigures {
  std::string academy, name;
  Instant as_of{};
  std::vector<PublicSessionFigure> sessions;
};

// A value per key, kept for `ttl` after it was computed; shared by the request threads.
template <class T>
class TtlCache {
 public:
  explicit TtlCache(std::chrono::steady_clock::duration ttl) : ttl_(ttl) {}
  std::optional<T> find(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end() || std::chrono::steady_clock::now() - it->second.first >= ttl_) return std::nullopt;
    return it->second.second;
  }
  void put(const std::string& key, T value) {
    std::lock_guard lock(mutex_);
    entries_[key] = {std::chrono::steady_clock::now(), std::move(value)};
  }

 private:
  std::chrono::steady_clock::duration ttl_;
  std::mutex mutex_;
  std::map<std::string, std::pair<std::chrono::steady_clock::time_point, T>> entries_;
};

class PilotageService {
 public:
  // Under this many, a public figure says « moins de 10 » (a count of one or two would tell
  // who registered to a small speciality's neighbours).
  static constexpr long long kPublicFloor = 10;

  PilotageService(Database& db, const Clock& clock, Rules& rules, CandidateConfig config);

  // `session` empty: the session open now, else the latest; `exam` empty: all its exams.
  Result<Dashboard> dashboard(const Actor& by, const std::string& session, const std::string& exam);

  // Managers: the candidates to remind (pieces none, incomplete or refused) of upload sessions
  // whose pieces deadline is within `within_days` (0..60) and not passed.
  Result<ReminderList> reminder_candidates(const Actor& by, const std::string& session, const std::string& exam,
                                           int within_days);
  // The reminder mail this registration's candidate would get now.
  Result<mail::Message> reminder_preview(const Actor& by, const std::string& registration_id);
  // Sends it (the outbox), at most once per candidate and académie day, audited.
  Result<ReminderReport> send_reminders(const Actor& by, const std::vector<std::string>& registration_ids);

  // Open to anyone, when the académie's script opts in; cached 10 minutes per académie.
  Result<PublicFigures> public_figures(const std::string& academy);

  // Computes the piece state of registrations saved before it was kept (background job);
  // returns how many were done. Safe with several servers (same value written twice).
  Result<int> fill_piece_states(int limit);

 private:
  // The académie's (exam, session) pairs holding registrations, cached a few minutes.
  Result<std::vector<db::ExamSession>> registered_sessions(const std::string& academy);

  Database& db_;
  const Clock& clock_;
  Rules& rules_;
  CandidateConfig config_;
  // An anonymous endpoint must not drive a COUNT per request.
  TtlCache<PublicFigures> public_cache_{std::chrono::minutes(10)};
  // Which sessions hold registrations changes once a year; the DISTINCT reads every row.
  TtlCache<std::vector<db::ExamSession>> sessions_cache_{std::chrono::minutes(5)};
  // A closed previous session's registrations per hour, by "academy|exam|session": its curve no
  // longer moves (but for a derogation).
  TtlCache<std::vector<db::HourCount>> previous_cache_{std::chrono::minutes(10)};
};

}  // namespace guichet::services
