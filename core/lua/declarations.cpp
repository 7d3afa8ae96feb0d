#include "core/lua/declarations.hpp"

#include <map>
#include <set>

#include "core/identifiers.hpp"
#include "core/lua/declaration_extras.hpp"
#include "core/lua/lua_util.hpp"
#include "core/time_format.hpp"

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

namespace guichet::lua {
namespace {

constexpr std::size_t kCodeMax = 32;  // [a-z][a-z0-9_]{0,31}
const std::set<std::string> kFieldTypes{"text",   "textarea", "date",  "email",   "tel",
                                        "number", "select",   "radio", "checkbox"};

void check_api_level(lua_State* L, const std::string& what) {
  long long level = get_integer(L, 1, "api_level", what, true);
  if (level != 1) raise(L, what + " : api_level " + std::to_string(level) + " non pris en charge (seul 1 l'est)");
}

std::string get_code(lua_State* L, int t, const char* key, const std::string& what) {
  std::string c = get_string(L, t, key, what);
  if (!is_identifier(c, kCodeMax))
    raise(L, what + " : « " + c + " » n'est pas un code valide (minuscules, chiffres, _)");
  return c;
}

// Iterates the sequence in field `key` of table `t`, calling fn with the element on top.
template <class Fn>
void each(lua_State* L, int t, const char* key, const std::string& what, bool required, Fn fn) {
  raw_field(L, t, key);
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    if (required) raise(L, what + " : la liste « " + key + " » est obligatoire");
    return;
  }
  if (!lua_istable(L, -1)) raise(L, what + " : « " + key + " » doit être une liste");
  int list = lua_gettop(L);
  size_t n = lua_objlen(L, list);
  for (size_t i = 1; i <= n; ++i) {
    lua_rawgeti(L, list, static_cast<int>(i));
    fn(lua_gettop(L), i);
    lua_settop(L, list);
  }
  lua_pop(L, 1);
}

std::vector<std::string> strings(lua_State* L, int t, const char* key, const std::string& what) {
  std::vector<std::string> out;
  each(L, t, key, what, true, [&](int e, size_t) {
    if (lua_type(L, e) != LUA_TSTRING) raise(L, what + " : « " + key + " » doit contenir des textes");
    out.emplace_back(lua_tostring(L, e));
  });
  return out;
}

Seconds get_date(lua_State* L, int t, const char* key, const std::string& what, const date::time_zone* zone) {
  std::string text = get_string(L, t, key, what);
  auto r = parse_local(text, zone);
  if (!r.ok()) raise(L, what + " : « " + key + " » : " + r.error().message);
  return *r;
}

// final_registration.max_file_mib / accepted_types / max_files_per_piece (all optional).
void read_upload_limits(lua_State* L, int fr, UploadLimits& limits) {
  const std::string what = "final_registration";
  long long mib = get_integer(L, fr, "max_file_mib", what, false, 10);
  if (mib < 1 || mib > 100) raise(L, what + " : « max_file_mib » doit être entre 1 et 100");
  limits.max_file_bytes = static_cast<std::uint64_t>(mib) * 1024 * 1024;
  long long files = get_integer(L, fr, "max_files_per_piece", what, false, 4);
  if (files < 1 || files > 20) raise(L, what + " : « max_files_per_piece » doit être entre 1 et 20");
  limits.max_files_per_piece = static_cast<int>(files);
  raw_field(L, fr, "accepted_types");
  bool has_types = !lua_isnil(L, -1);
  lua_pop(L, 1);
  if (!has_types) return;
  limits.types = strings(L, fr, "accepted_types", what);
  if (limits.types.empty()) raise(L, what + " : « accepted_types » ne peut pas être vide");
  for (const auto& t : limits.types)
    if (t != "pdf" && t != "jpeg" && t != "png")
      raise(L, what + " : type « " + t + " » inconnu dans « accepted_types » (pdf, jpeg ou png)");
}

// The keys a field declaration may hold: a misspelt one (« shown_whem ») must not be ignored.
const std::set<std::string> kFieldKeys{"id",  "label",   "type",       "required", "help",    "options", "shown_when",
                                       "min", "max",     "integer",    "max_length", "format",  "message"};

void check_keys(lua_State* L, int t, const std::set<std::string>& known, const std::string& what) {
  lua_pushnil(L);
  while (lua_next(L, t) != 0) {
    lua_pop(L, 1);
    if (lua_type(L, -1) != LUA_TSTRING || !known.count(lua_tostring(L, -1))) {
      std::string k = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "?";
      lua_pop(L, 1);
      std::string list;
      for (const auto& n : known) list += (list.empty() ? "" : ", ") + n;
      raise(L, what + " : clé « " + k + " » inconnue (clés permises : " + list + ")");
    }
  }
}

// min / max of a number field: a number, or { session = N } for the session's year plus N.
std::optional<NumberBound> read_bound(lua_State* L, int t, const char* key, const std::string& what) {
  raw_field(L, t, key);
  std::optional<NumberBound> out;
  if (lua_type(L, -1) == LUA_TNUMBER) {
    out = NumberBound{lua_tonumber(L, -1), false};
  } else if (lua_istable(L, -1)) {
    int b = lua_gettop(L);
    check_keys(L, b, {"session"}, what + "." + key);
    long long offset = get_integer(L, b, "session", what + "." + key, true);
    if (offset < -100 || offset > 100)
      raise(L, what + " : « " + key + ".session » doit être entre -100 et 100 (années avant ou après la session)");
    out = NumberBound{static_cast<double>(offset), true};
  } else if (!lua_isnil(L, -1)) {
    raise(L, what + " : « " + key + " » doit être un nombre ou { session = N } (l'année de la session plus N)");
  }
  lua_pop(L, 1);
  return out;
}

// One value of a condition: a text (an option's value) or a boolean (a checkbox), as text.
std::string condition_value(lua_State* L, int idx, const std::string& what, bool& boolean) {
  if (lua_type(L, idx) == LUA_TBOOLEAN) {
    boolean = true;
    return lua_toboolean(L, idx) ? "true" : "false";
  }
  if (lua_type(L, idx) != LUA_TSTRING)
    raise(L, what + " : une valeur de condition est un texte (la valeur d'une option) ou true / false (une case à cocher)");
  return lua_tostring(L, idx);
}

// shown_when = { field = "x", equals = v } or { field = "x", one_of = { v1, v2 } }: read
// here, checked against the earlier fields once the whole form is read.
std::optional<FieldCondition> read_condition(lua_State* L, int fe, const std::string& fw) {
  raw_field(L, fe, "shown_when");
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    return std::nullopt;
  }
  const std::string what = fw + ".shown_when";
  if (!lua_istable(L, -1)) raise(L, what + " doit être une table { field = ..., equals = ... }");
  int c = lua_gettop(L);
  check_keys(L, c, {"field", "equals", "one_of"}, what);
  FieldCondition cond;
  cond.field = get_string(L, c, "field", what);
  raw_field(L, c, "equals");
  bool has_equals = !lua_isnil(L, -1);
  bool boolean = false;
  if (has_equals) cond.values.push_back(condition_value(L, -1, what, boolean));
  lua_pop(L, 1);
  raw_field(L, c, "one_of");
  bool has_one_of = !lua_isnil(L, -1);
  lua_pop(L, 1);
  if (has_equals == has_one_of) raise(L, what + " : indiquez soit « equals », soit « one_of »");
  if (has_one_of) {
    each(L, c, "one_of", what, true, [&](int e, size_t) { cond.values.push_back(condition_value(L, e, what, boolean)); });
    if (cond.values.empty()) raise(L, what + " : la liste « one_of » est vide");
  }
  lua_pop(L, 1);
  return cond;
}

