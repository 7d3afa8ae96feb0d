#include "services/rules_lifecycle.hpp"
#include "services/academy_zone.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

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

Error forbidden() { return {ErrorCode::forbidden, "Votre rôle ne permet pas cette action."}; }
Error version_not_found() { return {ErrorCode::not_found, "Cette version des règles n'existe pas."}; }

std::string script_path(const std::string& academy) { return "academies/" + academy + ".lua"; }
bool is_lua_file_in(const std::string& path, std::string_view folder, std::string* name);

std::string utc(Instant t) {
  return format_rfc3339(std::chrono::floor<std::chrono::seconds>(t), *find_zone("Etc/UTC"));
}

// A stored version as staff read it, with its texts or without.
RuleVersion to_version(const db::RuleVersionRow& v, bool with_text, const date::time_zone* zone) {
  RuleVersion out;
  out.number = v.number;
  out.academy = v.academy;
  out.origin = v.origin;
  out.author_id = v.author_id;
  out.author = v.author;
  out.submitted_at = v.submitted_at;
  out.content_hash = v.content_hash;
  out.note = v.note;
  out.state = v.state;
  out.activate_at = v.activate_at;
  out.approved_by = v.approved_by;
  out.approved_at = v.approved_at;
  out.activated_by = v.activated_by;
  out.activated_at = v.activated_at;
  out.confirm_reason = v.confirm_reason;
  out.zone = zone;
  if (with_text) {
    RuleVersion::Texts texts{v.script, {}};
    if (!v.tests_json.empty()) {
      const json::value stored = json::parse(v.tests_json);  // kept alive over the loop
      for (const auto& t : stored.as_array())
        texts.tests.push_back({std::string(t.at("path").as_string()), std::string(t.at("text").as_string())});
    }
    out.texts = std::move(texts);
  }
  return out;
}

