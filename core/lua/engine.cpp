#include "core/lua/engine.hpp"
#include "core/lua/script_library.hpp"

#include <date/date.h>
#include <date/tz.h>

#include <boost/json.hpp>

#include "core/form_check.hpp"
#include "core/speciality_check.hpp"
#include "core/lua/declarations.hpp"
#include "core/lua/lua_util.hpp"
#include "core/lua/read_only.hpp"
#include "core/postal.hpp"
#include "core/time_format.hpp"

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

namespace guichet {

struct Engine::Impl {
  explicit Impl(const lua::SandboxLimits& limits) : sandbox(limits) {}

  lua::Sandbox sandbox;
  lua_State* L() { return sandbox.L(); }

  // While loading.
  Catalog* catalog = nullptr;
  std::string file;                  // file being loaded
  std::string file_academy;          // académie declared by that file
  std::string file_exam;             // exam declared by that file
  std::vector<ScriptCase>* cases = nullptr;

  // Rule functions, as registry references.
  struct ExamRefs {
    int validate = LUA_NOREF, pieces = LUA_NOREF, route = LUA_NOREF;
  };
  std::map<std::string, int> residence;        // académie code -> function
  std::map<std::string, ExamRefs> exams;       // exam code -> functions
  std::map<std::string, int> contexts;         // "academie/exam/session" -> {academy=, session=}
  int v_meta = LUA_NOREF;
  int identity_view = LUA_NOREF;  // one read-only view, pointed at each evaluation's identity
  Seconds now_at{};
  const date::time_zone* now_zone = nullptr;
  std::string now_text;

  // The evaluation in progress (one at a time per engine).
  struct Current {
    Verdict* verdict = nullptr;
    const EvalInput* in = nullptr;
    const std::vector<AcceptedAnswer>* accepted = nullptr;
    bool residence = false;
  } cur;

  int ref_field(int t, const char* key) {
    lua::raw_field(L(), t, key);
    if (!lua_isfunction(L(), -1)) {
      lua_pop(L(), 1);
      return LUA_NOREF;
    }
    return luaL_ref(L(), LUA_REGISTRYINDEX);
  }

