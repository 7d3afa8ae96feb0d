#include "core/form_check.hpp"

#include <regex>

#include "core/time_format.hpp"

namespace guichet {
namespace {

bool blank(const boost::json::value& v) {
  if (v.is_null()) return true;
  if (v.is_string()) {
    for (char c : v.get_string())
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
    return true;
  }
  return false;
}

// Returns an error message, or an empty string when the value fits the field.
std::string check_value(const Field& f, const boost::json::value& v) {
  static const std::regex email(R"(^[^@\s]{1,64}@[^@\s.]+(\.[^@\s.]+)+$)");
  static const std::regex tel(R"(^\+?[0-9 .()-]{6,20}$)");
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
  if (t == "email" && !std::regex_match(s.begin(), s.end(), email))
    return "Adresse électronique invalide.";
  if (t == "tel" && !std::regex_match(s.begin(), s.end(), tel)) return "Numéro de téléphone invalide.";
  if (t == "date" && !parse_calendar_date(s).ok()) return "Date invalide (format attendu : AAAA-MM-JJ).";
  if (t == "select" || t == "radio") {
    for (const auto& o : f.options)
      if (o.value == s) return {};
    return "Choix invalide.";
  }
  return {};
}

}  // namespace

boost::json::object check_form(const Exam& exam, const boost::json::object& answers, Verdict& verdict) {
  boost::json::object accepted;
  auto fail = [&](const std::string& field, std::string message) {
    verdict.errors.emplace(field, FieldError{std::move(message), exam.source});
  };
  for (const auto& [key, value] : answers) {
    std::string k(key);
    if (!exam.find_field(k)) fail(k, "Ce champ n'existe pas dans le formulaire.");
  }
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
      accepted.emplace(f.id, it->value());
    }
  }
  return accepted;
}

}  // namespace guichet
