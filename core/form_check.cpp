#include "core/form_check.hpp"


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

// Returns an error message, or an empty string when the value fits the field.
std::string check_value(const Field& f, const boost::json::value& v) {
  const std::string& t = f.type;
  if (t == "checkbox") {
    if (!v.is_bool()) return "Cette case doit valoir vrai ou faux.";
    if (f.required && !v.get_bool()) return "Vous devez cocher cette case.";
    return {};
  }
  if (t == "number") {
    if (!v.is_number()) return "Ce champ doit être un nombre.";
    return {};
  }
  if (!v.is_string()) return "Ce champ doit être un texte.";
  std::string_view s = v.get_string();
  size_t max = t == "textarea" ? kMaxTextareaLength : kMaxTextLength;
  if (s.size() > max) return "Ce champ est trop long (" + std::to_string(max) + " caractères au plus).";
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

std::vector<AcceptedAnswer> check_form(const Exam& exam, const boost::json::object& answers, Verdict& verdict) {
  std::vector<AcceptedAnswer> accepted;
  accepted.reserve(answers.size());
  auto fail = [&](const std::string& field, std::string message) {
    verdict.errors.emplace(field, FieldError{std::move(message), exam.source});
  };
  for (const auto& tab : exam.tabs) {
    for (const auto& f : tab.fields) {
      auto it = answers.find(f.id);
      if (it == answers.end() || blank(it->value())) {
        if (f.required) fail(f.id, "Ce champ est obligatoire.");
        continue;
      }
      std::string msg = check_value(f, it->value());
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
