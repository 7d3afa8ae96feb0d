// The life of an académie's rules: the scripts folder seeds a version of each académie's
// script; staff then submit new versions, analyse their impact, approve, activate at once or
// at a given time, and roll back to any earlier version. The live rule set is the folder's
// exam and library scripts plus each académie's live version. Activations are recorded,
// audited, and reach every server sharing the database (refresh()).
//
// Every change passes one gate (rules_gate.hpp), whatever its way in: a submitted version, an
// edit of an académie file or of a shared file (exam, library) in the folder. An edit of the
// folder that the gate refuses, or that the window guard stops, does not go live: the last
// good content serves, the change is listed (Rules::pending_changes) until the file is fixed,
// reverted or confirmed with a reason (the API for an académie's file, `guichet rules
// confirm` for any file).
#pragma once

#include <boost/json/object.hpp>

#include <filesystem>
#include <functional>
#include <map>
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
#include "services/rules_gate.hpp"

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

  // The folder as it is now, through the gate: changed académie scripts that pass are
  // recorded as new live versions, those the guard stops as held versions; shared files that
  // do not pass keep their live content. Composed with every académie's live version: what
  // the rules load.
  Result<SourceSet> sync_folder();
  // `guichet rules confirm`: the change of `path` (its content in the folder now) may pass the
  // window guard; the reason is recorded. An académie's file is activated as its held version
  // (as the API does); a shared file's confirmation is read by every server at its next look.
  Result<boost::json::object> confirm_folder_change(const Actor& by, const std::string& path, const std::string& reason);
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
  struct Judged;  // one gate verdict on a folder change, cached until the file or the base changes

  Result<SourceSet> sync_locked();
  Result<SourceSet> compose(const SourceSet& folder);
  // What a change is judged against: the live set, or (before one loads) the folder composed.
  Result<SourceSet> base_sources();
  GateVerdict judge_academy(const SourceSet& base, const std::string& academy, const std::string& script,
                            unsigned workers, const std::vector<SourceFile>& extra_tests = {});
  Status gate_shared_files(const SourceSet& folder, const SourceSet& tests, SourceSet& gated,
                           std::vector<PendingChange>& pending);
  Status gate_academy_file(const SourceFile& file, const SourceSet& base, const SourceSet& tests,
                           std::vector<PendingChange>& pending);
  // The number of the académie's held version with this content, 0 when none.
  Result<int> held_number(const std::string& academy, const std::string& content_hash);
  Status record_folder_version(const std::string& academy, const SourceFile& file, const std::string& hash,
                               const std::string& state, const std::string& note);
  Status activate_now(const Actor& by, const std::string& version_id, const std::string& confirm_reason,
                      const std::string& expected_state);

  Database& db_;
  Rules& rules_;
  const Clock& clock_;
  std::filesystem::path scripts_dir_;
  RuleSetOptions options_;
  std::function<void(soci::session&)> notify_;
  std::mutex refresh_mu_;  // one sync or refresh at a time; guards what follows
  std::string loaded_signature_;
  std::map<std::string, std::shared_ptr<Judged>> judged_;  // by file
};

}  // namespace guichet::services
