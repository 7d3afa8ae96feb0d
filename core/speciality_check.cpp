#include "core/speciality_check.hpp"

namespace guichet {
namespace {

std::string string_answer(const boost::json::object& answers, const char* key) {
  const auto* v = answers.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

std::string options_text(const Speciality& s) {
  std::string out;
  for (size_t i = 0; i < s.options.size(); ++i) {
    if (i) out += i + 1 == s.options.size() ? " ou " : ", ";
    out += "« " + s.options[i].label + " »";
  }
  return out;
}

}  // namespace

void check_speciality(const Exam& exam, const Session& session, const boost::json::object& answers, Verdict& verdict) {
  auto fail = [&](const char* field, std::string message) {
    verdict.errors.emplace(field, FieldError{std::move(message), exam.source});
  };
  const std::string code = string_answer(answers, "speciality");
  const Speciality* s = code.empty() ? nullptr : exam.find_speciality(code);
  if (!s || verdict.errors.count("speciality")) return;
  if (!s->open_to(session.session)) {
    fail("speciality", "La spécialité « " + s->label + " » n'est pas ouverte à la session " + session.session + ".");
    return;
  }
  // The option field is shown (and required) only for specialities with options: for the
  // others its answer is hidden, so ignored like any hidden answer.
  if (s->options.empty()) return;
  const std::string option = string_answer(answers, "speciality_option");
  verdict.errors.erase("speciality_option");  // the generic "obligatoire" says less than what follows
  if (option.empty()) {
    fail("speciality_option", "Choisissez l'option de la spécialité « " + s->label + " » : " + options_text(*s) + ".");
    return;
  }
  if (!s->find_option(option))
    fail("speciality_option", "Cette option n'existe pas pour la spécialité « " + s->label + " » : choisissez " +
                                  options_text(*s) + ".");
}

}  // namespace guichet
