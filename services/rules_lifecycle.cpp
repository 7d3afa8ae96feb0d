#include "services/rules_lifecycle.hpp"
#include "services/academy_zone.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>
#include <soci/soci.h>
#include <spdlog/spdlog.h>

#include <regex>
#include <thread>

#include "core/script_tests.hpp"
#include "core/time_format.hpp"
#include "db/rule_versions_repository.hpp"
#include "services/crypto.hpp"
#include "services/event_log.hpp"
#include "services/impact_analysis.hpp"
#include "services/staff_roles.hpp"

namespace guichet::services {
namespace json = boost::json;

namespace {

constexpr std::size_t kMaxTestFiles = 50;

Error forbidden() { return {"forbidden", "Votre rôle ne permet pas cette action."}; }
Error version_not_found() { return {"not_found", "Cette version des règles n'existe pas."}; }

std::string script_path(const std::string& academy) { return "academies/" + academy + ".lua"; }

std::string utc(Instant t) {
  return format_rfc3339(std::chrono::floor<std::chrono::seconds>(t), *find_zone("Etc/UTC"));
}

// Times in the académie's zone with its offset, as staff read them everywhere.
json::object version_json(const db::RuleVersionRow& v, bool with_text, const date::time_zone* zone) {
  auto at = [zone](Instant t) { return local_rfc3339(t, zone); };
  auto maybe = [&](const std::optional<Instant>& t) { return t ? json::value(at(*t)) : json::value(nullptr); };
  json::object out{{"number", v.number},
                   {"academy", v.academy},
                   {"origin", v.origin},
                   {"author", json::object{{"id", v.author_id}, {"name", v.author}}},
                   {"submitted_at", at(v.submitted_at)},
                   {"content_hash", v.content_hash},
                   {"note", v.note},
                   {"state", v.state},
                   {"activate_at", maybe(v.activate_at)},
                   {"approved_by", v.approved_by.empty() ? json::value(nullptr) : json::value(v.approved_by)},
                   {"approved_at", maybe(v.approved_at)},
                   {"activated_by", v.activated_by.empty() ? json::value(nullptr) : json::value(v.activated_by)},
                   {"activated_at", maybe(v.activated_at)},
                   {"confirm_reason", v.confirm_reason}};
  if (with_text) {
    out["script"] = v.script;
    out["tests"] = v.tests_json.empty() ? json::array() : json::parse(v.tests_json);
  }
  return out;
}

Error faults_error(const std::string& message, const std::vector<std::pair<std::string, std::string>>& faults) {
  Error e{"validation_failed", message};
  for (const auto& [where, what] : faults) e.fields[where] = what;
  return e;
}

}  // namespace

const date::time_zone* RulesLifecycle::zone_of(const std::string& academy) const {
  return academy_zone(rules_, academy);
}

RulesLifecycle::RulesLifecycle(Database& db, Rules& rules, const Clock& clock, std::filesystem::path scripts_dir,
                               RuleSetOptions validation_options)
    : db_(db), rules_(rules), clock_(clock), scripts_dir_(std::move(scripts_dir)), options_(validation_options) {}

Result<SourceSet> RulesLifecycle::compose(const SourceSet& folder) {
  std::vector<std::pair<std::string, std::string>> live;
  Status st = db_.with_session([&](soci::session& s) {
    for (const auto& row : db::all_rule_live(s))
      if (auto v = db::find_rule_version_by_id(s, row.version_id)) live.emplace_back(row.academy, v->script);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  SourceSet out = folder;
  for (auto& [academy, script] : live) out.add({script_path(academy), std::move(script)});
  return out;
}

Result<std::shared_ptr<const RuleSet>> RulesLifecycle::build_with(const std::string& academy, const std::string& script,
                                                                 unsigned workers, std::vector<Diagnostic>& faults) {
  auto folder = read_sources(scripts_dir_);
  if (!folder.ok()) return folder.error();
  auto composed = compose(*folder);
  if (!composed.ok()) return composed.error();
  composed->add({script_path(academy), script});
  RuleSetOptions options = options_;
  options.workers = std::max(1u, workers);
  BuildResult built = build_rule_set(*composed, options);
  for (const auto& d : built.diagnostics)
    if (d.file == script_path(academy) || !built.rules) faults.push_back(d);
  if (built.rules && faults.empty()) {
    const Academy* a = built.rules->academy(academy);
    if (!a || a->source.file != script_path(academy))
      faults.push_back({script_path(academy), 0, "Le script doit déclarer l'académie « " + academy + " »."});
  }
  return built.rules;
}

Result<SourceSet> RulesLifecycle::sync_folder() {
  auto folder = read_sources(scripts_dir_);
  if (!folder.ok()) return folder.error();
  const Instant now = clock_.now();
  std::vector<Diagnostic> held;  // académie files of the folder that do not build
  for (const auto& file : folder->files) {
    static const std::regex kAcademyFile("academies/([a-z0-9_-]+)\\.lua");
    std::smatch m;
    if (!std::regex_match(file.path, m, kAcademyFile)) continue;
    const std::string academy = m[1];
    const std::string hash = sha256_hex(file.text);
    std::optional<db::RuleLiveRow> live;
    Status st = db_.with_session([&](soci::session& s) {
      live = db::find_rule_live(s, academy);
      return Status::Ok();
    });
    if (!st.ok()) return st.error();
    if (live && live->folder_hash == hash) continue;  // the folder did not change for this académie
    std::vector<Diagnostic> faults;
    auto built = build_with(academy, file.text, 1, faults);
    if (!built.ok()) return built.error();
    if (!faults.empty()) {  // the live version keeps serving; the fault is shown until fixed
      held.insert(held.end(), faults.begin(), faults.end());
      continue;
    }
    st = db_.transaction([&](soci::session& s) -> Status {
      auto current = db::find_rule_live(s, academy);
      if (current && current->folder_hash == hash) return Status::Ok();  // another server recorded it
      std::optional<db::RuleVersionRow> previous;
      if (current) previous = db::find_rule_version_by_id(s, current->version_id);
      if (previous && previous->content_hash == hash) {
        // The folder caught up with what is live: remember it, nothing to activate.
        db::save_rule_live(s, {academy, previous->id, hash, current->changed_at});
        return Status::Ok();
      }
      db::RuleVersionRow v;
      v.id = random_id();
      v.academy = academy;
      v.number = db::next_rule_version_number(s, academy);
      v.origin = "folder";
      v.author_id = "folder";
      v.author = "dossier des scripts";
      v.submitted_at = now;
      v.script = file.text;
      v.tests_json = "[]";
      v.content_hash = hash;
      v.note = previous ? "Modification du fichier dans le dossier des scripts." : "Version initiale (dossier des scripts).";
      v.state = "active";
      v.activated_by = "folder";
      v.activated_at = now;
      db::insert_rule_version(s, v);
      if (previous) {
        previous->state = "superseded";
        db::update_rule_version(s, *previous);
      }
      db::save_rule_live(s, {academy, v.id, hash, now});
      Event activated = make_event("rules.activated", "rules:" + academy,
                                   {{"academy", academy}, {"number", v.number}, {"content_hash", hash}, {"origin", "folder"}},
                                   now);
      record_event(s, activated);
      audit(s, {"system", "dossier des scripts", academy, 0}, now,
            {"rules.activate", "rule_version", std::to_string(v.number), v.note,
             previous ? json::value(json::object{{"number", previous->number}}) : json::value(nullptr),
             json::object{{"number", v.number}, {"origin", "folder"}}});
      if (notify_) notify_(s);
      return Status::Ok();
    });
    if (!st.ok()) return st.error();
  }
  // Shown on /readyz and in the log as long as the file stays faulty, cleared once fixed or
  // reverted: the same report as a refused exam file.
  if (rules_.set_held_faults(held))
    for (const auto& d : held) spdlog::error("modification refusée : {}", d.str());
  auto composed = compose(*folder);
  if (!composed.ok()) return composed.error();
  Status st = db_.with_session([&](soci::session& s) {
    std::lock_guard lock(refresh_mu_);
    loaded_signature_ = db::rule_live_signature(s);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return composed;
}

Status RulesLifecycle::refresh(bool force) {
  std::lock_guard lock(refresh_mu_);
  std::string signature;
  Status st = db_.with_session([&](soci::session& s) {
    signature = db::rule_live_signature(s);
    return Status::Ok();
  });
  if (!st.ok()) return st;
  if (!force && signature == loaded_signature_) return Status::Ok();
  auto folder = read_sources(scripts_dir_);
  if (!folder.ok()) return folder.error();
  auto composed = compose(*folder);
  if (!composed.ok()) return composed.error();
  ReloadReport report = rules_.reload(*composed);
  for (const auto& d : report.refused) spdlog::error("règles refusées : {}", d.str());
  if (report.activated) spdlog::info("règles actives : version {}", report.version);
  loaded_signature_ = signature;
  return Status::Ok();
}

Result<json::object> RulesLifecycle::submit(const Actor& by, const Submission& sub) {
  if (!allows(by.roles, Right::change_rules)) return forbidden();
  if (sub.script.empty() || sub.script.size() > kMaxScriptBytes)
    return Error{"validation_failed", "Script vide ou trop long.", {{"script", "1 Mio au plus."}}};
  if (sub.tests.size() > kMaxTestFiles || sub.note.size() > 1000)
    return Error{"validation_failed", "Trop de fichiers de test ou note trop longue."};
  static const std::regex kTestPath("tests/[a-z0-9_-]+\\.lua");
  for (const auto& t : sub.tests)
    if (!std::regex_match(t.path, kTestPath) || t.text.size() > kMaxScriptBytes)
      return Error{"validation_failed", "Fichier de test invalide.", {{t.path, "Chemin attendu : tests/<nom>.lua (1 Mio au plus)."}}};

  // 1. It loads, with everything else.
  std::vector<Diagnostic> faults;
  auto built = build_with(by.academy, sub.script, 1, faults);
  if (!built.ok()) return built.error();
  if (!faults.empty() || !*built) {
    std::vector<std::pair<std::string, std::string>> f;
    for (const auto& d : faults) f.emplace_back(d.file + ":" + std::to_string(d.line), d.message);
    return faults_error("Le script est refusé : il ne se charge pas.", f);
  }
  // 2. The scripts' own tests pass (the folder's and those given with the version).
  auto tests = read_sources(scripts_dir_, true);
  if (!tests.ok()) return tests.error();
  for (const auto& t : sub.tests) tests->add(t);
  std::vector<Diagnostic> case_faults;
  auto cases = (*built)->load_cases(*tests, case_faults);
  std::vector<std::pair<std::string, std::string>> failed;
  for (const auto& d : case_faults) failed.emplace_back(d.file + ":" + std::to_string(d.line), d.message);
  int run = 0;
  if (cases.ok()) {
    std::vector<ScriptCase> mine;
    for (const auto& c : *cases)
      if (c.academy == by.academy) mine.push_back(c);
    for (const auto& o : run_script_cases(**built, mine)) {
      ++run;
      for (const auto& f : o.failures) failed.emplace_back(o.name + " (" + o.source.str() + ")", f);
    }
  }
  if (!failed.empty()) return faults_error("Le script est refusé : des tests échouent.", failed);

  // 3. Stored, staged.
  const Instant now = clock_.now();
  json::array tests_json;
  for (const auto& t : sub.tests) tests_json.push_back({{"path", t.path}, {"text", t.text}});
  db::RuleVersionRow v;
  v.id = random_id();
  v.academy = by.academy;
  v.origin = sub.origin;
  v.author_id = by.id;
  v.author = by.name;
  v.submitted_at = now;
  v.script = sub.script;
  v.tests_json = json::serialize(tests_json);
  v.content_hash = sha256_hex(sub.script);
  v.note = sub.note;
  v.state = "staged";
  Status st = db_.transaction([&](soci::session& s) {
    v.number = db::next_rule_version_number(s, by.academy);
    db::insert_rule_version(s, v);
    audit(s, by, now,
          {"rules.submit", "rule_version", std::to_string(v.number), sub.note, nullptr,
           json::object{{"number", v.number}, {"content_hash", v.content_hash}, {"tests_run", run}}});
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  json::object out = version_json(v, false, academy_zone(rules_, v.academy));
  out["tests_run"] = run;
  return out;
}

Result<json::array> RulesLifecycle::list(const Actor& by) {
  if (!allows(by.roles, Right::read_rules)) return forbidden();
  json::array out;
  Status st = db_.with_session([&](soci::session& s) {
    for (const auto& v : db::list_rule_versions(s, by.academy, 200)) out.push_back(version_json(v, false, academy_zone(rules_, v.academy)));
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return out;
}

Result<json::object> RulesLifecycle::get(const Actor& by, int number) {
  if (!allows(by.roles, Right::read_rules)) return forbidden();
  std::optional<db::RuleVersionRow> v;
  Status st = db_.with_session([&](soci::session& s) {
    v = db::find_rule_version(s, by.academy, number);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  if (!v) return version_not_found();
  return version_json(*v, true, academy_zone(rules_, v->academy));
}

Result<json::object> RulesLifecycle::impact(const Actor& by, int number) {
  if (!allows(by.roles, Right::read_rules)) return forbidden();
  std::optional<db::RuleVersionRow> v;
  Status st = db_.with_session([&](soci::session& s) {
    v = db::find_rule_version(s, by.academy, number);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  if (!v) return version_not_found();
  auto live = rules_.current();
  if (!live) return Error{"not_ready", "Les règles ne sont pas encore chargées."};
  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  std::vector<Diagnostic> faults;
  auto staged = build_with(by.academy, v->script, threads, faults);
  if (!staged.ok()) return staged.error();
  if (!*staged || !faults.empty())
    return Error{"validation_failed", "Cette version ne se charge plus avec les règles actuelles (scripts d'examen modifiés depuis)."};
  auto report = analyse_impact(db_, *live, **staged, by.academy,
                               std::chrono::floor<std::chrono::seconds>(clock_.now()), threads);
  if (!report.ok()) return report.error();
  report->emplace("version", v->number);
  return report;
}

Result<json::object> RulesLifecycle::approve(const Actor& by, int number) {
  if (!allows(by.roles, Right::change_rules)) return forbidden();
  const Instant now = clock_.now();
  db::RuleVersionRow out;
  Status st = db_.transaction([&](soci::session& s) -> Status {
    auto v = db::find_rule_version(s, by.academy, number);
    if (!v) return version_not_found();
    if (v->author_id == by.id)
      return Error{"conflict", "L'approbation doit venir d'une autre personne que l'auteur de la version."};
    if (v->state == "active") return Error{"conflict", "Cette version est déjà active."};
    v->approved_by = by.id;
    v->approved_at = now;
    db::update_rule_version(s, *v);
    audit(s, by, now, {"rules.approve", "rule_version", std::to_string(number), "", nullptr, json::object{{"number", number}}});
    out = *v;
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return version_json(out, false, academy_zone(rules_, out.academy));
}

Result<json::object> RulesLifecycle::activate(const Actor& by, const Activation& a) {
  if (!allows(by.roles, Right::change_rules)) return forbidden();
  if (a.confirm_reason.size() > 1000) return Error{"validation_failed", "Motif trop long."};
  const Instant now = clock_.now();
  std::optional<db::RuleVersionRow> v;
  bool approval = false;
  Status st = db_.with_session([&](soci::session& s) {
    v = db::find_rule_version(s, by.academy, a.number);
    approval = db::require_approval(s, by.academy);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  if (!v) return version_not_found();
  if (v->state == "active") return Error{"conflict", "Cette version est déjà active."};
  if (approval && (v->approved_by.empty() || v->approved_by == by.id))
    return Error{"approval_required", "Votre académie demande qu'une autre personne approuve la version avant son "
                                      "activation."};
  // The window guard: judged now against what is live.
  auto report = impact(by, a.number);
  if (!report.ok()) return report.error();
  const auto& guard = report->at("guard").as_object();
  if (guard.at("required").as_bool() && a.confirm_reason.empty()) {
    Error e{"window_guard", "Cette version modifie une session ouverte : confirmez avec un motif (confirm_reason) "
                            "après avoir lu l'analyse d'impact, qui liste les candidats à prévenir."};
    int i = 0;
    for (const auto& r : guard.at("reasons").as_array()) e.fields["guard_" + std::to_string(++i)] = std::string(r.as_string());
    return e;
  }
  if (a.at && *a.at > now) {
    db::RuleVersionRow scheduled;
    st = db_.transaction([&](soci::session& s) -> Status {
      auto row = db::find_rule_version(s, by.academy, a.number);
      if (!row || row->state == "active") return Error{"conflict", "Cette version est déjà active."};
      row->state = "scheduled";
      row->activate_at = a.at;
      row->confirm_reason = a.confirm_reason;
      row->activated_by = by.id;
      db::update_rule_version(s, *row);
      audit(s, by, now,
            {"rules.schedule", "rule_version", std::to_string(a.number), a.confirm_reason, nullptr,
             json::object{{"number", a.number}, {"activate_at", utc(*a.at)}}});
      scheduled = *row;
      return Status::Ok();
    });
    if (!st.ok()) return st.error();
    json::object out = version_json(scheduled, false, academy_zone(rules_, scheduled.academy));
    out["impact"] = std::move(*report);
    return out;
  }
  st = activate_now(by, v->id, a.confirm_reason, v->state);
  if (!st.ok()) return st.error();
  if (Status r = refresh(true); !r.ok()) spdlog::error("rechargement des règles : {}", r.error().message);
  auto after = get(by, a.number);
  if (!after.ok()) return after.error();
  after->erase("script");
  after->erase("tests");
  after->emplace("impact", std::move(*report));
  return after;
}

Status RulesLifecycle::activate_now(const Actor& by, const std::string& version_id, const std::string& confirm_reason,
                                    const std::string& expected_state) {
  const Instant now = clock_.now();
  return db_.transaction([&](soci::session& s) -> Status {
    auto v = db::find_rule_version_by_id(s, version_id);
    if (!v) return version_not_found();
    // Another server (or a concurrent request) may have done it already.
    if (v->state != expected_state) return Error{"conflict", "Cette version a changé d'état entre-temps."};
    auto live = db::find_rule_live(s, v->academy);
    std::optional<db::RuleVersionRow> previous;
    if (live) previous = db::find_rule_version_by_id(s, live->version_id);
    if (previous) {
      previous->state = "superseded";
      db::update_rule_version(s, *previous);
    }
    v->state = "active";
    v->activated_by = by.id;
    v->activated_at = now;
    v->activate_at.reset();
    v->confirm_reason = confirm_reason;
    db::update_rule_version(s, *v);
    db::save_rule_live(s, {v->academy, v->id, live ? live->folder_hash : "", now});
    Event activated = make_event("rules.activated", "rules:" + v->academy,
                                 {{"academy", v->academy},
                                  {"number", v->number},
                                  {"content_hash", v->content_hash},
                                  {"origin", v->origin}},
                                 now);
    record_event(s, activated);
    audit(s, by, now,
          {"rules.activate", "rule_version", std::to_string(v->number), confirm_reason,
           previous ? json::value(json::object{{"number", previous->number}}) : json::value(nullptr),
           json::object{{"number", v->number}, {"content_hash", v->content_hash}}});
    if (notify_) notify_(s);
    return Status::Ok();
  });
}

Status RulesLifecycle::apply_due() {
  std::vector<db::RuleVersionRow> due;
  Status st = db_.with_session([&](soci::session& s) {
    due = db::due_rule_versions(s, clock_.now());
    return Status::Ok();
  });
  if (!st.ok()) return st;
  for (const auto& v : due) {
    Actor system{v.activated_by.empty() ? "system" : v.activated_by, "activation programmée", v.academy, kRulesEditor};
    Status done = activate_now(system, v.id, v.confirm_reason, "scheduled");
    if (done.ok()) spdlog::info("règles de {} : version {} activée comme prévu", v.academy, v.number);
  }
  return due.empty() ? Status::Ok() : refresh();
}

Result<json::object> RulesLifecycle::settings(const Actor& by) {
  if (!allows(by.roles, Right::read_rules) && !allows(by.roles, Right::manage_staff)) return forbidden();
  bool required = false;
  Status st = db_.with_session([&](soci::session& s) {
    required = db::require_approval(s, by.academy);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return json::object{{"academy", by.academy}, {"require_approval", required}};
}

Result<json::object> RulesLifecycle::set_require_approval(const Actor& by, bool required) {
  if (!allows(by.roles, Right::manage_staff)) return forbidden();
  const Instant now = clock_.now();
  Status st = db_.transaction([&](soci::session& s) {
    bool before = db::require_approval(s, by.academy);
    db::set_require_approval(s, by.academy, required);
    audit(s, by, now,
          {"rules.settings", "academy", by.academy, "", json::object{{"require_approval", before}},
           json::object{{"require_approval", required}}});
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return json::object{{"academy", by.academy}, {"require_approval", required}};
}

}  // namespace guichet::services
