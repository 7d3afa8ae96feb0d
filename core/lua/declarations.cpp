#include "core/lua/declarations.hpp"

#include <regex>
#include <set>

#include "core/lua/declaration_extras.hpp"
#include "core/lua/lua_util.hpp"
#include "core/time_format.hpp"

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

namespace guichet::lua {
namespace {

const std::regex kCode(R"(^[a-z][a-z0-9_]{0,31}$)");
const std::regex kLabel(R"(^[A-Za-z0-9_-]{1,32}$)");
const std::set<std::string> kFieldTypes{"text",   "textarea", "date",  "email",   "tel",
                                        "number", "select",   "radio", "checkbox"};

void check_api_level(lua_State* L, const std::string& what) {
  long long level = get_integer(L, 1, "api_level", what, true);
  if (level != 1) raise(L, what + " : api_level " + std::to_string(level) + " non pris en charge (seul 1 l'est)");
}

std::string get_code(lua_State* L, int t, const char* key, const std::string& what) {
  std::string c = get_string(L, t, key, what);
  if (!std::regex_match(c, kCode))
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
  if (!std::regex_match(s.session, kLabel)) raise(L, what + " : libellé de session « " + s.session + " » invalide");
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
