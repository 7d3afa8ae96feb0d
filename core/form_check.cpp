#include "core/form_check.hpp"

#include <cmath>
#include <cstdio>

#include "core/time_format.hpp"

namespace guichet {
namespace {

bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool blank(const boost::json::value& v) {
  if (v.is_null()) return true;
  if (v.is_string()) {
    for (char c : v.get_string())
      if (!space(c)) return false;
    return true;
  }
  return false;
}

// local@domain.tld: no spaces, one '@', a dot in the domain with non-empty labels.
bool plausible_email(std::string_view s) {
  auto at = s.find('@');
  if (at == 0 || at == std::string_view::npos || at > 64 || s.find('@', at + 1) != std::string_view::npos) return false;
  for (char c : s)
    if (space(c)) return false;
  std::string_view domain = s.substr(at + 1);
  if (domain.empty() || domain.front() == '.' || domain.back() == '.' || domain.find("..") != std::string_view::npos)
    return false;
  return domain.find('.') != std::string_view::npos;
}

// Digits with optional leading '+' and separators (spaces, dots, dashes, parentheses).
bool plausible_phone(std::string_view s) {
  if (s.size() < 6 || s.size() > 20) return false;
  int digits = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c >= '0' && c <= '9') ++digits;
    else if (!(c == ' ' || c == '.' || c == '-' || c == '(' || c == ')' || (c == '+' && i == 0))) return false;
  }
  return digits >= 6;
}

bool five_digits(std::string_view s) {
  if (s.size() != 5) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// Characters, not bytes: what a person counts (UTF-8 continuation bytes are skipped).
std::size_t characters(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string check_number(const Field& f, double n, std::optional<int> year) {
  if (!std::isfinite(n)) return "Ce champ doit être un nombre.";
  if (f.integer && std::floor(n) != n) return "Indiquez un nombre entier.";
  std::optional<double> lo = f.min ? resolve_bound(*f.min, year) : std::nullopt;
  std::optional<double> hi = f.max ? resolve_bound(*f.max, year) : std::nullopt;
  const double low = lo.value_or(-HUGE_VAL), high = hi.value_or(HUGE_VAL);
  if (n < low || n > high) {
    if (lo && hi) return "Indiquez un nombre entre " + french_number(low) + " et " + french_number(high) + ".";
    if (lo) return "Indiquez un nombre supérieur ou égal à " + french_number(low) + ".";
    return "Indiquez un nombre inférieur ou égal à " + french_number(high) + ".";
  }
  return {};
}

// Returns an error message, or an empty string when the value fits the field.
// `constraint` tells a broken declared constraint (min, max, integer, max_length, format)
// from a value of the wrong kind.
std::string check_value(const Field& f, const boost::json::value& v, std::optional<int> year, bool& constraint) {
  const std::string& t = f.type;
  if (t == "checkbox") {
    if (!v.is_bool()) return "Cette case doit valoir vrai ou faux.";
    if (f.required && !v.get_bool()) return "Vous devez cocher cette case.";
    return {};
  }
  if (t == "number") {
    if (!v.is_number()) return "Ce champ doit être un nombre.";
    std::string m = check_number(f, v.to_number<double>(), year);
    constraint = !m.empty() && std::isfinite(v.to_number<double>());
    return m;
  }
  if (!v.is_string()) return "Ce champ doit être un texte.";
  std::string_view s = v.get_string();
  size_t max = t == "textarea" ? kMaxTextareaLength : kMaxTextLength;
  if (s.size() > max) return "Ce champ est trop long (" + std::to_string(max) + " caractères au plus).";
  constraint = true;
  if (f.max_length && characters(s) > f.max_length)
    return "Ce champ est trop long (" + std::to_string(f.max_length) + " caractères au plus).";
  if (f.format == kPostalCodeFormat && !five_digits(s))
    return "Le code postal doit comporter 5 chiffres, sans espace (par exemple 86000).";
  constraint = false;
  if (t == "email" && !plausible_email(s)) return "Adresse électronique invalide.";
  if (t == "tel" && !plausible_phone(s)) return "Numéro de téléphone invalide.";
  if (t == "date" && !parse_calendar_date(s).ok()) return "Date invalide (format attendu : AAAA-MM-JJ).";
  if (t == "select" || t == "radio") {
    for (const auto& o : f.options)
      if (o.value == s) return {};
    return "Choix invalide.";
  }
  return {};
}

}  // namespace

std::string french_number(double n) {
  char buf[64];
  if (std::floor(n) == n && std::fabs(n) < 1e15) std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(n));
  else std::snprintf(buf, sizeof buf, "%g", n);
  std::string out(buf);
  for (char& c : out)
    if (c == '.') c = ',';
  return out;
}

bool field_shown(const Field& field, const boost::json::object& answers, const std::set<std::string, std::less<>>& shown) {
  if (!field.shown_when) return true;
  const auto& c = *field.shown_when;
  if (!shown.count(c.field)) return false;
  const boost::json::value* v = answers.if_contains(c.field);
  std::string_view given;
  if (!v || v->is_null()) {
    if (!c.checkbox) return false;
    given = "false";  // an unticked box is often not sent at all
  } else if (v->is_bool()) given = v->get_bool() ? "true" : "false";
  else if (v->is_string()) given = v->get_string();
  else return false;
  for (const auto& want : c.values)
    if (want == given) return true;
  return false;
}

std::vector<AcceptedAnswer> check_form(const Exam& exam, std::string_view session_label,
                                       const boost::json::object& answers, Verdict& verdict) {
  std::vector<AcceptedAnswer> accepted;
  accepted.reserve(answers.size());
  auto fail = [&](const std::string& field, std::string message) {
    verdict.errors.emplace(field, FieldError{std::move(message), exam.source});
  };
  std::optional<int> year = session_year(session_label);
  std::set<std::string, std::less<>> shown;
  for (const auto& tab : exam.tabs) {
    for (const auto& f : tab.fields) {
      auto it = answers.find(f.id);
      if (!field_shown(f, answers, shown)) {
        // Not shown: not asked, so neither checked nor kept, whatever the portal sent.
        if (it != answers.end()) verdict.hidden_answers.push_back(f.id);
        continue;
      }
      shown.insert(f.id);
      if (it == answers.end() || blank(it->value())) {
        if (f.required) fail(f.id, "Ce champ est obligatoire.");
        continue;
      }
      bool constraint = false;
      std::string msg = check_value(f, it->value(), year, constraint);
      if (constraint && !f.message.empty()) msg = f.message;
      if (!msg.empty()) {
        fail(f.id, std::move(msg));
        continue;
      }
      accepted.push_back({f.id, &it->value()});
    }
  }
  // Only when some answer matched no field is the slower search for the intruders worth it.
  size_t known = 0;
  for (const auto& tab : exam.tabs)
    for (const auto& f : tab.fields) known += answers.contains(f.id) ? 1 : 0;
  if (known < answers.size())
    for (const auto& [key, value] : answers)
      if (!exam.find_field(key)) fail(std::string(key), "Ce champ n'existe pas dans le formulaire.");
  return accepted;
}

}  // namespace guichet
