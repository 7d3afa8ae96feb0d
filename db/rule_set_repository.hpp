// The rule-set versions that went live: when, which content hash, which académies.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "db/database.hpp"

namespace guichet {

struct RuleSetActivation {
  std::string content_hash;
  Instant activated_at;
  std::vector<std::string> academies;
  int files = 0;
};

Status record_activation(Database& db, const RuleSetActivation& activation);
// Newest first.
Result<std::vector<RuleSetActivation>> list_activations(Database& db, std::size_t limit);

}  // namespace guichet