// The constraints of a field (min, max, integer, max_length, format), by type.
void read_constraints(lua_State* L, int fe, const std::string& fw, Field& f) {
  f.min = read_bound(L, fe, "min", fw);
  f.max = read_bound(L, fe, "max", fw);
  f.integer = get_bool(L, fe, "integer", fw, false);
  if ((f.min || f.max || f.integer) && f.type != "number")
    raise(L, fw + " : « min », « max » et « integer » ne s'appliquent qu'à un champ de type number");
  if (f.min && f.max && f.min->from_session_year == f.max->from_session_year && f.max->value < f.min->value)
    raise(L, fw + " : « max » est inférieur à « min »");
  bool text_like = f.type == "text" || f.type == "textarea" || f.type == "email" || f.type == "tel";
  long long limit = f.type == "textarea" ? 5000 : 1000;
  long long max_length = get_integer(L, fe, "max_length", fw, false, 0);
  if (max_length != 0) {
    if (!text_like) raise(L, fw + " : « max_length » ne s'applique qu'à un champ de texte");
    if (max_length < 1 || max_length > limit)
      raise(L, fw + " : « max_length » doit être entre 1 et " + std::to_string(limit));
    f.max_length = static_cast<std::size_t>(max_length);
  }
  f.message = get_string(L, fe, "message", fw, false);
  f.format = get_string(L, fe, "format", fw, false);
  if (!f.format.empty()) {
    if (f.format != kPostalCodeFormat) raise(L, fw + " : format « " + f.format + " » inconnu (formats permis : postal_code)");
    if (f.type != "text") raise(L, fw + " : « format » ne s'applique qu'à un champ de type text");
  }
  if (!f.message.empty() && !(f.min || f.max || f.integer || f.max_length || !f.format.empty()))
    raise(L, fw + " : « message » accompagne une contrainte (min, max, integer, max_length ou format)");
}

