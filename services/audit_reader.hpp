// The audit log as the académie's auditors read it: filtered, paged, exportable as CSV.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "core/rules.hpp"
#include "services/audit.hpp"
#include "services/download.hpp"

namespace guichet::services {

struct AuditFilter {
  std::string action;  // an action or a prefix ("registration.")
  std::string actor, target;
  std::optional<Instant> from, to;
  long long after = 0;
  int limit = 100;  // 1..1000
};

// One entry of the log. `before` and `after` are the stored JSON texts of what changed: data
// of each action's own shape, not a view.
struct AuditEntry {
  long long seq = 0;
  Instant at{};
  std::string actor_id, actor;
  std::string action;
  std::string target_type, target_id;
  std::string reason;
  std::string before_json = "null", after_json = "null";
};

struct AuditPage {
  std::vector<AuditEntry> entries;
  std::optional<long long> next;  // the `after` of the next page, when this one is full
  const date::time_zone* zone = nullptr;  // the académie's: times are read in it
};

class AuditReader {
 public:
  // `rules` gives each académie's zone: times are read in it (UTC without rules).
  explicit AuditReader(Database& db, const Rules* rules = nullptr) : db_(db), rules_(rules) {}
  // One page, oldest first; only the actor's académie.
  Result<AuditPage> query(const Actor& by, const AuditFilter& filter);
  // Every matching entry, CSV for French spreadsheets (UTF-8 with BOM, ";"), dates as
  // JJ/MM/AAAA HH:MM:SS in the académie's zone with the offset beside them; named
  // "journal-audit-<académie>.csv".
  Result<Download> export_csv(const Actor& by, AuditFilter filter);

 private:
  const date::time_zone* zone_of(const Actor& by) const;
  Database& db_;
  const Rules* rules_;
};

}  // namespace guichet::services
