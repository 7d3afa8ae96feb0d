#include "core/lua/french_messages.hpp"

#include <array>
#include <optional>
#include <vector>

namespace guichet::lua {
namespace {

// An English template: "{}" captures the text up to the next literal part (or the end).
std::optional<std::vector<std::string>> match(std::string_view text, std::string_view pattern) {
  std::vector<std::string> captures;
  size_t t = 0, p = 0;
  while (p < pattern.size()) {
    size_t hole = pattern.find("{}", p);
    std::string_view literal = pattern.substr(p, hole == std::string_view::npos ? std::string_view::npos : hole - p);
    if (text.compare(t, literal.size(), literal) != 0) return std::nullopt;
    t += literal.size();
    if (hole == std::string_view::npos) return t == text.size() ? std::optional(captures) : std::nullopt;
    p = hole + 2;
    size_t next = pattern.find("{}", p);
    std::string_view after = pattern.substr(p, next == std::string_view::npos ? std::string_view::npos : next - p);
    size_t end = after.empty() ? text.size() : text.find(after, t);
    // The last literal anchors at the end of the text (a name may contain the literal).
    if (!after.empty() && next == std::string_view::npos && text.size() >= after.size() &&
        text.compare(text.size() - after.size(), after.size(), after) == 0)
      end = text.size() - after.size();
    if (end == std::string_view::npos || end < t) return std::nullopt;
    captures.emplace_back(text.substr(t, end - t));
    t = end;
  }
  return t == text.size() ? std::optional(captures) : std::nullopt;
}

std::string kind(const std::string& k) {  // what LuaJIT names the value by
  if (k == "global") return "la variable globale";
  if (k == "local") return "la variable locale";
  if (k == "field") return "le champ";
  if (k == "method") return "la méthode";
  if (k == "upvalue") return "la variable";
  if (k == "constant") return "la constante";
  return k;
}

std::string type(const std::string& t) {
  if (t == "nil") return "nil (aucune valeur)";
  if (t == "number") return "un nombre";
  if (t == "string") return "un texte";
  if (t == "boolean") return "un booléen";
  if (t == "table") return "une table";
  if (t == "function") return "une fonction";
  if (t == "userdata") return "une donnée de l'hôte";
  if (t == "no value") return "aucune valeur";
  return t;
}

// $0, $1...: captures as they are; $k0: a kind; $t0: a type.
std::string fill(std::string_view french, const std::vector<std::string>& caps) {
  std::string out;
  for (size_t i = 0; i < french.size(); ++i) {
    if (french[i] != '$' || i + 1 >= french.size()) {
      out += french[i];
      continue;
    }
    char how = french[i + 1] == 'k' || french[i + 1] == 't' ? french[i + 1] : 0;
    size_t digit = i + (how ? 2 : 1);
    size_t index = static_cast<size_t>(french[digit] - '0');
    std::string c = index < caps.size() ? caps[index] : std::string();
    out += how == 'k' ? kind(c) : how == 't' ? type(c) : c;
    i = digit;
  }
  return out;
}

struct Rule {
  const char* english;
  const char* french;
};

// What the parser says (before " near '<token>'").
constexpr std::array kSyntax{
    Rule{"'}' expected (to close '{' at line {})",
         "il manque « } » pour fermer le « { » de la ligne $0 (une virgule oubliée à la fin de la ligne précédente ?)"},
    Rule{"'{}' expected (to close '{}' at line {})", "il manque « $0 » pour fermer le « $1 » de la ligne $2"},
    Rule{"'<name>' expected", "un nom est attendu"},
    Rule{"'=' or 'in' expected", "« = » ou « in » attendu"},
    Rule{"'{}' expected", "il manque « $0 »"},
    Rule{"unexpected symbol", "symbole inattendu"},
    Rule{"unfinished string", "texte entre guillemets non terminé (guillemet fermant oublié ?)"},
    Rule{"unfinished long string", "texte long [[ … ]] non terminé"},
    Rule{"unfinished long comment", "commentaire long --[[ … ]] non terminé"},
    Rule{"malformed number", "nombre mal écrit"},
    Rule{"invalid escape sequence", "séquence d'échappement invalide (une barre oblique inverse dans un texte)"},
    Rule{"invalid long string delimiter", "délimiteur de texte long invalide"},
    Rule{"function arguments expected", "arguments de fonction attendus"},
    Rule{"ambiguous syntax (function call x new statement)",
         "syntaxe ambiguë : appel de fonction ou nouvelle instruction ? (mettez l'appel sur une seule ligne)"},
    Rule{"cannot use '...' outside a vararg function", "« ... » n'est permis que dans une fonction à arguments variables"},
    Rule{"chunk has too many syntax levels", "trop de niveaux d'imbrication"},
    Rule{"control structure too long", "structure de contrôle trop longue"},
    Rule{"function or expression too complex", "fonction ou expression trop complexe"},
};

// What the running script says.
constexpr std::array kRuntime{
    Rule{"attempt to call {} '{}' (a {} value)", "appel impossible : $k0 « $1 » vaut $t2, ce n'est pas une fonction"},
    Rule{"attempt to index {} '{}' (a {} value)",
         "lecture d'un champ impossible : $k0 « $1 » vaut $t2, ce n'est pas une table"},
    Rule{"attempt to perform arithmetic on {} '{}' (a {} value)",
         "calcul impossible : $k0 « $1 » vaut $t2, ce n'est pas un nombre"},
    Rule{"attempt to concatenate {} '{}' (a {} value)",
         "concaténation (..) impossible : $k0 « $1 » vaut $t2, ce n'est ni un texte ni un nombre"},
    Rule{"attempt to get length of {} '{}' (a {} value)", "longueur (#) impossible : $k0 « $1 » vaut $t2"},
    Rule{"attempt to call a {} value", "appel impossible : la valeur appelée vaut $t0, ce n'est pas une fonction"},
    Rule{"attempt to index a {} value", "lecture d'un champ impossible : la valeur lue vaut $t0, ce n'est pas une table"},
    Rule{"attempt to perform arithmetic on a {} value", "calcul impossible : une valeur vaut $t0, ce n'est pas un nombre"},
    Rule{"attempt to concatenate a {} value", "concaténation (..) impossible : une valeur vaut $t0"},
    Rule{"attempt to get length of a {} value", "longueur (#) impossible : la valeur vaut $t0"},
    Rule{"attempt to compare two {} values", "comparaison impossible entre deux valeurs qui valent $t0"},
    Rule{"attempt to compare {} with {}", "comparaison impossible entre $t0 et $t1"},
    Rule{"bad argument #{} to '{}' ({} expected, got {})", "argument n° $0 de « $1 » invalide : $t2 attendu, $t3 reçu"},
    Rule{"bad argument #{} to '{}' ({})", "argument n° $0 de « $1 » invalide ($2)"},
    Rule{"table index is nil", "clé de table nil"},
    Rule{"table index is NaN", "clé de table NaN"},
    Rule{"'for' initial value must be a number", "la valeur initiale d'une boucle « for » doit être un nombre"},
    Rule{"'for' limit must be a number", "la limite d'une boucle « for » doit être un nombre"},
    Rule{"'for' step must be a number", "le pas d'une boucle « for » doit être un nombre"},
    Rule{"invalid order function for sorting", "fonction d'ordre invalide pour le tri"},
    Rule{"wrong number of arguments to 'insert'", "mauvais nombre d'arguments pour « table.insert »"},
};

template <size_t N>
std::optional<std::string> translate(std::string_view text, const std::array<Rule, N>& rules) {
  for (const auto& r : rules)
    if (auto caps = match(text, r.english)) return fill(r.french, *caps);
  return std::nullopt;
}

}  // namespace

std::string in_french(std::string_view m) {
  // "file.lua:12: text": the place stays as it is.
  size_t start = 0;
  if (size_t lua = m.find(".lua:"); lua != std::string_view::npos) {
    size_t end = lua + 5;
    while (end < m.size() && m[end] >= '0' && m[end] <= '9') ++end;
    if (end > lua + 5 && end + 1 < m.size() && m[end] == ':' && m[end + 1] == ' ') start = end + 2;
  }
  std::string_view text = m.substr(start);
  std::string place(m.substr(0, start));
  if (auto runtime = translate(text, kRuntime)) return place + *runtime;
  // Syntax errors end with " near '<token>'".
  size_t near = text.rfind(" near ");
  std::string_view head = near == std::string_view::npos ? text : text.substr(0, near);
  auto syntax = translate(head, kSyntax);
  if (!syntax) return std::string(m);
  if (head == "unexpected symbol" && text.substr(near + 6) == "'<eof>'")
    return place + "le fichier se termine trop tôt (il manque sans doute un « } », un « ) » ou un « end »)";
  std::string out = place + *syntax;
  if (near != std::string_view::npos) {
    std::string_view token = text.substr(near + 6);
    if (token.size() >= 2 && token.front() == '\'' && token.back() == '\'') token = token.substr(1, token.size() - 2);
    out += token == "<eof>" ? ", à la fin du fichier" : ", près de « " + std::string(token) + " »";
  }
  return out;
}

}  // namespace guichet::lua