// Each condition names an earlier field (a select, radio or checkbox) and values it can take.
void check_conditions(lua_State* L, Exam& x) {
  std::map<std::string, const Field*> earlier;
  for (auto& tab : x.tabs) {
    for (auto& f : tab.fields) {
      if (f.shown_when) {
        const std::string what = "exam.tabs[" + tab.id + "].fields[" + f.id + "].shown_when";
        auto& c = *f.shown_when;
        auto it = earlier.find(c.field);
        if (it == earlier.end()) {
          if (c.field == f.id) raise(L, what + " : un champ ne peut pas dépendre de lui-même");
          if (x.find_field(c.field))
            raise(L, what + " : le champ « " + c.field + " » est déclaré après « " + f.id +
                         " » ; une condition ne porte que sur un champ qui la précède dans le formulaire");
          raise(L, what + " : le champ « " + c.field + " » n'existe pas dans le formulaire");
        }
        const Field& g = *it->second;
        if (g.type == "checkbox") {
          c.checkbox = true;
          for (const auto& v : c.values)
            if (v != "true" && v != "false")
              raise(L, what + " : « " + c.field + " » est une case à cocher : la condition vaut true ou false, pas « " +
                           v + " »");
        } else if (g.type == "select" || g.type == "radio") {
          for (const auto& v : c.values) {
            bool known = false;
            for (const auto& o : g.options) known = known || o.value == v;
            if (!known) {
              std::string list;
              for (const auto& o : g.options) list += (list.empty() ? "" : ", ") + o.value;
              raise(L, what + " : « " + v + " » n'est pas une option du champ « " + c.field + " » (" + list + ")");
            }
          }
        } else {
          raise(L, what + " : une condition porte sur un champ select, radio ou checkbox ; « " + c.field +
                       " » est de type " + g.type);
        }
      }
      earlier.emplace(f.id, &f);
    }
  }
}

void require_table(lua_State* L, const std::string& what) {
  if (!lua_istable(L, 1)) raise(L, what + " attend une table : " + what + " { ... }");
}

}  // namespace

