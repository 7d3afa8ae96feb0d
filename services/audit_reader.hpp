// The audit log as the académie's auditors read it: filtered, paged, exportable as CSV.
#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "services/audit.hpp"

namespace guichet::services {

struct AuditFilter {
  std::string action;  // an action or a prefix ("registration.")
  std::string actor, target;
  std::optional<Instant> from, to;
  long long after = 0;
  int limit = 100;  // 1..1000
};

class AuditReader {
 public:
  explicit AuditReader(Database& db) : db_(db) {}
  // {"entries": [...], "next": <seq> | null}; only the actor's académie.
  Result<boost::json::object> query(const Actor& by, const AuditFilter& filter);
  // Every matching entry, CSV for French spreadsheets (UTF-8 with BOM, ";").
  Result<std::string> export_csv(const Actor& by, AuditFilter filter);

 private:
  Database& db_;
};

}  // namespace guichet::services
