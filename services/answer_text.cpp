#include "services/answer_text.hpp"

#include <date/date.h>

#include "core/time_format.hpp"

namespace guichet::services {
namespace json = boost::json;

namespace {

std::string scalar_text(const json::value& v) {
  if (v.is_string()) return std::string(v.get_string());
  if (v.is_int64()) return std::to_string(v.get_int64());
  if (v.is_uint64()) return std::to_string(v.get_uint64());
  if (v.is_double()) {
    std::string s = json::serialize(v);
    for (char& c : s)
      if (c == '.') c = ',';  // 2,5 in French
    return s;
  }
  if (v.is_bool()) return v.get_bool() ? "Oui" : "Non";
  if (v.is_null()) return {};
  return json::serialize(v);
}

}  // namespace

std::string answer_text(const Exam& exam, const Field& field, const json::value* value) {
  if (field.type == "checkbox") return value && value->is_bool() && value->get_bool() ? "Oui" : "Non";
  if (!value || value->is_null()) return {};
  if (value->is_string() && value->get_string().empty()) return {};
  const std::string given = scalar_text(*value);
  if (field.id == "speciality" && field.options.empty()) {
    if (const Speciality* s = exam.find_speciality(given)) return s->label;
    return given;
  }
  if (field.type == "select" || field.type == "radio") {
    for (const auto& o : field.options)
      if (o.value == given) return o.label;
    return given;
  }
  if (field.type == "date") {
    if (auto d = parse_calendar_date(given); d.ok()) return date::format("%d/%m/%Y", *d);
  }
  return given;
}

std::vector<AnswerTab> answers_by_tab(const Exam& exam, const json::object& answers) {
  std::vector<AnswerTab> out;
  for (const auto& tab : exam.tabs) {
    AnswerTab t{tab.title, {}};
    for (const auto& field : tab.fields) {
      std::string text = answer_text(exam, field, answers.if_contains(field.id));
      if (!text.empty()) t.lines.push_back({field.label, std::move(text)});
    }
    if (!t.lines.empty()) out.push_back(std::move(t));
  }
  return out;
}

std::string answer_string(const json::object& answers, const char* key) {
  const auto* v = answers.if_contains(key);
  return v ? scalar_text(*v) : std::string();
}

}  // namespace guichet::services