Academy read_academy(lua_State* L) {
  const std::string what = "academy";
  require_table(L, what);
  check_api_level(L, what);
  Academy a;
  a.code = get_code(L, 1, "code", what);
  a.name = get_string(L, 1, "name", what);
  a.number = static_cast<int>(get_integer(L, 1, "number", what, true));
  a.timezone = get_string(L, 1, "timezone", what);
  auto zone = find_zone(a.timezone);
  if (!zone.ok()) raise(L, what + " : " + zone.error().message);
  a.zone = *zone;
  a.departments = strings(L, 1, "departments", what);
  if (a.departments.empty()) raise(L, what + " : la liste « departments » est vide");
  std::set<std::string> poles;
  each(L, 1, "poles", what, true, [&](int e, size_t i) {
    std::string w = "academy.poles[" + std::to_string(i) + "]";
    if (!lua_istable(L, e)) raise(L, w + " doit être une table");
    Pole p;
    p.code = get_code(L, e, "code", w);
    p.name = get_string(L, e, "name", w);
    p.email = get_string(L, e, "email", w);
    p.phones = strings(L, e, "phones", w);
    if (!poles.insert(p.code).second) raise(L, w + " : le pôle « " + p.code + " » est déclaré deux fois");
    a.poles.push_back(std::move(p));
  });
  a.postal_address = read_postal_address(L, 1, what);
  // The documents the office may publish (convocation, relevé de notes...): code and French
  // label; a publication of any other type is refused with this list.
  raw_field(L, 1, "document_types");
  const bool declares_types = !lua_isnil(L, -1);
  lua_pop(L, 1);
  std::set<std::string> types;
  each(L, 1, "document_types", what, false, [&](int e, size_t i) {
    std::string w = "academy.document_types[" + std::to_string(i) + "]";
    if (!lua_istable(L, e)) raise(L, w + " doit être une table { code = \"...\", label = \"...\" }");
    DocumentType t;
    t.code = get_code(L, e, "code", w);
    t.label = get_string(L, e, "label", w);
    if (t.label.find_first_not_of(' ') == std::string::npos) raise(L, w + " : le libellé « label » est vide");
    if (t.code == "recapitulatif")
      raise(L, w + " : le code « recapitulatif » est réservé au récapitulatif d'inscription");
    if (!types.insert(t.code).second) raise(L, w + " : le type « " + t.code + " » est déclaré deux fois");
    a.document_types.push_back(std::move(t));
  });
  if (declares_types && a.document_types.empty())
    raise(L, what + " : la liste « document_types » est vide (retirez-la pour les types par défaut)");
  if (!declares_types) a.document_types = default_document_types();
  // conservation = { pieces = { mois = 12, motif = "…" }, inscriptions = {…}, comptes = {…} }:
  // each part optional (the default stays), each with its months and the académie's reason.
  raw_field(L, 1, "conservation");
  if (!lua_isnil(L, -1)) {
    if (!lua_istable(L, -1)) raise(L, what + " : « conservation » doit être une table { pieces, inscriptions, comptes }");
    const int t = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, t)) {
      const std::string key = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : "?";
      RetentionRule* rule = key == "pieces"         ? &a.retention.pieces
                            : key == "inscriptions" ? &a.retention.registrations
                            : key == "comptes"      ? &a.retention.accounts
                                                    : nullptr;
      const std::string w = "academy.conservation." + key;
      if (!rule) raise(L, what + " : « conservation » ne connaît pas « " + key + " » (pieces, inscriptions, comptes)");
      if (!lua_istable(L, -1)) raise(L, w + " doit être une table { mois = …, motif = \"…\" }");
      const int e = lua_gettop(L);
      const long long months = get_integer(L, e, "mois", w, true);
      if (months < 1 || months > 120) raise(L, w + " : « mois » doit être entre 1 et 120");
      rule->months = static_cast<int>(months);
      rule->reason = get_string(L, e, "motif", w);
      if (rule->reason.find_first_not_of(' ') == std::string::npos)
        raise(L, w + " : le « motif » est vide : dites pourquoi cette durée (registre des traitements)");
      lua_pop(L, 1);
    }
    if (a.retention.registrations.months < a.retention.pieces.months)
      raise(L, what + " : conservation : les inscriptions ne peuvent pas être supprimées avant leurs pièces");
  }
  lua_pop(L, 1);
  // Opt-in: the académie's site may show « N inscriptions enregistrées » per open session.
  a.public_figures = get_bool(L, 1, "statistiques_publiques", what, false);
  raw_field(L, 1, "residence");
  if (!lua_isnil(L, -1) && !lua_isfunction(L, -1)) raise(L, what + " : « residence » doit être une fonction");
  a.has_residence_rule = lua_isfunction(L, -1);
  lua_pop(L, 1);
  Caller c = caller(L);
  a.source = {c.file, c.line};
  return a;
}

