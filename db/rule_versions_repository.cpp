#include "db/rule_versions_repository.hpp"

#include <soci/soci.h>

#include "db/row_codec.hpp"

namespace guichet::db {
using db_detail::instant;
using db_detail::integer;
using db_detail::maybe_instant;
using db_detail::text;
using db_detail::to_sql_time;

namespace {

constexpr const char* kColumns =
    "id, academy, number, origin, author_id, author, submitted_at, script, tests, content_hash, note, state, "
    "activate_at, approved_by, approved_at, activated_by, activated_at, confirm_reason";

RuleVersionRow version_from(const soci::row& r) {
  RuleVersionRow v;
  v.id = text(r, 0);
  v.academy = text(r, 1);
  v.number = static_cast<int>(integer(r, 2));
  v.origin = text(r, 3);
  v.author_id = text(r, 4);
  v.author = text(r, 5);
  v.submitted_at = instant(r, 6);
  v.script = text(r, 7);
  v.tests_json = text(r, 8);
  v.content_hash = text(r, 9);
  v.note = text(r, 10);
  v.state = text(r, 11);
  v.activate_at = maybe_instant(r, 12);
  v.approved_by = text(r, 13);
  v.approved_at = maybe_instant(r, 14);
  v.activated_by = text(r, 15);
  v.activated_at = maybe_instant(r, 16);
  v.confirm_reason = text(r, 17);
  return v;
}

// Optional instants as bound values: text or NULL.
struct MaybeTime {
  std::string text;
  soci::indicator ind;
  explicit MaybeTime(const std::optional<Instant>& t)
      : text(t ? to_sql_time(*t) : std::string()), ind(t ? soci::i_ok : soci::i_null) {}
};

std::vector<RuleVersionRow> select_versions(soci::session& s, const std::string& where,
                                            const std::vector<std::string>& values, const std::string& tail = "") {
  std::vector<RuleVersionRow> out;
  auto query = (s.prepare << std::string("SELECT ") + kColumns + " FROM rule_versions WHERE " + where + tail);
  for (const auto& v : values) query, soci::use(v);
  soci::rowset<soci::row> rows(query);
  for (const auto& r : rows) out.push_back(version_from(r));
  return out;
}

}  // namespace

void insert_rule_version(soci::session& s, const RuleVersionRow& v) {
  std::string submitted = to_sql_time(v.submitted_at);
  MaybeTime activate(v.activate_at), approved(v.approved_at), activated(v.activated_at);
  s << std::string("INSERT INTO rule_versions (") + kColumns +
           ") VALUES (:id, :ac, :n, :o, :aid, :a, :sub, :script, :tests, :hash, :note, :state, :act_at, :apby, "
           ":apat, :acby, :acat, :why)",
      soci::use(v.id), soci::use(v.academy), soci::use(v.number), soci::use(v.origin), soci::use(v.author_id),
      soci::use(v.author), soci::use(submitted), soci::use(v.script), soci::use(v.tests_json),
      soci::use(v.content_hash), soci::use(v.note), soci::use(v.state), soci::use(activate.text, activate.ind),
      soci::use(v.approved_by), soci::use(approved.text, approved.ind), soci::use(v.activated_by),
      soci::use(activated.text, activated.ind), soci::use(v.confirm_reason);
}

void update_rule_version(soci::session& s, const RuleVersionRow& v) {
  MaybeTime activate(v.activate_at), approved(v.approved_at), activated(v.activated_at);
  s << "UPDATE rule_versions SET state = :state, activate_at = :act_at, approved_by = :apby, approved_at = :apat, "
       "activated_by = :acby, activated_at = :acat, confirm_reason = :why WHERE id = :id",
      soci::use(v.state), soci::use(activate.text, activate.ind), soci::use(v.approved_by),
      soci::use(approved.text, approved.ind), soci::use(v.activated_by), soci::use(activated.text, activated.ind),
      soci::use(v.confirm_reason), soci::use(v.id);
}

std::optional<RuleVersionRow> find_rule_version(soci::session& s, const std::string& academy, int number) {
  auto found = select_versions(s, "academy = :a AND number = " + std::to_string(number), {academy});
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::optional<RuleVersionRow> find_rule_version_by_id(soci::session& s, const std::string& id) {
  auto found = select_versions(s, "id = :a", {id});
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::vector<RuleVersionRow> list_rule_versions(soci::session& s, const std::string& academy, int limit) {
  auto out = select_versions(s, "academy = :a", {academy}, " ORDER BY number DESC LIMIT " + std::to_string(limit));
  for (auto& v : out) v.script.clear(), v.tests_json.clear();
  return out;
}

int next_rule_version_number(soci::session& s, const std::string& academy) {
  int n = 0;
  soci::indicator ind = soci::i_null;
  s << "SELECT MAX(number) FROM rule_versions WHERE academy = :a", soci::use(academy), soci::into(n, ind);
  return ind == soci::i_ok ? n + 1 : 1;
}

std::vector<RuleVersionRow> due_rule_versions(soci::session& s, Instant now) {
  return select_versions(s, "state = 'scheduled' AND activate_at <= :a", {to_sql_time(now)}, " ORDER BY activate_at");
}

std::vector<RuleLiveRow> all_rule_live(soci::session& s) {
  std::vector<RuleLiveRow> out;
  soci::rowset<soci::row> rows =
      (s.prepare << "SELECT academy, version_id, folder_hash, changed_at FROM rule_live ORDER BY academy");
  for (const auto& r : rows) out.push_back({text(r, 0), text(r, 1), text(r, 2), instant(r, 3)});
  return out;
}

std::optional<RuleLiveRow> find_rule_live(soci::session& s, const std::string& academy) {
  for (auto& row : all_rule_live(s))
    if (row.academy == academy) return row;
  return std::nullopt;
}

void save_rule_live(soci::session& s, const RuleLiveRow& row) {
  std::string changed = to_sql_time(row.changed_at);
  s << "INSERT INTO rule_live (academy, version_id, folder_hash, changed_at) VALUES (:a, :v, :f, :c) "
       "ON CONFLICT (academy) DO UPDATE SET version_id = excluded.version_id, folder_hash = excluded.folder_hash, "
       "changed_at = excluded.changed_at",
      soci::use(row.academy), soci::use(row.version_id), soci::use(row.folder_hash), soci::use(changed);
}

std::string rule_live_signature(soci::session& s) {
  std::string out;
  for (const auto& row : all_rule_live(s)) out += row.academy + "=" + row.version_id + ";";
  // A confirmed folder change goes live at the next look, like an activation.
  long long confirmations = 0;
  s << "SELECT COUNT(*) FROM rule_confirmations", soci::into(confirmations);
  return out + "confirmations=" + std::to_string(confirmations);
}

std::vector<RuleVersionRow> held_rule_versions(soci::session& s, const std::string& academy) {
  return select_versions(s, "academy = :a AND state = 'held'", {academy}, " ORDER BY number");
}

void save_rule_confirmation(soci::session& s, const RuleConfirmationRow& c) {
  std::string at = to_sql_time(c.confirmed_at);
  s << "INSERT INTO rule_confirmations (path, content_hash, reason, author, confirmed_at) VALUES (:p, :h, :r, :a, :t) "
       "ON CONFLICT (path, content_hash) DO UPDATE SET reason = excluded.reason, author = excluded.author, "
       "confirmed_at = excluded.confirmed_at",
      soci::use(c.path), soci::use(c.content_hash), soci::use(c.reason), soci::use(c.author), soci::use(at);
}

std::optional<RuleConfirmationRow> find_rule_confirmation(soci::session& s, const std::string& path,
                                                          const std::string& content_hash) {
  soci::rowset<soci::row> rows =
      (s.prepare << "SELECT path, content_hash, reason, author, confirmed_at FROM rule_confirmations "
                    "WHERE path = :p AND content_hash = :h",
       soci::use(path), soci::use(content_hash));
  for (const auto& r : rows) return RuleConfirmationRow{text(r, 0), text(r, 1), text(r, 2), text(r, 3), instant(r, 4)};
  return std::nullopt;
}

bool require_approval(soci::session& s, const std::string& academy) {
  int required = 0;
  soci::indicator ind = soci::i_null;
  s << "SELECT require_approval FROM academy_settings WHERE academy = :a", soci::use(academy),
      soci::into(required, ind);
  return s.got_data() && ind == soci::i_ok && required != 0;
}

void set_require_approval(soci::session& s, const std::string& academy, bool required) {
  int value = required ? 1 : 0;
  s << "INSERT INTO academy_settings (academy, require_approval) VALUES (:a, :r) ON CONFLICT (academy) DO UPDATE "
       "SET require_approval = excluded.require_approval",
      soci::use(academy), soci::use(value);
}

void announce_rules_change(soci::session& s) {
  if (s.get_backend_name() == "postgresql") s << (std::string("NOTIFY ") + kRulesChannel);
}

}  // namespace guichet::db
