#include "core/lua/declaration_extras.hpp"

#include <set>

#include "core/lua/lua_util.hpp"
#include "core/time_format.hpp"

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

namespace guichet::lua {
namespace {

constexpr const char* kDeadlinePlaceholder = "{date_limite}";

std::vector<std::string> string_list(lua_State* L, int t, const char* key, const std::string& what) {
  std::vector<std::string> out;
  raw_field(L, t, key);
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    return out;
  }
  if (!lua_istable(L, -1)) raise(L, what + " : « " + key + " » doit être une liste de textes");
  int list = lua_gettop(L);
  size_t n = lua_objlen(L, list);
  for (size_t i = 1; i <= n; ++i) {
    lua_rawgeti(L, list, static_cast<int>(i));
    if (lua_type(L, -1) != LUA_TSTRING) raise(L, what + " : « " + key + " » doit contenir des textes");
    std::string line = lua_tostring(L, -1);
    if (line.empty()) raise(L, what + " : « " + key + " » contient une ligne vide");
    out.push_back(std::move(line));
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  return out;
}

// The first date written in words ("24 novembre", "1er octobre"), or "".
std::string written_date(const std::string& text) {
  static const char* kMonths[] = {"janvier", "février",   "fevrier", "mars",     "avril",   "mai",
                                  "juin",    "juillet",   "août",    "aout",     "septembre", "octobre",
                                  "novembre", "décembre", "decembre"};
  for (const char* m : kMonths) {
    const std::string month = m;
    for (size_t pos = text.find(month); pos != std::string::npos; pos = text.find(month, pos + 1)) {
      size_t i = pos;
      size_t after = pos + month.size();
      if (after < text.size() && ((text[after] >= 'a' && text[after] <= 'z') || (text[after] >= 'A' && text[after] <= 'Z')))
        continue;
      if (i == 0 || text[i - 1] != ' ') continue;
      --i;
      if (i >= 2 && text.compare(i - 2, 2, "er") == 0) i -= 2;
      size_t end = i;
      while (i > 0 && text[i - 1] >= '0' && text[i - 1] <= '9') --i;
      if (i == end) continue;
      return text.substr(i, pos + month.size() - i);
    }
  }
  // "24/11/2022"
  for (size_t i = 0; i + 10 <= text.size(); ++i) {
    auto d = [&](size_t k) { return text[i + k] >= '0' && text[i + k] <= '9'; };
    if (d(0) && d(1) && text[i + 2] == '/' && d(3) && d(4) && text[i + 5] == '/' && d(6) && d(7) && d(8) && d(9))
      return text.substr(i, 10);
  }
  return {};
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (size_t pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size()))
    text.replace(pos, from.size(), to);
  return text;
}

}  // namespace

std::vector<std::string> read_postal_address(lua_State* L, int t, const std::string& what) {
  return string_list(L, t, "postal_address", what);
}

void read_session_extras(lua_State* L, const Academy& academy, Session& s) {
  const std::string what = "session " + s.exam + " " + s.session;
  s.postal_address = read_postal_address(L, 1, what);
  raw_field(L, 1, "contact");
  if (!lua_isnil(L, -1)) {
    if (!lua_istable(L, -1)) raise(L, what + " : « contact » doit être une table { name, phones, email }");
    int c = lua_gettop(L);
    Pole p;
    p.name = get_string(L, c, "name", what + " : contact");
    p.email = get_string(L, c, "email", what + " : contact", false);
    p.phones = string_list(L, c, "phones", what + " : contact");
    s.contact = std::move(p);
  }
  lua_pop(L, 1);

  auto& fr = s.final_registration;
  if (fr.mode == FinalMode::postal && academy.postal_address_for(s).empty())
    raise(L, what + " : en mode postal, le candidat doit savoir où envoyer son dossier : déclarez"
                    " « postal_address » dans academy{} ou dans cette session");
  const std::string date = written_date(fr.instructions);
  if (!date.empty())
    raise(L, what + " : final_registration : « instructions » écrit une date à la main (« " + date +
                 " ») : écrivez " + kDeadlinePlaceholder +
                 ", que le serveur remplace par la date limite déclarée dans « deadline »"
                 " (par exemple « avant le 24 novembre 2022 »)");
  if (fr.instructions.find(kDeadlinePlaceholder) != std::string::npos) {
    if (!fr.deadline)
      raise(L, what + " : final_registration : « instructions » utilise " + kDeadlinePlaceholder +
                   " mais la session n'a pas de « deadline »");
    fr.instructions = replace_all(fr.instructions, kDeadlinePlaceholder, format_deadline(*fr.deadline, academy.zone));
  }
}