Session read_session(lua_State* L, const Academy& academy) {
  const std::string what = "session";
  require_table(L, what);
  Session s;
  s.exam = get_code(L, 1, "exam", what);
  s.session = get_string(L, 1, "session", what);
  if (!is_session_label(s.session)) raise(L, what + " : libellé de session « " + s.session + " » invalide");
  s.title = get_string(L, 1, "title", what);
  s.opens = get_date(L, 1, "opens", what, academy.zone);
  s.closes = get_date(L, 1, "closes", what, academy.zone);
  raw_field(L, 1, "edits_close");
  bool has_edits = !lua_isnil(L, -1);
  lua_pop(L, 1);
  s.edits_close = has_edits ? get_date(L, 1, "edits_close", what, academy.zone) : s.closes;
  raw_field(L, 1, "final_registration");
  if (!lua_istable(L, -1)) raise(L, what + " : « final_registration » est obligatoire (mode postal ou upload)");
  int fr = lua_gettop(L);
  std::string mode = get_string(L, fr, "mode", "final_registration");
  if (mode == "postal") s.final_registration.mode = FinalMode::postal;
  else if (mode == "upload") s.final_registration.mode = FinalMode::upload;
  else raise(L, "final_registration : mode « " + mode + " » inconnu (postal ou upload)");
  raw_field(L, fr, "deadline");
  bool has_deadline = !lua_isnil(L, -1);
  lua_pop(L, 1);
  if (has_deadline) s.final_registration.deadline = get_date(L, fr, "deadline", "final_registration", academy.zone);
  s.final_registration.instructions = get_string(L, fr, "instructions", "final_registration", false);
  read_upload_limits(L, fr, s.final_registration.uploads);
  lua_pop(L, 1);
  s.portal_url = get_string(L, 1, "portal_url", what, false);
  s.summary_after_close = get_bool(L, 1, "summary_after_close", what, false);
  s.reminder_days = static_cast<int>(get_integer(L, 1, "reminder_days", what, false, 3));
  if (s.reminder_days < 0 || s.reminder_days > 60) raise(L, what + " : « reminder_days » doit être entre 0 et 60");

  // Consistency of the dates, reported at the session's line.
  if (!(s.opens < s.closes)) raise(L, what + " " + s.exam + " " + s.session + " : l'ouverture doit précéder la clôture");
  if (!(s.opens < s.edits_close))
    raise(L, what + " " + s.exam + " " + s.session + " : l'ouverture doit précéder la fin des modifications");
  if (s.final_registration.deadline && *s.final_registration.deadline < s.edits_close)
    raise(L, what + " " + s.exam + " " + s.session +
                 " : la date limite des pièces ne peut pas précéder la fin des modifications");
  read_session_extras(L, academy, s);
  if (academy.find_session(s.exam, s.session))
    raise(L, what + " : la session « " + s.exam + " " + s.session + " » est déclarée deux fois");
  Caller c = caller(L);
  s.source = {c.file, c.line};
  return s;
}

