// /api/v1/admin/rules/...: the académie's script versions: submit, read, analyse, approve,
// activate (now, later, or an earlier version to roll back), and the approval setting.
#include <boost/beast/http.hpp>

#include "core/time_format.hpp"
#include "http/api_context.hpp"
#include "http/handlers.hpp"
#include "core/rules.hpp"
#include "http/admin_json.hpp"
#include "http/api_helpers.hpp"
#include "http/evaluate_input.hpp"
#include "http/json_error.hpp"
#include "http/json_views.hpp"
#include "http/views/impact_view.hpp"
#include "http/views/rule_version_view.hpp"
#include "services/rules_lifecycle.hpp"

namespace guichet::api {
namespace json = boost::json;
namespace bhttp = boost::beast::http;

namespace {

Result<int> version_number(const std::string& text) {
  if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos)
    return Error{ErrorCode::not_found, "Cette version des règles n'existe pas."};
  return std::stoi(text);
}

// A long text member (a script), unlike string_field's 1000 bytes.
std::optional<std::string> text_member(const json::object& o, const char* key, Error& faults) {
  const json::value* v = o.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_string()) {
    faults.fields[key] = "Un texte est attendu.";
    return std::nullopt;
  }
  return std::string(v->get_string());
}

// The {script, tests?, note?} of a version or a draft; faults by member.
Result<services::Submission> submission_of(const json::object& body) {
  Error faults = invalid_fields();
  services::Submission sub;
  sub.script = text_member(body, "script", faults).value_or("");
  sub.note = string_field(body, "note", faults).value_or("");
  if (const json::value* tests = body.if_contains("tests")) {
    if (!tests->is_array()) faults.fields["tests"] = "Une liste de {path, text} est attendue.";
    else
      for (const auto& t : tests->get_array()) {
        const json::object* o = t.if_object();
        const json::value* path = o ? o->if_contains("path") : nullptr;
        const json::value* text = o ? o->if_contains("text") : nullptr;
        if (!path || !text || !path->is_string() || !text->is_string()) {
          faults.fields["tests"] = "Une liste de {path, text} est attendue.";
          break;
        }
        sub.tests.push_back({std::string(path->get_string()), std::string(text->get_string())});
      }
  }
  if (!faults.fields.empty()) return faults;
  return sub;
}

json::array diagnostics_json(const std::vector<Diagnostic>& faults) {
  json::array out;
  for (const auto& d : faults) out.push_back({{"file", d.file}, {"line", d.line}, {"message", d.message}});
  return out;
}

// One side of the simulator: the verdict of `rules` on the académie's session, null when that
// side has no such session; a failure of the scripts is told as a fault, with its line.
struct Judged {
  json::value verdict;
  std::vector<Diagnostic> faults;
  bool found = false;
};

Result<Judged> judge(const RuleSet& rules, unsigned worker, const std::string& academy, const std::string& exam,
                     const std::string& session, Seconds at, const EvaluateInput& input) {
  Judged out;
  const Academy* a = rules.academy(academy);
  const Session* s = a ? a->find_session(exam, session) : nullptr;
  if (!s || !rules.exam(exam)) return out;
  out.found = true;
  auto v = rules.evaluate(worker, academy, exam, session, at, input.answers, input.identity);
  if (!v.ok()) {
    if (v.error().code == ErrorCode::rules_unavailable) return v.error();
    out.faults.push_back(Diagnostic::from_lua(v.error().message, "academies/" + academy + ".lua"));
    return out;
  }
  json::object j = views::verdict(*v, *a, *s, true);
  j["at"] = format_rfc3339(at, a->zone);
  out.verdict = std::move(j);
  return out;
}

}  // namespace

// The folder's test cases, for a rules editor to update one a change breaks.
Status list_rule_tests(Call& r) {
  auto tests = r.api.lifecycle->folder_tests(r.actor);
  if (!tests.ok()) return tests.error();
  json::array out;
  for (const auto& t : *tests) out.push_back({{"path", t.path}, {"text", t.text}});
  http::write_json(r.res, 200, json::object{{"tests", std::move(out)}});
  return Status::Ok();
}

// The workbench's « Vérifier »: the gate of a submission, nothing stored.
Status check_rule_draft(Call& r) {
  auto body = body_object(r.req, {"script", "tests"}, {"script"});
  if (!body.ok()) return body.error();
  auto sub = submission_of(*body);
  if (!sub.ok()) return sub.error();
  auto checked = r.api.lifecycle->check(r.actor, *sub);
  if (!checked.ok()) return checked.error();
  http::write_json(r.res, 200,
                   json::object{{"passed", checked->loads && checked->faults.empty()},
                                {"loads", checked->loads},
                                {"tests_run", checked->tests_run},
                                {"faults", diagnostics_json(checked->faults)}});
  return Status::Ok();
}