  void install_declarations();
  void install_verdict_methods();
  int push_context(const Academy& a, const Session& s);
  Status call_rule(int ref, int a_index, int v_index, std::chrono::steady_clock::time_point deadline);
  Status run_rules(const EvalInput& in, const std::vector<AcceptedAnswer>& accepted, Verdict& verdict,
                   bool route_only);
  Status run_rules_unprotected(const EvalInput& in, const std::vector<AcceptedAnswer>& accepted, Verdict& verdict,
                               bool route_only);
};

namespace {

Engine::Impl* impl_of(lua_State* L) { return static_cast<Engine::Impl*>(lua_touserdata(L, lua_upvalueindex(1))); }

int l_academy(lua_State* L) {
  auto* self = impl_of(L);
  if (!self->catalog) lua::raise(L, "academy{} n'est pas permis ici");
  if (!self->file_academy.empty() || !self->file_exam.empty())
    lua::raise(L, "un fichier ne déclare qu'une académie ou un examen");
  Academy a = lua::read_academy(L);
  if (self->catalog->academies.count(a.code)) lua::raise(L, "l'académie « " + a.code + " » est déjà déclarée ailleurs");
  if (a.has_residence_rule) self->residence[a.code] = self->ref_field(1, "residence");
  self->file_academy = a.code;
  self->catalog->academies.emplace(a.code, std::move(a));
  return 0;
}

int l_session(lua_State* L) {
  auto* self = impl_of(L);
  if (!self->catalog || self->file_academy.empty())
    lua::raise(L, "session{} doit suivre academy{} dans le même fichier");
  Academy& a = self->catalog->academies.at(self->file_academy);
  a.sessions.push_back(lua::read_session(L, a));
  return 0;
}

int l_exam(lua_State* L) {
  auto* self = impl_of(L);
  if (!self->catalog) lua::raise(L, "exam{} n'est pas permis ici");
  if (!self->file_academy.empty() || !self->file_exam.empty())
    lua::raise(L, "un fichier ne déclare qu'une académie ou un examen");
  Exam x = lua::read_exam(L);
  if (self->catalog->exams.count(x.code)) lua::raise(L, "l'examen « " + x.code + " » est déjà déclaré ailleurs");
  Engine::Impl::ExamRefs refs{self->ref_field(1, "validate"), self->ref_field(1, "require_pieces"), self->ref_field(1, "route")};
  self->exams[x.code] = refs;
  self->file_exam = x.code;
  self->catalog->exams.emplace(x.code, std::move(x));
  return 0;
}

int l_case(lua_State* L) {
  auto* self = impl_of(L);
  if (!self->cases) lua::raise(L, "case{} n'est permis que dans les fichiers de tests");
  if (self->cases->size() >= 10000) lua::raise(L, "trop de cas de test");
  self->cases->push_back(lua::read_case(L));
  return 0;
}

Engine::Impl::Current& current(lua_State* L) {
  auto* self = impl_of(L);
  if (!self->cur.verdict) lua::raise(L, "le verdict n'est utilisable que pendant une évaluation");
  return self->cur;
}

std::string check_text(lua_State* L, int idx, const char* what, size_t max) {
  if (lua_type(L, idx) != LUA_TSTRING) lua::raise(L, std::string(what) + " doit être un texte");
  size_t n = 0;
  const char* s = lua_tolstring(L, idx, &n);
  if (n == 0 || n > max) lua::raise(L, std::string(what) + " : longueur invalide");
  return std::string(s, n);
}

SourceRef here(lua_State* L) {
  lua::Caller c = lua::caller(L);
  return {c.file, c.line};
}

// v:error(field, message)
int v_error(lua_State* L) {
  auto& cur = current(L);
  std::string field = check_text(L, 2, "v:error : le champ", 64);
  std::string message = check_text(L, 3, "v:error : le message", 500);
  bool recorded = cur.verdict->errors.emplace(field, FieldError{message, here(L)}).second;
  // Only an error the residence rule itself recorded makes it a wrong académie.
  if (recorded && cur.residence) cur.verdict->wrong_academy = true;
  return 0;
}

// v:piece(code [, {required = false}])
int v_piece(lua_State* L) {
  auto& cur = current(L);
  std::string code = check_text(L, 2, "v:piece : le code", 64);
  bool required = true;
  if (lua_istable(L, 3)) required = lua::get_bool(L, 3, "required", "v:piece", true);
  const PieceDef* def = cur.in->exam->find_piece(code);
  if (!def) lua::raise(L, "pièce inconnue « " + code + " » : ajoutez-la à la liste pieces de l'examen");
  for (auto& p : cur.verdict->pieces) {
    if (p.code == code) {
      p.required = p.required || required;
      return 0;
    }
  }
  cur.verdict->pieces.push_back({def->code, def->label, def->explanation, required, here(L)});
  return 0;
}

// v:pole(code)
int v_pole(lua_State* L) {
  auto& cur = current(L);
  std::string code = check_text(L, 2, "v:pole : le code", 64);
  if (!cur.in->academy->find_pole(code))
    lua::raise(L, "pôle inconnu « " + code + " » dans l'académie " + cur.in->academy->code);
  cur.verdict->pole = code;
  cur.verdict->pole_source = here(L);
  return 0;
}

// v:age() -> full years at the evaluation instant, or nil
int v_age(lua_State* L) {
  auto& cur = current(L);
  auto it = cur.in->identity->find("birth_date");
  if (it == cur.in->identity->end() || !it->value().is_string()) {
    lua_pushnil(L);
    return 1;
  }
  auto birth = parse_calendar_date(it->value().get_string());
  if (!birth.ok()) {
    lua_pushnil(L);
    return 1;
  }
  auto info = cur.in->academy->zone->get_info(cur.in->at);
  auto local_day = date::floor<date::days>(cur.in->at + info.offset);
  date::year_month_day now{local_day}, b{*birth};
  int years = int(now.year()) - int(b.year());
  if (now.month() < b.month() || (now.month() == b.month() && now.day() < b.day())) --years;
  lua_pushinteger(L, years);
  return 1;
}

// v:speciality() -> {code, label, sector} or nil
int v_speciality(lua_State* L) {
  auto& cur = current(L);
  const Speciality* s = nullptr;
  for (const auto& a : *cur.accepted)
    if (a.field == "speciality" && a.value->is_string()) s = cur.in->exam->find_speciality(std::string(a.value->get_string()));
  if (!s) {
    lua_pushnil(L);
    return 1;
  }
  lua_createtable(L, 0, 3);
  lua_pushlstring(L, s->code.data(), s->code.size());
  lua_setfield(L, -2, "code");
  lua_pushlstring(L, s->label.data(), s->label.size());
  lua_setfield(L, -2, "label");
  lua_pushlstring(L, s->sector.data(), s->sector.size());
  lua_setfield(L, -2, "sector");
  return 1;
}

// v:department(postal_code) -> "86", "2A", "971" or nil
int v_department(lua_State* L) {
  if (lua_type(L, 2) != LUA_TSTRING) {
    lua_pushnil(L);
    return 1;
  }
  auto d = department_of_postal_code(lua_tostring(L, 2));
  if (d) lua_pushlstring(L, d->data(), d->size());
  else lua_pushnil(L);
  return 1;
}

// v.unknown or v:unknown(): a French error instead of "attempt to call a nil value".
int v_unknown(lua_State* L) {
  const char* k = lua_tostring(L, 2);
  lua::raise(L, std::string("v.") + (k ? k : "?") + " n'existe pas (voir docs/script-api.md et scripts/GUIDE.md)");
}

void push_strings(lua_State* L, const std::vector<std::string>& v) {
  lua_createtable(L, static_cast<int>(v.size()), 0);
  for (size_t i = 0; i < v.size(); ++i) {
    lua_pushlstring(L, v[i].data(), v[i].size());
    lua_rawseti(L, -2, static_cast<int>(i + 1));
  }
}

void set_string(lua_State* L, const char* key, const std::string& value) {
  lua_pushlstring(L, value.data(), value.size());
  lua_setfield(L, -2, key);
}

}  // namespace

void Engine::Impl::install_declarations() {
  const std::pair<const char*, lua_CFunction> fns[] = {
      {"academy", l_academy}, {"session", l_session}, {"exam", l_exam}, {"case", l_case}};
  for (auto [name, fn] : fns) {
    lua_pushlightuserdata(L(), this);
    lua_pushcclosure(L(), fn, 1);
    sandbox.set_base(name);
  }
}

void Engine::Impl::install_verdict_methods() {
  lua_State* l = L();
  lua_newtable(l);  // metatable
  lua_newtable(l);  // methods
  const std::pair<const char*, lua_CFunction> fns[] = {{"error", v_error}, {"piece", v_piece},
                                                       {"pole", v_pole},   {"age", v_age},
                                                       {"speciality", v_speciality},
                                                       {"department", v_department}};
  for (auto [name, fn] : fns) {
    lua_pushlightuserdata(l, this);
    lua_pushcclosure(l, fn, 1);
    lua_setfield(l, -2, name);
  }
  lua_newtable(l);  // the methods' own metatable: unknown names raise in French
  lua_pushcfunction(l, v_unknown);
  lua_setfield(l, -2, "__index");
  lua_setmetatable(l, -2);
  lua_setfield(l, -2, "__index");
  lua_pushboolean(l, 0);
  lua_setfield(l, -2, "__metatable");
  v_meta = luaL_ref(l, LUA_REGISTRYINDEX);
}

// Pushes (and caches) the read-only description of an académie and session for `v`.
int Engine::Impl::push_context(const Academy& a, const Session& s) {
  lua_State* l = L();
  std::string key = a.code + "/" + s.exam + "/" + s.session;
  auto it = contexts.find(key);
  if (it != contexts.end()) {
    lua_rawgeti(l, LUA_REGISTRYINDEX, it->second);
    return lua_gettop(l);
  }
  lua_createtable(l, 0, 2);
  lua_createtable(l, 0, 5);
  set_string(l, "code", a.code);
  set_string(l, "name", a.name);
  set_string(l, "timezone", a.timezone);
  push_strings(l, a.departments);
  lua_setfield(l, -2, "departments");
  lua_createtable(l, static_cast<int>(a.poles.size()), 0);
  for (size_t i = 0; i < a.poles.size(); ++i) {
    lua_createtable(l, 0, 4);
    set_string(l, "code", a.poles[i].code);
    set_string(l, "name", a.poles[i].name);
    set_string(l, "email", a.poles[i].email);
    push_strings(l, a.poles[i].phones);
    lua_setfield(l, -2, "phones");
    lua_rawseti(l, -2, static_cast<int>(i + 1));
  }
  lua_setfield(l, -2, "poles");
  lua_setfield(l, -2, "academy");
  lua_createtable(l, 0, 5);
  set_string(l, "exam", s.exam);
  set_string(l, "session", s.session);
  set_string(l, "title", s.title);
  set_string(l, "mode", s.final_registration.mode == FinalMode::postal ? "postal" : "upload");
  if (s.final_registration.deadline) set_string(l, "deadline", format_local(*s.final_registration.deadline, a.zone));
  lua_setfield(l, -2, "session");
  // Shared by every evaluation of this session on this state: scripts see it read-only.
  lua::make_read_only(l, -1);
  lua_pushvalue(l, -1);
  contexts[key] = luaL_ref(l, LUA_REGISTRYINDEX);
  return lua_gettop(l);
}

Status Engine::Impl::call_rule(int ref, int a_index, int v_index, std::chrono::steady_clock::time_point deadline) {
  if (ref == LUA_NOREF) return Status::Ok();
  lua_rawgeti(L(), LUA_REGISTRYINDEX, ref);
  lua_pushvalue(L(), a_index);
  lua_pushvalue(L(), v_index);
  return sandbox.call_until(2, 0, deadline);
}

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Engine::~Engine() = default;

std::unique_ptr<Engine> Engine::load(const SourceSet& sources, const lua::SandboxLimits& limits, Catalog& catalog,
                                     std::vector<Diagnostic>& diagnostics) {
  auto impl = std::make_unique<Impl>(limits);
  if (!impl->sandbox.ok()) {
    diagnostics.push_back({"(moteur)", 0, "impossible de créer l'état Lua"});
    return nullptr;
  }
  impl->install_declarations();
  impl->install_verdict_methods();
  lua::push_script_library(impl->L(), sources, diagnostics);
  impl->sandbox.set_base("require");
  impl->catalog = &catalog;
  // Exams first, so an académie's sessions can be checked against them afterwards.
  for (const char* prefix : {"exams/", "academies/"}) {
    for (const auto& f : sources.files) {
      if (f.path.rfind(prefix, 0) != 0) continue;
      impl->file = f.path;
      impl->file_academy.clear();
      impl->file_exam.clear();
      Status s = impl->sandbox.load_script(f.path, f.text);
      if (s.ok()) {
        lua_pop(impl->L(), 1);  // the script's environment
        if (impl->file_academy.empty() && impl->file_exam.empty())
          diagnostics.push_back({f.path, 0, "ce fichier ne déclare ni academy{} ni exam{}"});
        continue;
      }
      diagnostics.push_back(Diagnostic::from_lua(s.error().message, f.path));
      // A faulty file is left out whole.
      if (!impl->file_academy.empty()) catalog.academies.erase(impl->file_academy);
      if (!impl->file_exam.empty()) catalog.exams.erase(impl->file_exam);
    }
  }
  impl->catalog = nullptr;
  return std::unique_ptr<Engine>(new Engine(std::move(impl)));
}

bool Engine::poisoned() const { return impl_->sandbox.poisoned(); }

Result<std::vector<ScriptCase>> Engine::load_cases(const SourceSet& tests, std::vector<Diagnostic>& diagnostics) {
  std::vector<ScriptCase> cases;
  impl_->cases = &cases;
  for (const auto& f : tests.files) {
    if (f.path.rfind("tests/lib/", 0) == 0) continue;  // helpers, loaded when a case file requires them
    size_t before = cases.size();
    Status s = impl_->sandbox.load_script(f.path, f.text);
    if (s.ok()) {
      lua_pop(impl_->L(), 1);
      continue;
    }
    cases.resize(before);
    diagnostics.push_back(Diagnostic::from_lua(s.error().message, f.path));
  }
  impl_->cases = nullptr;
  return cases;
}

// Runs the rule functions on `accepted` answers: all of them, or the route alone.
Status Engine::Impl::run_rules_unprotected(const EvalInput& in, const std::vector<AcceptedAnswer>& accepted,
                                           Verdict& verdict, bool route_only) {
  lua_State* l = L();
  int top = lua_gettop(l);
  lua_createtable(l, 0, static_cast<int>(accepted.size()));
  for (const auto& a : accepted) {
    lua_pushlstring(l, a.field.data(), a.field.size());
    lua::push_json(l, *a.value);
    lua_rawset(l, -3);
  }
  int a_index = lua_gettop(l);
  int ctx = push_context(*in.academy, *in.session);
  // The rules of one evaluation share one deadline: four rules cannot take four times it.
  auto deadline = std::chrono::steady_clock::now() + sandbox.limits().call_timeout;
  lua_createtable(l, 0, 4);  // v
  int v_index = lua_gettop(l);
  lua_getfield(l, ctx, "academy");
  lua_setfield(l, v_index, "academy");
  lua_getfield(l, ctx, "session");
  lua_setfield(l, v_index, "session");
  if (identity_view == LUA_NOREF) {
    lua_newtable(l);
    lua::make_read_only(l, -1);
    identity_view = luaL_ref(l, LUA_REGISTRYINDEX);
  }
  lua_rawgeti(l, LUA_REGISTRYINDEX, identity_view);
  lua::push_json(l, *in.identity);
  lua::retarget_read_only(l, -2);
  lua_setfield(l, v_index, "identity");
  // Many verdicts share a second: keep its local text.
  if (in.at != now_at || in.academy->zone != now_zone) {
    now_at = in.at;
    now_zone = in.academy->zone;
    now_text = format_local(in.at, in.academy->zone);
  }
  set_string(l, "now", now_text);
  lua_rawgeti(l, LUA_REGISTRYINDEX, v_meta);
  lua_setmetatable(l, v_index);

  cur = {&verdict, &in, &accepted, false};
  const auto& refs = exams.at(in.exam->code);
  Status s = Status::Ok();
  auto res = residence.find(in.academy->code);
  if (!route_only && res != residence.end()) {
    cur.residence = true;
    s = call_rule(res->second, a_index, v_index, deadline);
    cur.residence = false;
  }
  if (s.ok() && !route_only) s = call_rule(refs.validate, a_index, v_index, deadline);
  if (s.ok() && !route_only) s = call_rule(refs.pieces, a_index, v_index, deadline);
  if (s.ok()) s = call_rule(refs.route, a_index, v_index, deadline);
  cur = {};
  lua_settop(l, top);
  return s;
}

namespace {

struct RulesCall {
  Engine::Impl* self;
  const EvalInput* in;
  const std::vector<AcceptedAnswer>* accepted;
  Verdict* verdict;
  bool route_only;
  Status result = Status::Ok();
};

int rules_call(lua_State* L) {
  auto* call = static_cast<RulesCall*>(lua_touserdata(L, 1));
  call->result = call->self->run_rules_unprotected(*call->in, *call->accepted, *call->verdict, call->route_only);
  return 0;
}

}  // namespace

// Every Lua value the host builds for an evaluation is built inside a protected call: a
// state near its memory cap answers with an error, never with an exception in the host.
Status Engine::Impl::run_rules(const EvalInput& in, const std::vector<AcceptedAnswer>& accepted, Verdict& verdict,
                               bool route_only) {
  RulesCall call{this, &in, &accepted, &verdict, route_only};
  Status s = sandbox.protect(rules_call, &call);
  cur = {};
  if (!s.ok()) return s;
  return call.result;
}

Result<Verdict> Engine::evaluate(const EvalInput& in) {
  Verdict verdict;
  verdict.pieces.reserve(8);
  verdict.window_source = in.session->source;
  verdict.phase = in.at < in.session->opens ? Phase::before : in.at < in.session->closes ? Phase::open : Phase::closed;
  std::vector<AcceptedAnswer> accepted = check_form(*in.exam, in.session->session, *in.answers, verdict);
  check_speciality(*in.exam, *in.session, *in.answers, verdict);
  Status s = impl_->run_rules(in, accepted, verdict, false);
  if (!s.ok()) return s.error();
  verdict.valid = verdict.errors.empty();
  return verdict;
}

Result<std::optional<std::string>> Engine::route_of(const Academy& academy, const Session& session, const Exam& exam,
                                                    const std::string& speciality) {
  boost::json::object answers{{"speciality", speciality}};
  boost::json::object identity;
  EvalInput in{&academy, &session, &exam, session.opens, &answers, &identity};
  Verdict verdict;
  boost::json::value value(speciality);
  std::vector<AcceptedAnswer> accepted{{"speciality", &value}};
  Status s = impl_->run_rules(in, accepted, verdict, true);
  if (!s.ok()) return s.error();
  return verdict.pole;
}

}  // namespace guichet
