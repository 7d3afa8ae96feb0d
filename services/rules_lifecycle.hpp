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

#include <filesystem>
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
#include "services/impact_analysis.hpp"
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

// A version of an académie's script as staff read it. Times are read in `zone`, the
// académie's.
struct RuleVersion {
  int number = 0;
  std::string academy;
  std::string origin;  // folder | api | cli
  std::string author_id, author;
  Instant submitted_at{};
  std::string content_hash, note;
  std::string state;  // staged | scheduled | held | active | superseded | discarded
  std::optional<Instant> activate_at;
  std::string approved_by;  // "" when not approved
  std::optional<Instant> approved_at;
  std::string activated_by;  // "" when never activated
  std::optional<Instant> activated_at;
  std::string confirm_reason;
  // The texts, read one version at a time (get); absent in listings and other answers.
  struct Texts {
    std::string script;
    std::vector<SourceFile> tests;  // paths "tests/<name>.lua"
  };
  std::optional<Texts> texts;
  const date::time_zone* zone = nullptr;
};

struct SubmittedVersion {
  RuleVersion version;
  int tests_run = 0;  // the scripts' test cases the version passed
};

// An activation (now or scheduled) with the impact report it was judged on.
struct ActivatedVersion {
  RuleVersion version;
  ImpactReport impact;
};

// A draft judged by the gate and stored nowhere (the workbench's « Vérifier »).
struct DraftCheck {
  bool loads = false;
  int tests_run = 0;
  std::vector<Diagnostic> faults;  // empty: it would be accepted
};

// A draft loaded beside the live rules, for the simulator: null `built` when it does not load
// (then `faults` say why).
struct DraftRules {
  std::shared_ptr<const RuleSet> built;
  std::vector<Diagnostic> faults;
};

struct ApprovalSetting {
  std::string academy;
  bool require_approval = false;
};

// `guichet rules confirm`: an académie's file is activated as its held version; a shared
// file's confirmation is recorded for every server to read.
struct FolderConfirmation {
  std::optional<ActivatedVersion> activated;  // an académie's file
  std::string file, content_hash, confirm_reason, confirmed_by;  // a shared file
  Instant confirmed_at{};
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
  Result<FolderConfirmation> confirm_folder_change(const Actor& by, const std::string& path, const std::string& reason);
  // Loads what is live in the database into the rules when it changed (another server's
  // activation, a scheduled one). Cheap when nothing changed.
  Status refresh(bool force = false);
  // Scheduled activations whose time came (a job; safe with several servers).
  Status apply_due();

  Result<SubmittedVersion> submit(const Actor& by, const Submission& s);
  // The gate of submit() without storing anything (rules_editor).
  Result<DraftCheck> check(const Actor& by, const Submission& s);
  // The scripts folder's test cases (tests/*.lua and their helpers), which every version is
  // judged with: what a rules editor reads to update a case a change breaks.
  Result<std::vector<SourceFile>> folder_tests(const Actor& by);
  // The académie's draft script loaded with the rest of the live rules (load and consistency
  // only, no tests), for evaluations that compare it with the live version.
  Result<DraftRules> load_draft(const Actor& by, const std::string& script);
  // Newest first (200 at most), without the texts.
  Result<std::vector<RuleVersion>> list(const Actor& by);
  // With the texts.
  Result<RuleVersion> get(const Actor& by, int number);
  Result<ImpactReport> impact(const Actor& by, int number);
  Result<RuleVersion> approve(const Actor& by, int number);
  // Activation and rollback alike: any version but the live one. On PostgreSQL every
  // activation and confirmation wakes the other servers sharing the database (db::
  // announce_rules_change, in its transaction).
  Result<ActivatedVersion> activate(const Actor& by, const Activation& a);
  Result<ApprovalSetting> settings(const Actor& by);
  Result<ApprovalSetting> set_require_approval(const Actor& by, bool required);

  // The zone an académie's staff read times in (its own; Europe/Paris when unknown).
  const date::time_zone* zone_of(const std::string& academy) const;

 private:
  struct Judged;  // one gate verdict on a folder change, cached until the file or the base changes

  Status validate(const Submission& s) const;
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
  std::mutex refresh_mu_;  // one sync or refresh at a time; guards what follows
  std::string loaded_signature_;
  std::map<std::string, std::shared_ptr<Judged>> judged_;  // by file
};

}  // namespace guichet::services
