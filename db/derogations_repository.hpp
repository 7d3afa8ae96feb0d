// Derogations: an office lets one candidate register or modify one session after its close,
// until a given time. One row per (candidate, session); granting again replaces it.
#pragma once

#include <optional>
#include <string>

#include "core/clock.hpp"

namespace soci {
class session;
}

namespace guichet::db {

struct DerogationRow {
  std::string account_id, academy, exam, session;
  Instant until{};
  std::string reason{}, granted_by{};
  Instant granted_at{};
};

std::optional<DerogationRow> find_derogation(soci::session& s, const std::string& account_id,
                                             const std::string& academy, const std::string& exam,
                                             const std::string& session);
void save_derogation(soci::session& s, const DerogationRow& d);

}  // namespace guichet::db
