// Versions of each académie's script, the live one per académie, and the académies'
// settings, as rows. Functions take a soci::session so the lifecycle composes them in one
// transaction (with the audit row).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"

namespace soci {
class session;
}

namespace guichet::db {

struct RuleVersionRow {
  std::string id, academy;
  int number = 0;
  std::string origin;  // folder | api | cli
  std::string author_id, author;
  Instant submitted_at{};
  std::string script;      // the text of academies/<academy>.lua
  std::string tests_json;  // [{"path", "text"}]: test files given with the version
  std::string content_hash, note;
  // staged | scheduled | active | superseded; held: a change of the scripts folder the window
  // guard stopped (activated with a confirmed reason); discarded: a held change the folder
  // no longer holds.
  std::string state;
  std::optional<Instant> activate_at;
  std::string approved_by;
  std::optional<Instant> approved_at;
  std::string activated_by;
  std::optional<Instant> activated_at;
  std::string confirm_reason;
};

void insert_rule_version(soci::session& s, const RuleVersionRow& v);
void update_rule_version(soci::session& s, const RuleVersionRow& v);
std::optional<RuleVersionRow> find_rule_version(soci::session& s, const std::string& academy, int number);
std::optional<RuleVersionRow> find_rule_version_by_id(soci::session& s, const std::string& id);
// Newest first, without the script texts (a listing).
std::vector<RuleVersionRow> list_rule_versions(soci::session& s, const std::string& academy, int limit);
int next_rule_version_number(soci::session& s, const std::string& academy);
// Scheduled versions whose time came, oldest first.
std::vector<RuleVersionRow> due_rule_versions(soci::session& s, Instant now);

struct RuleLiveRow {
  std::string academy, version_id, folder_hash;
  Instant changed_at{};
};

std::vector<RuleLiveRow> all_rule_live(soci::session& s);
std::optional<RuleLiveRow> find_rule_live(soci::session& s, const std::string& academy);
void save_rule_live(soci::session& s, const RuleLiveRow& row);
// A cheap signature of what is live everywhere: changes whenever an activation commits.
std::string rule_live_signature(soci::session& s);

// The held versions of an académie (changes of the folder waiting for a confirmed reason).
std::vector<RuleVersionRow> held_rule_versions(soci::session& s, const std::string& academy);

// A guarded change of a shared file of the folder (an exam or a library), confirmed with a
// reason by `guichet rules confirm`: that content of that file may go live.
struct RuleConfirmationRow {
  std::string path, content_hash, reason, author;
  Instant confirmed_at{};
};
void save_rule_confirmation(soci::session& s, const RuleConfirmationRow& c);
std::optional<RuleConfirmationRow> find_rule_confirmation(soci::session& s, const std::string& path,
                                                          const std::string& content_hash);

// Wakes every server listening on the rules channel (db::PgListener) once the transaction
// commits: PostgreSQL's NOTIFY; nothing on SQLite, whose servers look at the database's
// signature on their own.
inline constexpr const char* kRulesChannel = "guichet_rules";
void announce_rules_change(soci::session& s);

bool require_approval(soci::session& s, const std::string& academy);
void set_require_approval(soci::session& s, const std::string& academy, bool required);

}  // namespace guichet::db