Exam read_exam(lua_State* L) {
  const std::string what = "exam";
  require_table(L, what);
  check_api_level(L, what);
  Exam x;
  x.code = get_code(L, 1, "code", what);
  x.name = get_string(L, 1, "name", what);
  std::set<std::string> seen;
  each(L, 1, "specialities", what, true, [&](int e, size_t i) {
    std::string w = "exam.specialities[" + std::to_string(i) + "]";
    if (!lua_istable(L, e)) raise(L, w + " doit être une table");
    Speciality s;
    s.code = get_code(L, e, "code", w);
    s.label = get_string(L, e, "label", w);
    s.sector = get_string(L, e, "sector", w, false);
    if (!seen.insert(s.code).second) raise(L, w + " : la spécialité « " + s.code + " » est déclarée deux fois");
    read_speciality_extras(L, e, w, s);
    x.specialities.push_back(std::move(s));
  });
  if (x.specialities.empty()) raise(L, what + " : aucune spécialité déclarée");
  std::set<std::string> fields, tabs;
  each(L, 1, "tabs", what, true, [&](int e, size_t i) {
    std::string w = "exam.tabs[" + std::to_string(i) + "]";
    if (!lua_istable(L, e)) raise(L, w + " doit être une table");
    Tab tab{get_code(L, e, "id", w), get_string(L, e, "title", w), {}};
    if (!tabs.insert(tab.id).second) raise(L, w + " : l'onglet « " + tab.id + " » est déclaré deux fois");
    each(L, e, "fields", w, true, [&](int fe, size_t j) {
      std::string fw = w + ".fields[" + std::to_string(j) + "]";
      if (!lua_istable(L, fe)) raise(L, fw + " doit être une table");
      Field f;
      f.id = get_code(L, fe, "id", fw);
      f.label = get_string(L, fe, "label", fw);
      f.type = get_string(L, fe, "type", fw);
      f.required = get_bool(L, fe, "required", fw, false);
      f.help = get_string(L, fe, "help", fw, false);
      if (!kFieldTypes.count(f.type)) raise(L, fw + " : type « " + f.type + " » inconnu");
      check_keys(L, fe, kFieldKeys, fw);
      f.shown_when = read_condition(L, fe, fw);
      read_constraints(L, fe, fw, f);
      if (!fields.insert(f.id).second) raise(L, fw + " : le champ « " + f.id + " » est déclaré deux fois");
      each(L, fe, "options", fw, false, [&](int oe, size_t k) {
        std::string ow = fw + ".options[" + std::to_string(k) + "]";
        if (!lua_istable(L, oe)) raise(L, ow + " doit être une table { value, label }");
        f.options.push_back({get_string(L, oe, "value", ow), get_string(L, oe, "label", ow)});
      });
      if (f.id == "speciality") {
        if (f.type != "select" && f.type != "radio") raise(L, fw + " : le champ speciality doit être de type select");
        f.options.clear();
        for (const auto& s : x.specialities) f.options.push_back({s.code, s.label});
      }
      if (f.id == "speciality_option") fill_speciality_option_field(L, x, f, fw);
      if ((f.type == "select" || f.type == "radio") && f.options.empty())
        raise(L, fw + " : un champ " + f.type + " doit avoir des options");
      tab.fields.push_back(std::move(f));
    });
    x.tabs.push_back(std::move(tab));
  });
  x.index_fields();
  check_speciality_option_field(L, x, fields.count("speciality_option") > 0);
  if (!fields.count("postal_code")) raise(L, what + " : le formulaire doit avoir un champ « postal_code »");
  check_conditions(L, x);
  std::set<std::string> pieces;
  each(L, 1, "pieces", what, true, [&](int e, size_t i) {
    std::string w = "exam.pieces[" + std::to_string(i) + "]";
    if (!lua_istable(L, e)) raise(L, w + " doit être une table");
    PieceDef p{get_code(L, e, "code", w), get_string(L, e, "label", w), get_string(L, e, "explanation", w)};
    if (!pieces.insert(p.code).second) raise(L, w + " : la pièce « " + p.code + " » est déclarée deux fois");
    x.pieces.push_back(std::move(p));
  });
  for (const char* fn : {"validate", "require_pieces", "route"}) {
    raw_field(L, 1, fn);
    bool required = std::string(fn) != "validate";
    if (lua_isnil(L, -1) ? required : !lua_isfunction(L, -1))
      raise(L, what + " : « " + fn + " » doit être une fonction");
    lua_pop(L, 1);
  }
  Caller c = caller(L);
  x.source = {c.file, c.line};
  return x;
}

ScriptCase read_case(lua_State* L) {
  const std::string what = "case";
  require_table(L, what);
  ScriptCase k;
  k.name = get_string(L, 1, "name", what);
  k.academy = get_string(L, 1, "academy", what);
  k.exam = get_string(L, 1, "exam", what);
  k.session = get_string(L, 1, "session", what);
  k.at = get_string(L, 1, "at", what);
  for (const char* key : {"answers", "identity", "expect"}) {
    raw_field(L, 1, key);
    boost::json::object o;
    if (lua_istable(L, -1)) {
      auto v = to_json(L, -1);
      if (v.is_object()) o = std::move(v.get_object());
      else if (!(v.is_array() && v.get_array().empty()))
        raise(L, what + " : « " + key + " » doit être une table de champs");
    } else if (!lua_isnil(L, -1)) {
      raise(L, what + " : « " + key + " » doit être une table");
    }
    lua_pop(L, 1);
    if (std::string(key) == "answers") k.answers = std::move(o);
    else if (std::string(key) == "identity") k.identity = std::move(o);
    else k.expect = std::move(o);
  }
  if (k.expect.empty()) raise(L, what + " « " + k.name + " » : « expect » est vide, le cas ne vérifierait rien");
  Caller c = caller(L);
  k.source = {c.file, c.line};
  return k;
}

}  // namespace guichet::lua
