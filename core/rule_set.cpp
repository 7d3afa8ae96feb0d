#include "core/rule_set.hpp"

#include "core/field_lines.hpp"

#include <algorithm>
#include <set>

#include "core/script_faults.hpp"

namespace guichet {
namespace {

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

SourceSet subset(const SourceSet& all, const std::set<std::string>& paths) {
  SourceSet out;
  for (const auto& f : all.files)
    if (paths.count(f.path)) out.files.push_back(f);
  out.rehash();
  return out;
}

std::set<std::string> lib_paths(const SourceSet& all) {
  std::set<std::string> out;
  for (const auto& f : all.files)
    if (starts_with(f.path, "lib/")) out.insert(f.path);
  return out;
}

// A field whose bounds follow the session's year, if the exam has one.
const Field* relative_bound_field(const Exam& x) {
  for (const auto& tab : x.tabs)
    for (const auto& f : tab.fields)
      if ((f.min && f.min->from_session_year) || (f.max && f.max->from_session_year)) return &f;
  return nullptr;
}

}  // namespace

struct RuleSetBuilder {
  // Exams (with the libraries) load once in an engine of their own; each académie then loads
  // in its own engine with the exams that loaded: a faulty académie, however it fails, costs
  // only itself.
  static BuildResult build(const SourceSet& sources, const RuleSetOptions& options) {
    BuildResult out;
    auto set = std::make_shared<RuleSet>();
    set->sources_ = sources;
    set->version_ = sources.hash.substr(0, 16);
    set->options_ = options;
    set->options_.workers = std::max(1u, options.workers);
    set->engines_.resize(set->options_.workers);

    std::set<std::string> libs = lib_paths(sources), exam_files = libs;
    for (const auto& f : sources.files)
      if (starts_with(f.path, "exams/")) exam_files.insert(f.path);
    if (!load_exams(sources, exam_files, options, set->catalog_, out.diagnostics)) return out;
    std::map<std::string, std::string> exam_file;  // exam code -> the file declaring it
    for (const auto& [code, x] : set->catalog_.exams) exam_file[code] = x.source.file;

    std::set<std::string> good_exams = libs;
    for (const auto& [code, file] : exam_file) good_exams.insert(file);
    for (const auto& f : sources.files) {
      if (!starts_with(f.path, "academies/")) continue;
      std::set<std::string> paths = good_exams;
      paths.insert(f.path);
      Catalog catalog;
      std::vector<Diagnostic> diagnostics;
      auto engine = Engine::load(subset(sources, paths), options.limits, catalog, diagnostics);
      for (auto& d : diagnostics)  // the exams' and libraries' own faults were reported once
        if (!good_exams.count(d.file)) out.diagnostics.push_back(std::move(d));
      if (!engine) continue;
      for (auto& [code, academy] : catalog.academies) {
        if (set->catalog_.academies.count(code)) {
          out.diagnostics.push_back({f.path, academy.source.line, "l'académie « " + code + " » est déjà déclarée ailleurs"});
          continue;
        }
        if (const SourceFile* file = sources.find(f.path)) locate_dates(academy, file->text);
        check_consistency(*set, academy, *engine, out.diagnostics);
        std::set<std::string> own = libs;
        own.insert(f.path);
        for (const auto& s : academy.sessions)
          if (exam_file.count(s.exam)) own.insert(exam_file[s.exam]);
        set->academy_sources_[code] = subset(sources, own);
        set->catalog_.academies.emplace(code, std::move(academy));
      }
    }
    out.rules = std::move(set);
    return out;
  }

  // Loads the exams into `catalog`. A file that trips a limit may leave its state holding
  // what it grabbed (a function it declared keeps its upvalues): the state is not reused, the
  // exams load again in a fresh one without the faulty files.
  static bool load_exams(const SourceSet& sources, std::set<std::string> files, const RuleSetOptions& options,
                         Catalog& catalog, std::vector<Diagnostic>& diagnostics) {
    std::vector<Diagnostic> dropped;  // faulty files left out of the next attempt
    for (;;) {
      Catalog attempt;
      std::vector<Diagnostic> faults;
      auto engine = Engine::load(subset(sources, files), options.limits, attempt, faults);
      if (!engine) return false;
      // Files load in order: the first faulty exam is the one that tripped, or before it.
      auto first = std::find_if(faults.begin(), faults.end(),
                                [&](const Diagnostic& d) { return starts_with(d.file, "exams/") && files.count(d.file); });
      if (!engine->poisoned() || first == faults.end()) {
        diagnostics.insert(diagnostics.end(), dropped.begin(), dropped.end());
        diagnostics.insert(diagnostics.end(), faults.begin(), faults.end());
        catalog.exams = std::move(attempt.exams);
        return true;
      }
      files.erase(first->file);
      dropped.push_back(std::move(*first));
    }
  }

  // The line each session's dates are written on, for explanations.
  static void locate_dates(Academy& academy, const std::string& text) {
    for (auto& s : academy.sessions)
      for (const char* key : {"opens", "closes", "edits_close", "deadline"}) {
        int line = field_line(text, s.source.line, key);
        if (line == 0 && std::string_view(key) == "edits_close") line = field_line(text, s.source.line, "closes");
        s.date_sources[key] = {s.source.file, line > 0 ? line : s.source.line};
      }
  }