void read_speciality_extras(lua_State* L, int e, const std::string& what, Speciality& s) {
  raw_field(L, e, "sessions");
  if (!lua_isnil(L, -1)) {
    if (!lua_istable(L, -1)) raise(L, what + " : « sessions » doit être une table { from = \"2021\", to = \"2024\" }");
    int t = lua_gettop(L);
    s.sessions_from = get_string(L, t, "from", what + " : sessions", false);
    s.sessions_to = get_string(L, t, "to", what + " : sessions", false);
    if (s.sessions_from.empty() && s.sessions_to.empty())
      raise(L, what + " : « sessions » doit donner « from » (première session) ou « to » (dernière session)");
    if (!s.sessions_from.empty() && !s.sessions_to.empty() && !s.open_to(s.sessions_from))
      raise(L, what + " : « sessions » : « from » (" + s.sessions_from + ") vient après « to » (" + s.sessions_to + ")");
  }
  lua_pop(L, 1);
  raw_field(L, e, "options");
  if (!lua_isnil(L, -1)) {
    if (!lua_istable(L, -1)) raise(L, what + " : « options » doit être une liste { code, label }");
    int list = lua_gettop(L);
    size_t n = lua_objlen(L, list);
    std::set<std::string> seen;
    for (size_t i = 1; i <= n; ++i) {
      lua_rawgeti(L, list, static_cast<int>(i));
      std::string w = what + ".options[" + std::to_string(i) + "]";
      if (!lua_istable(L, -1)) raise(L, w + " doit être une table { code, label }");
      int o = lua_gettop(L);
      SpecialityOption opt{get_string(L, o, "code", w), get_string(L, o, "label", w)};
      if (!seen.insert(opt.code).second) raise(L, w + " : l'option « " + opt.code + " » est déclarée deux fois");
      s.options.push_back(std::move(opt));
      lua_pop(L, 1);
    }
    if (s.options.size() == 1) raise(L, what + " : une seule option déclarée : une spécialité a au moins deux options, ou aucune");
  }
  lua_pop(L, 1);
}

void fill_speciality_option_field(lua_State* L, const Exam& x, Field& f, const std::string& what) {
  if (f.type != "select" && f.type != "radio") raise(L, what + " : le champ speciality_option doit être de type select");
  if (f.required)
    raise(L, what + " : le champ speciality_option ne peut pas être « required » : seules les spécialités à"
                    " options le demandent, le serveur le vérifie");
  f.options.clear();
  std::set<std::string> seen;
  for (const auto& s : x.specialities)
    for (const auto& o : s.options)
      if (seen.insert(o.code).second) f.options.push_back({o.code, o.label});
}

void check_speciality_option_field(lua_State* L, const Exam& x, bool has_field) {
  bool any = false;
  for (const auto& s : x.specialities) any = any || !s.options.empty();
  if (any && !has_field)
    raise(L, "exam : des spécialités ont des options : le formulaire doit avoir un champ « speciality_option »"
             " (type select) où le candidat choisit la sienne");
  if (!any && has_field)
    raise(L, "exam : le champ « speciality_option » n'a pas lieu d'être : aucune spécialité n'a d'options");
}

}  // namespace guichet::lua
