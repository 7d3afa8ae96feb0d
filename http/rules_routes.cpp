// The public rules: open services, académies, a session's description, and a verdict on a
// candidate's answers. They run on the I/O thread with that worker's Lua state.
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "core/time_format.hpp"
#include "http/api_context.hpp"
#include "http/evaluate_input.hpp"
#include "http/handlers.hpp"
#include "http/json_error.hpp"
#include "http/json_views.hpp"
#include "http/rules_state.hpp"

namespace guichet::api {
namespace json = boost::json;
namespace bhttp = boost::beast::http;

namespace {

bool is_json(const http::Request& req) {
  auto ct = req[bhttp::field::content_type];
  return ct.substr(0, ct.find(';')) == "application/json";
}

Error invalid(std::map<std::string, std::string> fields) {
  return {ErrorCode::validation_failed, "La requête contient des données invalides.", std::move(fields)};
}

// {"at"?, "answers": {...}, "identity"?: {"birth_date", "nationality"}}.
Status parse_evaluate_body(const http::Request& req, EvaluateInput& out) {
  if (!is_json(req)) return Error{ErrorCode::unsupported_media_type, ""};
  boost::system::error_code ec;
  json::parse_options opts;
  opts.max_depth = 16;
  json::value body = json::parse(req.body(), ec, {}, opts);
  if (ec) return Error{ErrorCode::malformed_json, ""};
  if (!body.is_object()) return invalid({{"body", "Un objet JSON est attendu."}});
  std::map<std::string, std::string> faults;
  read_evaluate_members(body.get_object(), out, faults);
  for (const auto& [k, v] : body.get_object())
    if (k != "at" && k != "answers" && k != "identity") faults[std::string(k)] = "Champ inconnu.";
  if (!faults.empty()) return invalid(std::move(faults));
  return Status::Ok();
}

// The worker's live rule set; "not_ready" before the first load.
Result<const std::shared_ptr<const RuleSet>*> live_rules(Call& c) {
  const auto& rules = c.api.rules->acquire(c.worker);
  if (!rules) return Error{ErrorCode::not_ready, "Les règles ne sont pas encore chargées. Veuillez réessayer dans un instant."};
  return &rules;
}

Seconds now(const Call& c) { return std::chrono::floor<std::chrono::seconds>(c.api.clock->now()); }

struct SessionRef {
  const Academy* academy;
  const Session* session;
  const Exam* exam;
};

Result<SessionRef> find_session(const RuleSet& rules, const Call& c) {
  const Academy* academy = rules.academy(c.path["academy"]);
  const std::string& exam_code = c.path["exam"];
  const Session* session = academy ? academy->find_session(exam_code, c.path["session"]) : nullptr;
  const Exam* exam = session ? rules.exam(exam_code) : nullptr;
  if (!exam) return Error{ErrorCode::unknown_session, ""};
  return SessionRef{academy, session, exam};
}

bool truthy(const std::string& v) { return v == "true" || v == "1"; }

}  // namespace

// GET /api/v1/services[?at=]
Status list_services(Call& c) {
  auto live = live_rules(c);
  if (!live.ok()) return live.error();
  const auto& rules_ptr = **live;
  Seconds at = now(c);
  if (c.has_param("at")) {
    auto parsed = parse_rfc3339(c.param("at"));
    if (!parsed.ok()) return Error{ErrorCode::validation_failed, "Paramètre invalide.", {{"at", at_fault(parsed.error())}}};
    at = *parsed;
  }
  auto& cache = c.api.rules_state->services_cache(c.worker);
  if (cache.rules != rules_ptr || cache.at != at.time_since_epoch().count()) {
    json::array services;
    for (const auto& s : rules_ptr->open_at(at)) services.push_back(views::service(*s.academy, *s.session));
    static const date::time_zone* utc = *find_zone("Etc/UTC");
    std::string at_text = format_rfc3339(at, utc);
    at_text.replace(at_text.size() - 6, 6, "Z");
    cache.body = json::serialize(json::object{{"at", at_text}, {"services", std::move(services)}});
    cache.rules = rules_ptr;
    cache.at = at.time_since_epoch().count();
  }
  c.res.result(bhttp::status::ok);
  c.res.set(bhttp::field::content_type, http::kJsonContentType);
  c.res.set(bhttp::field::cache_control, "no-store");
  c.res.body() = cache.body;
  return Status::Ok();
}

Status list_academies(Call& c) {
  auto live = live_rules(c);
  if (!live.ok()) return live.error();
  json::array list;
  for (const auto& [code, a] : (**live)->catalog().academies) list.push_back(views::academy_summary(a));
  http::write_json(c.res, 200, json::object{{"academies", std::move(list)}});
  return Status::Ok();
}

Status get_academy(Call& c) {
  auto live = live_rules(c);
  if (!live.ok()) return live.error();
  const Academy* academy = (**live)->academy(c.path["academy"]);
  if (!academy) return Error{ErrorCode::unknown_academy, ""};
  http::write_json(c.res, 200, views::academy_detail(*academy));
  return Status::Ok();
}

Status get_session(Call& c) {
  auto live = live_rules(c);
  if (!live.ok()) return live.error();
  const RuleSet& rules = ***live;
  auto found = find_session(rules, c);
  if (!found.ok()) return found.error();
  http::write_json(c.res, 200, views::session_detail(*found->academy, *found->session, *found->exam, rules.version()));
  return Status::Ok();
}

Status evaluate(Call& c) {
  auto live = live_rules(c);
  if (!live.ok()) return live.error();
  const RuleSet& rules = ***live;
  auto found = find_session(rules, c);
  if (!found.ok()) return found.error();
  EvaluateInput input;
  if (Status st = parse_evaluate_body(c.req, input); !st.ok()) return st;
  Seconds at = input.at.value_or(now(c));
  const Academy& academy = *found->academy;
  auto verdict = rules.evaluate(c.worker, academy.code, c.path["exam"], c.path["session"], at, input.answers,
                                input.identity);
  if (!verdict.ok() && verdict.error().code == ErrorCode::rules_unavailable) {
    Error e = verdict.error();
    e.retry_after_seconds = std::max(1, e.retry_after_seconds);
    return e;
  }
  if (!verdict.ok()) {
    c.api.rules_state->count_evaluation(false);
    spdlog::error("rules: {} {} {}: {}", academy.code, c.path["exam"], c.path["session"], verdict.error().message);
    return Error{ErrorCode::rules_error, ""};
  }
  c.api.rules_state->count_evaluation(true);
  auto body = views::verdict(*verdict, academy, *found->session, truthy(c.param("explain")));
  body["at"] = format_rfc3339(at, academy.zone);
  http::write_json(c.res, 200, body);
  return Status::Ok();
}

}  // namespace guichet::api