  // Drops the sessions that cannot be served, with a located diagnostic each.
  static void check_consistency(RuleSet& set, Academy& academy, Engine& engine, std::vector<Diagnostic>& diags) {
    std::vector<Session> kept;
    for (auto& s : academy.sessions) {
      auto fault = [&](const std::string& m) { diags.push_back({s.source.file, s.source.line, m}); };
      auto exam = set.catalog_.exams.find(s.exam);
      if (exam == set.catalog_.exams.end()) {
        fault("session " + s.exam + " " + s.session + " : aucun script d'examen ne déclare « " + s.exam + " »");
        continue;
      }
      if (!session_year(s.session))
        if (const Field* f = relative_bound_field(exam->second)) {
          fault("session " + s.exam + " " + s.session + " : le champ « " + f->id +
                " » a des bornes relatives à l'année de la session, mais le libellé « " + s.session +
                " » ne commence pas par une année");
          continue;
        }
      bool ok = true;
      for (const auto& sp : exam->second.specialities) {
        auto pole = engine.route_of(academy, s, exam->second, sp.code);
        if (!pole.ok()) {
          fault("session " + s.exam + " " + s.session + ", spécialité « " + sp.code + " » : " + pole.error().message);
          ok = false;
          break;
        }
        if (!*pole) {
          fault("session " + s.exam + " " + s.session + " : aucun pôle pour la spécialité « " + sp.code + " »");
          ok = false;
          break;
        }
        s.speciality_poles[sp.code] = **pole;
      }
      if (ok) kept.push_back(std::move(s));
    }
    academy.sessions = std::move(kept);
  }
};

BuildResult build_rule_set(const SourceSet& sources, const RuleSetOptions& options) {
  return RuleSetBuilder::build(sources, options);
}

const Academy* RuleSet::academy(const std::string& code) const {
  auto it = catalog_.academies.find(code);
  return it == catalog_.academies.end() ? nullptr : &it->second;
}

const Exam* RuleSet::exam(const std::string& code) const {
  auto it = catalog_.exams.find(code);
  return it == catalog_.exams.end() ? nullptr : &it->second;
}

const SourceSet* RuleSet::academy_sources(const std::string& academy) const {
  auto it = academy_sources_.find(academy);
  return it == academy_sources_.end() ? nullptr : &it->second;
}

std::vector<OpenService> RuleSet::open_at(Seconds at) const {
  std::vector<OpenService> out;
  for (const auto& [code, a] : catalog_.academies)
    for (const auto& s : a.sessions)
      if (s.opens <= at && at < s.closes) out.push_back({&a, &s});
  std::sort(out.begin(), out.end(), [](const OpenService& x, const OpenService& y) {
    return std::tie(x.academy->code, x.session->exam, x.session->session) <
           std::tie(y.academy->code, y.session->exam, y.session->session);
  });
  return out;
}

Engine* RuleSet::engine_for(unsigned worker, const std::string& academy) const {
  auto& mine = engines_[worker % engines_.size()];
  auto it = mine.find(academy);
  if (it != mine.end()) return it->second.get();
  const SourceSet* sources = academy_sources(academy);
  if (!sources) return nullptr;
  Catalog ignored;
  std::vector<Diagnostic> diagnostics;  // the build reported them already
  auto engine = Engine::load(*sources, options_.limits, ignored, diagnostics);
  if (!engine || !ignored.academies.count(academy)) return nullptr;
  return (mine[academy] = std::move(engine)).get();
}

Result<Verdict> RuleSet::evaluate(unsigned worker, const std::string& academy, const std::string& exam,
                                  const std::string& session, Seconds at, const boost::json::object& answers,
                                  const boost::json::object& identity) const {
  const Academy* a = this->academy(academy);
  const Session* s = a ? a->find_session(exam, session) : nullptr;
  const Exam* x = s ? this->exam(exam) : nullptr;
  if (!x) return Error{ErrorCode::unknown_session, "Cette session d'examen n'existe pas dans cette académie."};
  std::chrono::seconds retry{};
  if (options_.faults && !options_.faults->admits(a->code, &retry))
    return Error{ErrorCode::rules_unavailable,
                 "Les règles de cette académie sont suspendues quelques instants après des incidents répétés. "
                 "Réessayez dans un moment.",
                 {}, static_cast<int>(retry.count())};
  Engine* engine = engine_for(worker, a->code);
  if (!engine)
    return Error{ErrorCode::rules_unavailable, "Les règles de cette académie ne peuvent pas être chargées pour le moment.", {}, 5};
  EvalInput in{a, s, x, at, &answers, &identity};
  auto v = engine->evaluate(in);
  if (v.ok()) {
    v->rule_set_version = version_;
    return v;
  }
  if (options_.faults) options_.faults->record(a->code, fault_kind_of(v.error().code), v.error().message);
  // A state that hit a limit is never reused: the next evaluation makes a fresh one.
  if (engine->poisoned()) engines_[worker % engines_.size()].erase(a->code);
  return v;
}

Result<std::vector<ScriptCase>> RuleSet::load_cases(const SourceSet& tests, std::vector<Diagnostic>& diagnostics) const {
  Catalog ignored;
  std::vector<Diagnostic> load_faults;
  // The cases require() the rules' libraries and their own helpers (tests/lib/).
  SourceSet libraries = subset(sources_, lib_paths(sources_));
  for (const auto& f : tests.files)
    if (starts_with(f.path, "tests/lib/")) libraries.files.push_back(f);
  libraries.rehash();
  auto engine = Engine::load(libraries, options_.limits, ignored, load_faults);
  if (!engine) return Error{ErrorCode::script_error, "impossible de créer l'état Lua des tests"};
  for (auto& d : load_faults)  // the rules' own libraries were judged with the rules
    if (starts_with(d.file, "tests/lib/")) diagnostics.push_back(std::move(d));
  return engine->load_cases(tests, diagnostics);
}

}  // namespace guichet