// The simulator: the same question put to the live rules and to a draft of the académie's
// script, each verdict with the file:line behind its dates, errors, pieces and office.
Status simulate_rules(Call& r) {
  auto body = body_object(r.req, {"script", "exam", "session", "at", "answers", "identity"},
                          {"script", "exam", "session", "answers"});
  if (!body.ok()) return body.error();
  Error faults = invalid_fields();
  std::string script = text_member(*body, "script", faults).value_or("");
  std::string exam = string_field(*body, "exam", faults).value_or("");
  std::string session = string_field(*body, "session", faults).value_or("");
  EvaluateInput input;
  read_evaluate_members(*body, input, faults.fields);
  if (!faults.fields.empty()) return faults;
  const auto& live = r.api.rules->acquire(r.worker);
  if (!live) return Error{ErrorCode::not_ready, "Les règles ne sont pas encore chargées. Veuillez réessayer dans un instant."};
  auto draft = r.api.lifecycle->load_draft(r.actor, script);
  if (!draft.ok()) return draft.error();

  const Seconds at = input.at.value_or(std::chrono::floor<std::chrono::seconds>(r.api.clock->now()));
  auto live_side = judge(*live, r.worker, r.actor.academy, exam, session, at, input);
  if (!live_side.ok()) return live_side.error();
  Judged draft_side;
  draft_side.faults = draft->faults;
  if (draft->built) {
    auto judged = judge(*draft->built, 0, r.actor.academy, exam, session, at, input);  // built for one worker
    if (!judged.ok()) return judged.error();
    draft_side = std::move(*judged);
  }
  if (!live_side->found && !draft_side.found && draft->faults.empty())
    return Error{ErrorCode::unknown_session, ""};
  http::write_json(r.res, 200,
                   json::object{{"live", live_side->verdict},
                                {"live_faults", diagnostics_json(live_side->faults)},
                                {"draft", draft_side.verdict},
                                {"draft_faults", diagnostics_json(draft_side.faults)}});
  return Status::Ok();
}

Status get_rules_settings(Call& r) {
  auto s = r.api.lifecycle->settings(r.actor);
  if (!s.ok()) return s.error();
  http::write_json(r.res, 200, views::approval_setting(*s));
  return Status::Ok();
}

Status put_rules_settings(Call& r) {
  auto body = body_object(r.req, {"require_approval"}, {"require_approval"});
  if (!body.ok()) return body.error();
  const json::value& v = body->at("require_approval");
  if (!v.is_bool()) {
    Error faults = invalid_fields();
    faults.fields["require_approval"] = "true ou false.";
    return faults;
  }
  auto s = r.api.lifecycle->set_require_approval(r.actor, v.get_bool());
  if (!s.ok()) return s.error();
  http::write_json(r.res, 200, views::approval_setting(*s));
  r.queued_mail();
  return Status::Ok();
}

Status list_rule_versions(Call& r) {
  auto list = r.api.lifecycle->list(r.actor);
  if (!list.ok()) return list.error();
  http::write_json(r.res, 200, json::object{{"versions", views::rule_versions(*list)}});
  return Status::Ok();
}

Status submit_rule_version(Call& r) {
  auto body = body_object(r.req, {"script", "tests", "note"}, {"script"});
  if (!body.ok()) return body.error();
  auto sub = submission_of(*body);
  if (!sub.ok()) return sub.error();
  auto created = r.api.lifecycle->submit(r.actor, *sub);
  if (!created.ok()) return created.error();
  http::write_json(r.res, 201, views::submitted_version(*created));
  r.queued_mail();
  return Status::Ok();
}

Status get_rule_version(Call& r) {
  auto number = version_number(r.path["number"]);
  if (!number.ok()) return number.error();
  auto v = r.api.lifecycle->get(r.actor, *number);
  if (!v.ok()) return v.error();
  http::write_json(r.res, 200, views::rule_version(*v));
  return Status::Ok();
}

Status rule_version_impact(Call& r) {
  auto number = version_number(r.path["number"]);
  if (!number.ok()) return number.error();
  auto report = r.api.lifecycle->impact(r.actor, *number);
  if (!report.ok()) return report.error();
  http::write_json(r.res, 200, views::impact(*report));
  return Status::Ok();
}

Status approve_rule_version(Call& r) {
  auto number = version_number(r.path["number"]);
  if (!number.ok()) return number.error();
  auto v = r.api.lifecycle->approve(r.actor, *number);
  if (!v.ok()) return v.error();
  http::write_json(r.res, 200, views::rule_version(*v));
  r.queued_mail();
  return Status::Ok();
}

Status activate_rule_version(Call& r) {
  auto number = version_number(r.path["number"]);
  if (!number.ok()) return number.error();
  services::Activation a;
  a.number = *number;
  if (!r.req.body().empty()) {
    auto body = body_object(r.req, {"at", "confirm_reason"}, {});
    if (!body.ok()) return body.error();
    Error faults = invalid_fields();
    if (auto at = string_field(*body, "at", faults)) {
      auto t = parse_rfc3339(*at);
      if (!t.ok()) faults.fields["at"] = "Date et heure RFC 3339 attendues, avec décalage.";
      else a.at = Instant(*t);
    }
    a.confirm_reason = string_field(*body, "confirm_reason", faults).value_or("");
    if (!faults.fields.empty()) return faults;
  }
  auto v = r.api.lifecycle->activate(r.actor, a);
  if (!v.ok()) return v.error();
  http::write_json(r.res, 200, views::activated_version(*v));
  r.queued_mail();
  return Status::Ok();
}

}  // namespace guichet::api
