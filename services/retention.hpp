// Personal data kept only as long as the académie's script says (`conservation`, defaults in
// core/domain.hpp): once a session's registration window has been closed for that many
// months, its pieces and documents are deleted, later its registrations; accounts with no
// registration left go after their own delay of inactivity. Each deletion is audited with the
// académie's reason. Safe with several servers: each step is an idempotent delete in one
// transaction with its audit row, counted from what that transaction removed.
#pragma once

#include <string>

#include <date/tz.h>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "core/rules.hpp"
#include "db/database.hpp"

namespace guichet::db {
class FileStore;
}

namespace guichet::services {

struct RetentionStep {
  std::string academy, exam, session;  // empty for accounts
  std::string category;                // "pieces", "inscriptions" or "comptes"
  long long count = 0;                 // files, registrations or accounts
  Instant due_since{};                 // from when the delay allows it
  int months = 0;
  std::string reason;
};

struct RetentionReport {
  bool dry_run = true;
  std::vector<RetentionStep> steps;  // only where something is (or would be) deleted
};

class RetentionService {
 public:
  RetentionService(Database& db, db::FileStore& files, Rules& rules, const Clock& clock);
  // `dry_run`: says what would go and deletes nothing.
  Result<RetentionReport> run(bool dry_run);

 private:
  Database& db_;
  db::FileStore& files_;
  Rules& rules_;
  const Clock& clock_;
};

// `t` plus `months` calendar months (the day clamped to the month's end), at the same time of
// day in `zone` (UTC when null).
Instant add_months(Instant t, int months, const date::time_zone* zone = nullptr);

// One line of French per step ("poitiers bac_pro 2025 : 12 fichier(s) de pièces ... supprimé(s)").
std::string describe(const RetentionStep& step, bool dry_run);

}  // namespace guichet::services
