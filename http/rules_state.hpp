// What the public rules routes keep between requests: evaluation counters (for /metrics) and,
// per worker, the last answer of GET /api/v1/services (portals poll it; it only changes with
// the rule set and the second asked about). Each cache slot is touched by its worker only,
// so no lock.
#pragma once

#include <boost/json/array.hpp>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "core/rules.hpp"

namespace guichet::http {

class RulesState {
 public:
  explicit RulesState(Rules& rules) : rules_(rules), services_cache_(rules.workers()) {}

  struct ServicesCache {
    std::shared_ptr<const RuleSet> rules;
    long long at = 0;
    std::string body;
  };
  ServicesCache& services_cache(unsigned worker) { return services_cache_[worker]; }

  void count_evaluation(bool ok) { (ok ? evaluations_ok_ : evaluations_failed_).fetch_add(1, std::memory_order_relaxed); }

  // Prometheus lines for the rules: evaluations, reloads, the live version, faults.
  std::string render_metrics() const;
  // /readyz: per académie, faults by kind, the last one, and whether its rules are suspended.
  boost::json::array academy_faults_json() const;
  // /readyz: changes of the scripts folder that are not live, each with why, since when and
  // what serves.
  boost::json::array pending_changes_json() const;

 private:
  Rules& rules_;
  std::atomic<unsigned long long> evaluations_ok_{0}, evaluations_failed_{0};
  std::vector<ServicesCache> services_cache_;
};

}  // namespace guichet::http
