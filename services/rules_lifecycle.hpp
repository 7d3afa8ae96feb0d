// The life of an académie's rules: the scripts folder seeds a version of each académie's
// script; staff then submit new versions (validated: loaded with the rest of the rules, and
// the scripts' own tests run), analyse their impact, approve, activate at once or at a given
// time, and roll back to any earlier version. The live rule set is the folder's exam scripts
// plus each académie's live version. Activations are recorded, audited, and reach every
// server sharing the database (refresh()).
#pragma once

#include <boost/json/object.hpp>

#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "core/rules.hpp"
#include "core/sources.hpp"
#include "db/database.hpp"
#include "services/audit.hpp"

namespace guichet::services {

struct Submission {
  std::string script;                 // the text of academies/<académie>.lua
  std::vector<SourceFile> tests;      // extra test files, paths "tests/<name>.lua"
  std::string note;                   // what changes, for the history
  std::string origin = "api";         // api | cli
};

struct Activation {
  int number = 0;
  std::optional<Instant> at;          // later: scheduled; absent or past: now
  std::string confirm_reason;         // needed when the window guard trips
};

class RulesLifecycle {
 public:
  RulesLifecycle(Database& db, Rules& rules, const Clock& clock, std::filesystem::path scripts_dir,
                 RuleSetOptions validation_options);

  // The folder as it is now, with changed académie scripts recorded as new live versions
  // (valid ones only), composed with every académie's live version: what the rules load.
  Result<SourceSet> sync_folder();
  // Loads what is live in the database into the rules when it changed (another server's
  // activation, a scheduled one). Cheap when nothing changed.
  Status refresh(bool force = false);
  // Scheduled activations whose time came (a job; safe with several servers).
  Status apply_due();

  Result<boost::json::object> submit(const Actor& by, const Submission& s);
  Result<boost::json::array> list(const Actor& by);
  Result<boost::json::object> get(const Actor& by, int number);
  Result<boost::json::object> impact(const Actor& by, int number);
  Result<boost::json::object> approve(const Actor& by, int number);
  // Activation and rollback alike: any version but the live one.
  Result<boost::json::object> activate(const Actor& by, const Activation& a);
  Result<boost::json::object> settings(const Actor& by);
  Result<boost::json::object> set_require_approval(const Actor& by, bool required);

  // Called after an activation committed (PostgreSQL: NOTIFY for the other servers).
  void set_on_activated(std::function<void(soci::session&)> notify) { notify_ = std::move(notify); }

  // The zone an académie's staff read times in (its own; Europe/Paris when unknown).
  const date::time_zone* zone_of(const std::string& academy) const;

 private:
  Result<SourceSet> compose(const SourceSet& folder);
  Result<std::shared_ptr<const RuleSet>> build_with(const std::string& academy, const std::string& script,
                                                    unsigned workers, std::vector<Diagnostic>& faults);
  Status activate_now(const Actor& by, const std::string& version_id, const std::string& confirm_reason,
                      const std::string& expected_state);

  Database& db_;
  Rules& rules_;
  const Clock& clock_;
  std::filesystem::path scripts_dir_;
  RuleSetOptions options_;
  std::function<void(soci::session&)> notify_;
  std::mutex refresh_mu_;
  std::string loaded_signature_;
};

}  // namespace guichet::services
