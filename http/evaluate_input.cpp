#include "http/evaluate_input.hpp"

#include "core/time_format.hpp"

namespace guichet::api {
namespace json = boost::json;

std::string at_fault(const Error& e) {
  if (e.code == ErrorCode::time_out_of_range) return e.message;
  return "Date invalide : format RFC 3339 attendu, par exemple 2024-11-13T19:00:00+01:00.";
}

void read_evaluate_members(const json::object& body, EvaluateInput& out, std::map<std::string, std::string>& faults) {
  if (const json::value* v = body.if_contains("at")) {
    auto t = v->is_string() ? parse_rfc3339(v->get_string()) : Result<Seconds>(Error{ErrorCode::invalid_time, ""});
    if (!t.ok()) faults["at"] = at_fault(t.error());
    else out.at = *t;
  }
  if (const json::value* v = body.if_contains("answers")) {
    if (!v->is_object()) faults["answers"] = "Un objet de réponses est attendu.";
    else out.answers = v->get_object();
  } else {
    faults["answers"] = "Ce champ est obligatoire.";
  }
  if (const json::value* v = body.if_contains("identity")) {
    if (!v->is_object()) {
      faults["identity"] = "Un objet est attendu.";
      return;
    }
    for (const auto& [ik, iv] : v->get_object()) {
      std::string ikey(ik);
      if (ikey != "birth_date" && ikey != "nationality") faults["identity." + ikey] = "Champ inconnu.";
      else if (!iv.is_string()) faults["identity." + ikey] = "Un texte est attendu.";
      else if (ikey == "birth_date" && !parse_calendar_date(iv.get_string()).ok())
        faults["identity.birth_date"] = "Date invalide (format attendu : AAAA-MM-JJ).";
    }
    out.identity = v->get_object();
  }
}

}  // namespace guichet::api
