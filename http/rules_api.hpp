// The Operations and Rules endpoints of api.md, on top of the live rule set.
#pragma once


#include <boost/json/array.hpp>

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/rules.hpp"
#include "http/json_error.hpp"

namespace guichet::api {

using http::Request;
using http::Response;

struct Readiness {
  std::function<bool()> database_ok;  // null when there is no database check
};

class RulesApi {
 public:
  RulesApi(Rules& rules, const Clock& clock, Readiness readiness);

  // Fills `res` and returns true when `req` is one of this API's routes; sets `route` to
  // the route template (for metrics and logs) either way.
  bool handle(const Request& req, Response& res, unsigned worker, std::string& route);

  // Prometheus lines for the rules: evaluations, reloads, the live version.
  std::string render_metrics() const;

 private:
  boost::json::array academy_faults_json() const;
  boost::json::array pending_changes_json() const;

  Rules& rules_;
  const Clock& clock_;
  Readiness readiness_;
  std::atomic<unsigned long long> evaluations_ok_{0}, evaluations_failed_{0};

  // The services list only changes with the rule set and the second asked about, and portals
  // poll it: each worker keeps its last answer (touched by that worker only, so no lock).
  struct ServicesCache {
    std::shared_ptr<const RuleSet> rules;
    long long at = 0;
    std::string body;
  };
  std::vector<ServicesCache> services_cache_;
};

}  // namespace guichet::api