Error faults_error(const std::string& message, const std::vector<Diagnostic>& faults) {
  Error e{ErrorCode::validation_failed, message};
  for (const auto& d : faults) {
    std::string where = d.line > 0 ? d.file + ":" + std::to_string(d.line) : d.file;
    for (int n = 2; e.fields.count(where); ++n) where = (d.line > 0 ? d.file + ":" + std::to_string(d.line) : d.file) + " (" + std::to_string(n) + ")";
    e.fields[where] = d.message;
  }
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
  Status st = db_.with_session([&](db::Session& s) {
    for (const auto& row : db::all_rule_live(s))
      if (auto v = db::find_rule_version_by_id(s, row.version_id)) live.emplace_back(row.academy, v->script);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  SourceSet out = folder;
  for (auto& [academy, script] : live) out.add({script_path(academy), std::move(script)});
  return out;
}

Result<SourceSet> RulesLifecycle::base_sources() {
  if (auto live = rules_.current()) return live->sources();
  auto folder = read_sources(scripts_dir_);
  if (!folder.ok()) return folder.error();
  return compose(*folder);
}

GateVerdict RulesLifecycle::judge_academy(const SourceSet& base, const std::string& academy, const std::string& script,
                                          unsigned workers, const std::vector<SourceFile>& extra_tests) {
  GateInput in;
  in.candidate = base;
  in.candidate.add({script_path(academy), script});
  in.academy = academy;
  in.own_files = {script_path(academy)};
  in.workers = workers;
  auto tests = read_sources(scripts_dir_, true);
  if (tests.ok()) in.tests = std::move(*tests);
  for (const auto& t : extra_tests) in.tests.add(t);
  GateVerdict v = check_rules(in, options_);
  if (v.built && v.faults.empty()) {
    const Academy* a = v.built->academy(academy);
    if (!a || a->source.file != script_path(academy))
      v.faults.push_back({script_path(academy), 0, "Le script doit déclarer l'académie « " + academy + " »."});
  }
  return v;
}

namespace {

unsigned impact_threads() { return std::max(1u, std::thread::hardware_concurrency()); }

// "<folder><name>.lua" with a name of [a-z0-9_-]; the name in `name`.
bool is_lua_file_in(const std::string& path, std::string_view folder, std::string* name = nullptr) {
  constexpr std::string_view suffix = ".lua";
  if (path.size() <= folder.size() + suffix.size() || path.compare(0, folder.size(), folder) != 0 ||
      path.compare(path.size() - suffix.size(), suffix.size(), suffix) != 0)
    return false;
  std::string code = path.substr(folder.size(), path.size() - folder.size() - suffix.size());
  for (char c : code)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
  if (name) *name = code;
  return true;
}

bool is_academy_file(const std::string& path, std::string* academy = nullptr) {
  return is_lua_file_in(path, "academies/", academy);
}

std::vector<Diagnostic> as_reasons(const std::string& file, const std::vector<std::string>& guard) {
  std::vector<Diagnostic> out;
  for (const auto& r : guard) out.push_back({file, 0, r});
  return out;
}

}  // namespace

// One verdict of the gate on a folder change, kept while neither the file nor what it is
// judged against changes (a held file is not judged again at every look).
struct RulesLifecycle::Judged {
  std::string key;
  std::vector<Diagnostic> faults;   // refused when not empty
  std::vector<std::string> guard;   // held unless confirmed when not empty
  int held_number = 0;              // an académie's held version
};

Status RulesLifecycle::record_folder_version(const std::string& academy, const SourceFile& file,
                                             const std::string& hash, const std::string& state,
                                             const std::string& note) {
  const Instant now = clock_.now();
  return db_.transaction([&](db::Session& s) -> Status {
    auto current = db::find_rule_live(s, academy);
    if (current && current->folder_hash == hash) return Status::Ok();  // another server recorded it
    // What the folder held before and no longer holds.
    for (auto& h : db::held_rule_versions(s, academy))
      if (h.content_hash != hash) {
        h.state = "discarded";
        db::update_rule_version(s, h);
      } else if (state == "held") {
        return Status::Ok();  // already held, by this server or another
      }
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
    v.note = note;
    v.state = state;
    if (state == "held") {
      db::insert_rule_version(s, v);
      audit(s, {"system", "dossier des scripts", academy, 0}, now,
            {"rules.hold", "rule_version", std::to_string(v.number), note, nullptr,
             json::object{{"number", v.number}, {"origin", "folder"}}});
      return Status::Ok();
    }
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
    db::announce_rules_change(s);
    return Status::Ok();
  });
}

Result<int> RulesLifecycle::held_number(const std::string& academy, const std::string& content_hash) {
  int number = 0;
  Status st = db_.with_session([&](db::Session& s) {
    for (const auto& h : db::held_rule_versions(s, academy))
      if (h.content_hash == content_hash) number = h.number;
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return number;
}

Status RulesLifecycle::gate_academy_file(const SourceFile& file, const SourceSet& base, const SourceSet& tests,
                                         std::vector<PendingChange>& pending) {
  std::string academy;
  is_academy_file(file.path, &academy);
  const std::string hash = sha256_hex(file.text);
  std::optional<db::RuleLiveRow> live_row;
  std::optional<db::RuleVersionRow> live_version;
  Status st = db_.with_session([&](db::Session& s) {
    live_row = db::find_rule_live(s, academy);
    if (live_row) live_version = db::find_rule_version_by_id(s, live_row->version_id);
    return Status::Ok();
  });
  if (!st.ok()) return st;
  if (live_row && live_row->folder_hash == hash) {  // the folder did not change for it (or was reverted)
    return db_.transaction([&](db::Session& s) {
      for (auto& h : db::held_rule_versions(s, academy)) {
        h.state = "discarded";
        db::update_rule_version(s, h);
      }
      return Status::Ok();
    });
  }
  if (live_version && live_version->content_hash == hash)                // caught up with what is live
    return record_folder_version(academy, file, hash, "active", "");

  const std::string serving =
      live_version ? "la version " + std::to_string(live_version->number) + " de l'académie reste en service"
                   : "l'académie n'est pas servie";
  auto live = rules_.current();
  const std::string key = hash + "|" + base.hash + "|" + tests.hash;
  auto& judged = judged_[file.path];
  if (!judged || judged->key != key) {
    auto j = std::make_shared<Judged>();
    j->key = key;
    GateVerdict v = judge_academy(base, academy, file.text, impact_threads());
    j->faults = v.faults;
    if (!v.refused()) {
      // The window guard, against what serves (before the first load: the folder composed).
      std::shared_ptr<const RuleSet> baseline = live;
      if (!baseline) {
        RuleSetOptions o = options_;
        o.workers = impact_threads();
        baseline = build_rule_set(base, o).rules;
      }
      if (baseline) {
        auto guard = window_guard(db_, *baseline, *v.built, {academy},
                                  std::chrono::floor<std::chrono::seconds>(clock_.now()), impact_threads());
        if (!guard.ok()) return guard.error();
        j->guard = std::move(*guard);
      }
    }
    judged = j;
  }
  PendingChange change{file.path, hash, PendingChange::State::refused, judged->faults, clock_.now(), serving, ""};
  if (!judged->faults.empty()) {
    pending.push_back(std::move(change));
    return Status::Ok();
  }
  if (!judged->guard.empty()) {
    std::string note = "Modification du fichier dans le dossier des scripts, retenue : elle modifie une session "
                       "ouverte.";
    st = record_folder_version(academy, file, hash, "held", note);
    if (!st.ok()) return st;
    auto held = held_number(academy, hash);
    if (!held.ok()) return held.error();
    const int number = *held;
    change.state = PendingChange::State::held;
    change.reasons = as_reasons(file.path, judged->guard);
    change.confirm = fmt::format(
        "Pour la mettre en service, confirmez-la avec un motif : POST /api/v1/admin/rules/versions/{}/activate "
        "avec « confirm_reason » après avoir lu son analyse d'impact, ou guichet rules confirm --file {} "
        "--reason \"…\" --author \"…\".",
        number, file.path);
    pending.push_back(std::move(change));
    return Status::Ok();
  }
  judged.reset();
  return record_folder_version(academy, file, hash, "active",
                               live_version ? "Modification du fichier dans le dossier des scripts."
                                            : "Version initiale (dossier des scripts).");
}

Status RulesLifecycle::gate_shared_files(const SourceSet& folder, const SourceSet& tests, SourceSet& gated,
                                         std::vector<PendingChange>& pending) {
  gated = folder;
  auto live = rules_.current();
  if (!live) return Status::Ok();  // the first load takes the folder as it is
  // The shared files (exams, libraries) that differ from what serves; libraries first.
  std::vector<std::string> changed;
  for (const auto& f : folder.files)
    if (!is_academy_file(f.path)) {
      const SourceFile* now = live->sources().find(f.path);
      if (!now || now->text != f.text) changed.push_back(f.path);
    }
  for (const auto& f : live->sources().files)
    if (!is_academy_file(f.path) && !folder.find(f.path)) changed.push_back(f.path);
  if (changed.empty()) return Status::Ok();
  std::stable_sort(changed.begin(), changed.end(), [](const std::string& a, const std::string& b) {
    return (a.rfind("lib/", 0) == 0) > (b.rfind("lib/", 0) == 0);
  });
  auto hash_of = [&](const std::string& path) {
    const SourceFile* f = folder.find(path);
    return f ? sha256_hex(f->text) : std::string("supprimé");
  };
  auto apply = [&](SourceSet set, const std::vector<std::string>& paths) {
    for (const auto& p : paths) {
      if (const SourceFile* f = folder.find(p)) set.add(*f);
      else set.remove(p);
    }
    return set;
  };
  std::vector<Diagnostic> known = rules_.live_faults();
  // The gate on `paths` applied over `base`, cached by what it judged.
  auto judge = [&](const SourceSet& base, const std::vector<std::string>& paths) -> Result<std::shared_ptr<Judged>> {
    std::string key = base.hash + "|" + tests.hash;
    for (const auto& p : paths) key += "|" + p + "=" + hash_of(p);
    auto& cached = judged_["*" + key];
    if (cached) return cached;
    auto j = std::make_shared<Judged>();
    j->key = key;
    GateInput in;
    in.candidate = apply(base, paths);
    in.tests = tests;
    in.known_faults = known;
    in.workers = impact_threads();
    GateVerdict v = check_rules(in, options_);
    j->faults = v.faults;
    if (!v.refused()) {
      auto guard = window_guard(db_, *live, *v.built, {}, std::chrono::floor<std::chrono::seconds>(clock_.now()),
                                impact_threads());
      if (!guard.ok()) return guard.error();
      j->guard = std::move(*guard);
    }
    cached = j;
    return j;
  };
  auto confirmed = [&](const std::vector<std::string>& paths) -> Result<bool> {
    bool all = true;
    Status st = db_.with_session([&](db::Session& s) {
      for (const auto& p : paths) all = all && db::find_rule_confirmation(s, p, hash_of(p)).has_value();
      return Status::Ok();
    });
    if (!st.ok()) return st.error();
    return all;
  };
  auto passes = [&](const Judged& j, const std::vector<std::string>& paths) -> Result<bool> {
    if (!j.faults.empty()) return false;
    if (j.guard.empty()) return true;
    return confirmed(paths);
  };

  // Together first (an exam may need its library's new function), then one file at a time.
  auto whole = judge(live->sources(), changed);
  if (!whole.ok()) return whole.error();
  auto all_pass = passes(**whole, changed);
  if (!all_pass.ok()) return all_pass.error();
  if (*all_pass) return Status::Ok();
  std::vector<std::string> accepted;
  for (const auto& p : changed) {
    auto j = judge(apply(live->sources(), accepted), {p});
    if (!j.ok()) return j.error();
    auto ok = passes(**j, {p});
    if (!ok.ok()) return ok.error();
    if (*ok) {
      accepted.push_back(p);
      continue;
    }
    // Not live: what serves keeps serving.
    if (const SourceFile* now = live->sources().find(p)) gated.add(*now);
    else gated.remove(p);
    PendingChange change{p, hash_of(p), PendingChange::State::refused, (*j)->faults, clock_.now(),
                         live->sources().find(p) ? "le contenu précédent du fichier reste en service"
                                                 : "le fichier n'est pas en service",
                         ""};
    if ((*j)->faults.empty()) {
      change.state = PendingChange::State::held;
      change.reasons = as_reasons(p, (*j)->guard);
      change.confirm = "Pour la mettre en service, confirmez-la avec un motif : guichet rules confirm --file " + p +
                       " --reason \"…\" --author \"…\" (avec la même base de données que le serveur).";
    }
    pending.push_back(std::move(change));
  }
  return Status::Ok();
}

Result<SourceSet> RulesLifecycle::sync_folder() {
  std::lock_guard lock(refresh_mu_);
  return sync_locked();
}

Result<SourceSet> RulesLifecycle::sync_locked() {
  auto folder = read_sources(scripts_dir_);
  if (!folder.ok()) return folder.error();
  auto tests = read_sources(scripts_dir_, true);
  if (!tests.ok()) return tests.error();
  std::vector<PendingChange> pending;
  // Shared files first: an académie's file is judged with the exams that will serve.
  SourceSet gated;
  if (Status st = gate_shared_files(*folder, *tests, gated, pending); !st.ok()) return st.error();
  auto base = compose(gated);
  if (!base.ok()) return base.error();
  for (const auto& file : folder->files)
    if (is_academy_file(file.path))
      if (Status st = gate_academy_file(file, *base, *tests, pending); !st.ok()) return st.error();
  // Forget the verdicts of files that changed since.
  for (auto it = judged_.begin(); it != judged_.end();) {
    bool current = it->first[0] == '*' || std::any_of(pending.begin(), pending.end(), [&](const PendingChange& p) {
                     return p.file == it->first;
                   });
    it = current ? std::next(it) : judged_.erase(it);
  }
  if (judged_.size() > 64) std::erase_if(judged_, [](const auto& kv) { return kv.first[0] == '*'; });
  // Shown on /readyz and in the log until fixed, reverted or confirmed.
  for (const auto& c : rules_.set_pending_changes(pending)) {
    for (const auto& d : c.reasons)
      spdlog::error("modification {} : {}", c.state == PendingChange::State::held ? "retenue" : "refusée", d.str());
    spdlog::error("{} : {}. {}", c.file, c.serving, c.confirm);
  }
  auto composed = compose(gated);
  if (!composed.ok()) return composed.error();
  Status st = db_.with_session([&](db::Session& s) {
    loaded_signature_ = db::rule_live_signature(s);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return composed;
}

Status RulesLifecycle::refresh(bool force) {
  std::lock_guard lock(refresh_mu_);
  std::string signature;
  Status st = db_.with_session([&](db::Session& s) {
    signature = db::rule_live_signature(s);
    return Status::Ok();
  });
  if (!st.ok()) return st;
  if (!force && signature == loaded_signature_) return Status::Ok();
  auto composed = sync_locked();  // the folder through the gate, with what is live
  if (!composed.ok()) return composed.error();
  ReloadReport report = rules_.reload(*composed);
  for (const auto& d : report.refused) spdlog::error("règles refusées : {}", d.str());
  if (report.activated) spdlog::info("règles actives : version {}", report.version);
  return Status::Ok();
}

Status RulesLifecycle::validate(const Submission& sub) const {
  if (sub.script.empty() || sub.script.size() > kMaxScriptBytes)
    return Error{ErrorCode::validation_failed, "Script vide ou trop long.", {{"script", "1 Mio au plus."}}};
  if (sub.tests.size() > kMaxTestFiles || sub.note.size() > 1000)
    return Error{ErrorCode::validation_failed, "Trop de fichiers de test ou note trop longue."};
  for (const auto& t : sub.tests)
    if (!is_lua_file_in(t.path, "tests/") || t.text.size() > kMaxScriptBytes)
      return Error{ErrorCode::validation_failed, "Fichier de test invalide.", {{t.path, "Chemin attendu : tests/<nom>.lua (1 Mio au plus)."}}};
  return Status::Ok();
}

Result<DraftCheck> RulesLifecycle::check(const Actor& by, const Submission& sub) {
  if (!allows(by.roles, Right::change_rules)) return forbidden();
  if (Status st = validate(sub); !st.ok()) return st.error();
  auto base = base_sources();
  if (!base.ok()) return base.error();
  GateVerdict verdict = judge_academy(*base, by.academy, sub.script, 1, sub.tests);
  return DraftCheck{verdict.built && verdict.load_faults == 0, verdict.tests_run, std::move(verdict.faults)};
}

Result<std::vector<SourceFile>> RulesLifecycle::folder_tests(const Actor& by) {
  if (!allows(by.roles, Right::read_rules)) return forbidden();
  auto tests = read_sources(scripts_dir_, true);
  if (!tests.ok()) return tests.error();
  return std::move(tests->files);
}

Result<DraftRules> RulesLifecycle::load_draft(const Actor& by, const std::string& script) {
  if (!allows(by.roles, Right::change_rules)) return forbidden();
  if (Status st = validate({script, {}, "", "api"}); !st.ok()) return st.error();
  auto base = base_sources();
  if (!base.ok()) return base.error();
  SourceSet candidate = *base;
  candidate.add({script_path(by.academy), script});
  RuleSetOptions o = options_;
  o.workers = 1;
  BuildResult built = build_rule_set(candidate, o);
  DraftRules out;
  for (auto& d : built.diagnostics)
    if (d.file == script_path(by.academy)) out.faults.push_back(std::move(d));
  if (!built.rules && out.faults.empty()) out.faults.push_back({script_path(by.academy), 0, "Aucune règle ne se charge."});
  if (built.rules && out.faults.empty()) {
    const Academy* a = built.rules->academy(by.academy);
    if (!a || a->source.file != script_path(by.academy))
      out.faults.push_back({script_path(by.academy), 0, "Le script doit déclarer l'académie « " + by.academy + " »."});
  }
  if (out.faults.empty()) out.built = std::move(built.rules);
  return out;
}

Result<SubmittedVersion> RulesLifecycle::submit(const Actor& by, const Submission& sub) {
  if (!allows(by.roles, Right::change_rules)) return forbidden();
  if (Status st = validate(sub); !st.ok()) return st.error();

  // The gate: it loads with everything else, passes the consistency checks and the scripts'
  // own tests (the folder's and those given with the version). The window guard comes at
  // activation, judged against what is live then.
  auto base = base_sources();
  if (!base.ok()) return base.error();
  GateVerdict verdict = judge_academy(*base, by.academy, sub.script, 1, sub.tests);
  if (verdict.refused()) {
    const bool loads = verdict.load_faults == 0;
    return faults_error(loads ? "Le script est refusé : des tests échouent." : "Le script est refusé : il ne se charge pas.",
                        verdict.faults);
  }
  const int run = verdict.tests_run;

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
  Status st = db_.transaction([&](db::Session& s) {
    v.number = db::next_rule_version_number(s, by.academy);
    db::insert_rule_version(s, v);
    audit(s, by, now,
          {"rules.submit", "rule_version", std::to_string(v.number), sub.note, nullptr,
           json::object{{"number", v.number}, {"content_hash", v.content_hash}, {"tests_run", run}}});
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return SubmittedVersion{to_version(v, false, academy_zone(rules_, v.academy)), run};
}

Result<std::vector<RuleVersion>> RulesLifecycle::list(const Actor& by) {
  if (!allows(by.roles, Right::read_rules)) return forbidden();
  std::vector<RuleVersion> out;
  Status st = db_.with_session([&](db::Session& s) {
    for (const auto& v : db::list_rule_versions(s, by.academy, 200)) out.push_back(to_version(v, false, academy_zone(rules_, v.academy)));
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return out;
}

Result<RuleVersion> RulesLifecycle::get(const Actor& by, int number) {
  if (!allows(by.roles, Right::read_rules)) return forbidden();
  std::optional<db::RuleVersionRow> v;
  Status st = db_.with_session([&](db::Session& s) {
    v = db::find_rule_version(s, by.academy, number);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  if (!v) return version_not_found();
  return to_version(*v, true, academy_zone(rules_, v->academy));
}

Result<ImpactReport> RulesLifecycle::impact(const Actor& by, int number) {
  if (!allows(by.roles, Right::read_rules)) return forbidden();
  std::optional<db::RuleVersionRow> v;
  Status st = db_.with_session([&](db::Session& s) {
    v = db::find_rule_version(s, by.academy, number);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  if (!v) return version_not_found();
  auto live = rules_.current();
  if (!live) return Error{ErrorCode::not_ready, "Les règles ne sont pas encore chargées."};
  const unsigned threads = impact_threads();
  RuleSetOptions o = options_;
  o.workers = threads;
  SourceSet staged_sources = live->sources();
  staged_sources.add({script_path(by.academy), v->script});
  BuildResult staged = build_rule_set(staged_sources, o);
  bool loads = staged.rules != nullptr;
  for (const auto& d : staged.diagnostics) loads = loads && d.file != script_path(by.academy);
  if (!loads)
    return Error{ErrorCode::validation_failed, "Cette version ne se charge plus avec les règles actuelles (scripts d'examen modifiés depuis)."};
  auto report = analyse_impact(db_, *live, *staged.rules, by.academy,
                               std::chrono::floor<std::chrono::seconds>(clock_.now()), threads);
  if (!report.ok()) return report.error();
  report->version = v->number;
  return report;
}

Result<RuleVersion> RulesLifecycle::approve(const Actor& by, int number) {
  if (!allows(by.roles, Right::change_rules)) return forbidden();
  const Instant now = clock_.now();
  db::RuleVersionRow out;
  Status st = db_.transaction([&](db::Session& s) -> Status {
    auto v = db::find_rule_version(s, by.academy, number);
    if (!v) return version_not_found();
    if (v->author_id == by.id)
      return Error{ErrorCode::conflict, "L'approbation doit venir d'une autre personne que l'auteur de la version."};
    if (v->state == "active") return Error{ErrorCode::conflict, "Cette version est déjà active."};
    v->approved_by = by.id;
    v->approved_at = now;
    db::update_rule_version(s, *v);
    audit(s, by, now, {"rules.approve", "rule_version", std::to_string(number), "", nullptr, json::object{{"number", number}}});
    out = *v;
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return to_version(out, false, academy_zone(rules_, out.academy));
}

Result<ActivatedVersion> RulesLifecycle::activate(const Actor& by, const Activation& a) {
  if (!allows(by.roles, Right::change_rules)) return forbidden();
  if (a.confirm_reason.size() > 1000) return Error{ErrorCode::validation_failed, "Motif trop long."};
  const Instant now = clock_.now();
  std::optional<db::RuleVersionRow> v;
  bool approval = false;
  Status st = db_.with_session([&](db::Session& s) {
    v = db::find_rule_version(s, by.academy, a.number);
    approval = db::require_approval(s, by.academy);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  if (!v) return version_not_found();
  if (v->state == "active") return Error{ErrorCode::conflict, "Cette version est déjà active."};
  if (approval && (v->approved_by.empty() || v->approved_by == by.id))
    return Error{ErrorCode::approval_required, "Votre académie demande qu'une autre personne approuve la version avant son "
                                      "activation."};
  // The window guard: judged now against what is live.
  auto report = impact(by, a.number);
  if (!report.ok()) return report.error();
  if (!report->guard_reasons.empty() && a.confirm_reason.empty()) {
    Error e{ErrorCode::window_guard, "Cette version modifie une session ouverte : confirmez avec un motif (confirm_reason) "
                            "après avoir lu l'analyse d'impact, qui liste les candidats à prévenir."};
    int i = 0;
    for (const auto& r : report->guard_reasons) e.fields["guard_" + std::to_string(++i)] = r;
    return e;
  }
  if (a.at && *a.at > now) {
    db::RuleVersionRow scheduled;
    st = db_.transaction([&](db::Session& s) -> Status {
      auto row = db::find_rule_version(s, by.academy, a.number);
      if (!row || row->state == "active") return Error{ErrorCode::conflict, "Cette version est déjà active."};
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
    return ActivatedVersion{to_version(scheduled, false, academy_zone(rules_, scheduled.academy)), std::move(*report)};
  }
  st = activate_now(by, v->id, a.confirm_reason, v->state);
  if (!st.ok()) return st.error();
  if (Status r = refresh(true); !r.ok()) spdlog::error("rechargement des règles : {}", r.error().message);
  auto after = get(by, a.number);
  if (!after.ok()) return after.error();
  after->texts.reset();
  return ActivatedVersion{std::move(*after), std::move(*report)};
}

Status RulesLifecycle::activate_now(const Actor& by, const std::string& version_id, const std::string& confirm_reason,
                                    const std::string& expected_state) {
  const Instant now = clock_.now();
  return db_.transaction([&](db::Session& s) -> Status {
    auto v = db::find_rule_version_by_id(s, version_id);
    if (!v) return version_not_found();
    // Another server (or a concurrent request) may have done it already.
    if (v->state != expected_state) return Error{ErrorCode::conflict, "Cette version a changé d'état entre-temps."};
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
    db::announce_rules_change(s);
    return Status::Ok();
  });
}

Status RulesLifecycle::apply_due() {
  std::vector<db::RuleVersionRow> due;
  Status st = db_.with_session([&](db::Session& s) {
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

Result<ApprovalSetting> RulesLifecycle::settings(const Actor& by) {
  if (!allows(by.roles, Right::read_rules) && !allows(by.roles, Right::manage_staff)) return forbidden();
  bool required = false;
  Status st = db_.with_session([&](db::Session& s) {
    required = db::require_approval(s, by.academy);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return ApprovalSetting{by.academy, required};
}

Result<ApprovalSetting> RulesLifecycle::set_require_approval(const Actor& by, bool required) {
  if (!allows(by.roles, Right::manage_staff)) return forbidden();
  const Instant now = clock_.now();
  Status st = db_.transaction([&](db::Session& s) {
    bool before = db::require_approval(s, by.academy);
    db::set_require_approval(s, by.academy, required);
    audit(s, by, now,
          {"rules.settings", "academy", by.academy, "", json::object{{"require_approval", before}},
           json::object{{"require_approval", required}}});
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return ApprovalSetting{by.academy, required};
}

}  // namespace guichet::services

namespace guichet::services {

Result<FolderConfirmation> RulesLifecycle::confirm_folder_change(const Actor& by, const std::string& path,
                                                          const std::string& reason) {
  if (!allows(by.roles, Right::change_rules)) return forbidden();
  if (reason.empty() || reason.size() > 1000)
    return Error{ErrorCode::validation_failed, "Motif manquant ou trop long.", {{"reason", "Un motif de 1 000 caractères au plus."}}};
  auto folder = read_sources(scripts_dir_);
  if (!folder.ok()) return folder.error();
  const SourceFile* file = folder->find(path);
  if (!file) return Error{ErrorCode::not_found, "Ce fichier n'est pas dans le dossier des scripts : " + path};
  const std::string hash = sha256_hex(file->text);

  std::string academy;
  if (is_lua_file_in(path, "academies/", &academy)) {
    if (academy != by.academy) return forbidden();
    // The version the servers hold for this content of the file.
    auto synced = sync_folder();
    if (!synced.ok()) return synced.error();
    if (!rules_.current()) rules_.load(*synced);
    auto held = held_number(academy, hash);
    if (!held.ok()) return held.error();
    const int number = *held;
    if (number == 0)
      return Error{ErrorCode::not_found, "Aucune modification retenue pour ce fichier : il est déjà en service, refusé, ou "
                                "pas encore examiné par le serveur."};
    auto activated = activate(by, {number, std::nullopt, reason});
    if (!activated.ok()) return activated.error();
    FolderConfirmation out;
    out.activated = std::move(*activated);
    return out;
  }
  // A shared file: it must pass the gate's checks; the servers then let this content through
  // the window guard.
  GateInput in;
  auto composed = compose(*folder);
  if (!composed.ok()) return composed.error();
  in.candidate = std::move(*composed);
  in.own_files = {path};
  if (auto tests = read_sources(scripts_dir_, true); tests.ok()) in.tests = std::move(*tests);
  GateVerdict v = check_rules(in, options_);
  if (v.refused()) {
    Error e{ErrorCode::validation_failed, "Cette modification est refusée, pas seulement retenue : corrigez le fichier."};
    for (const auto& d : v.faults) e.fields[d.line > 0 ? d.file + ":" + std::to_string(d.line) : d.file] = d.message;
    return e;
  }
  const Instant now = clock_.now();
  Status st = db_.transaction([&](db::Session& s) {
    db::save_rule_confirmation(s, {path, hash, reason, by.name, now});
    db::announce_rules_change(s);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  FolderConfirmation out;
  out.file = path;
  out.content_hash = hash;
  out.confirm_reason = reason;
  out.confirmed_by = by.name;
  out.confirmed_at = now;
  return out;
}

}  // namespace guichet::services
