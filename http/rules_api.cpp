#include "http/rules_api.hpp"

#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include <optional>
#include <spdlog/spdlog.h>

#include "core/lua/call_watch.hpp"
#include "core/time_format.hpp"

#include <date/date.h>
#include "http/json_views.hpp"
#include "http/api_error.hpp"
#include "http/json_error.hpp"
#include "http/path_segments.hpp"

namespace guichet::api {
namespace http = boost::beast::http;
namespace json = boost::json;

namespace {

void write_json(Response& res, http::status status, const json::value& body) {
  ::guichet::http::write_json(res, static_cast<unsigned>(status), body);
}

void write_error(Response& res, const ApiError& e) {
  ::guichet::http::write_json_error(res, e.status, e.code, e.message, e.fields);
}



struct Target {
  std::string path;
  std::map<std::string, std::string> query;
};

std::optional<Target> parse_target(std::string_view target) {
  auto u = boost::urls::parse_origin_form(target);
  if (!u) return std::nullopt;
  Target t;
  t.path = std::string(u->encoded_path());
  for (auto p : u->params()) t.query[std::string(p.key)] = std::string(p.value);
  return t;
}

bool method_is(const Request& req, http::verb v, Response& res, const char* allow) {
  if (req.method() == v || (v == http::verb::get && req.method() == http::verb::head)) return true;
  res.set(http::field::allow, allow);
  write_error(res, {405, "method_not_allowed", "Méthode HTTP non autorisée pour cette adresse."});
  return false;
}

bool truthy(const std::map<std::string, std::string>& q, const char* key) {
  auto it = q.find(key);
  return it != q.end() && (it->second == "true" || it->second == "1");
}

// The field message for a bad `at`: out of range says so, anything else shows the format.
std::string at_fault(const Error& e) {
  if (e.code == "time_out_of_range") return e.message;
  return "Date invalide : format RFC 3339 attendu, par exemple 2024-11-13T19:00:00+01:00.";
}

struct EvaluateInput {
  std::optional<Seconds> at;
  json::object answers;
  json::object identity;
};

bool is_json(const Request& req) {
  auto ct = req[http::field::content_type];
  return ct.substr(0, ct.find(';')) == "application/json";
}

ApiError invalid(std::map<std::string, std::string> fields) {
  return {422, "validation_failed", "La requête contient des données invalides.", std::move(fields)};
}

// {"at"?, "answers": {...}, "identity"?: {"birth_date", "nationality"}}. Returns the fault, if any.
std::optional<ApiError> parse_evaluate_body(const Request& req, EvaluateInput& out) {
  if (!is_json(req))
    return ApiError{415, "unsupported_media_type", "Le corps de la requête doit être du JSON (application/json)."};
  boost::system::error_code ec;
  json::parse_options opts;
  opts.max_depth = 16;
  json::value body = json::parse(req.body(), ec, {}, opts);
  if (ec) return ApiError{400, "malformed_json", "Le corps de la requête n'est pas un JSON valide."};
  if (!body.is_object()) return invalid({{"body", "Un objet JSON est attendu."}});
  std::map<std::string, std::string> faults;
  for (const auto& [k, v] : body.get_object()) {
    std::string key(k);
    if (key == "at") {
      auto t = v.is_string() ? parse_rfc3339(v.get_string()) : Result<Seconds>(Error{"", ""});
      if (!t.ok()) faults["at"] = at_fault(t.error());
      else out.at = *t;
    } else if (key == "answers") {
      if (!v.is_object()) faults["answers"] = "Un objet de réponses est attendu.";
      else out.answers = v.get_object();
    } else if (key == "identity") {
      if (!v.is_object()) {
        faults["identity"] = "Un objet est attendu.";
        continue;
      }
      for (const auto& [ik, iv] : v.get_object()) {
        std::string ikey(ik);
        if (ikey != "birth_date" && ikey != "nationality") faults["identity." + ikey] = "Champ inconnu.";
        else if (!iv.is_string()) faults["identity." + ikey] = "Un texte est attendu.";
        else if (ikey == "birth_date" && !parse_calendar_date(iv.get_string()).ok())
          faults["identity.birth_date"] = "Date invalide (format attendu : AAAA-MM-JJ).";
      }
      out.identity = v.get_object();
    } else {
      faults[key] = "Champ inconnu.";
    }
  }
  if (!body.get_object().contains("answers")) faults["answers"] = "Ce champ est obligatoire.";
  if (!faults.empty()) return invalid(std::move(faults));
  return std::nullopt;
}

}  // namespace

RulesApi::RulesApi(Rules& rules, const Clock& clock, Readiness readiness)
    : rules_(rules), clock_(clock), readiness_(std::move(readiness)), services_cache_(rules.workers()) {}

bool RulesApi::handle(const Request& req, Response& res, unsigned worker, std::string& route) {
  auto target = parse_target(req.target());
  if (!target) {
    route = "invalid";
    write_error(res, {400, "bad_request", "Adresse de requête invalide."});
    return true;
  }
  auto seg = ::guichet::http::path_segments(target->path);
  Seconds now = std::chrono::floor<std::chrono::seconds>(clock_.now());

  if (seg.size() == 1 && seg[0] == "healthz") {
    route = "/healthz";
    if (!method_is(req, http::verb::get, res, "GET")) return true;
    // A call stuck past every script limit means a worker no longer serves: say so.
    auto stuck = lua::longest_running_call();
    if (stuck > lua::kStuckCall) {
      json::object err{{"code", "worker_stuck"},
                       {"message", "Un traitement de règles est bloqué depuis " +
                                       std::to_string(std::chrono::duration_cast<std::chrono::seconds>(stuck).count()) +
                                       " s : le service ne répond plus normalement."}};
      write_json(res, http::status::service_unavailable, {{"error", std::move(err)}});
      return true;
    }
    write_json(res, http::status::ok, {{"status", "ok"}});
    return true;
  }
  if (seg.size() == 1 && seg[0] == "readyz") {
    route = "/readyz";
    if (!method_is(req, http::verb::get, res, "GET")) return true;
    bool db = !readiness_.database_ok || readiness_.database_ok();
    auto live = rules_.current();
    json::array faults;
    for (const auto& d : rules_.diagnostics()) faults.emplace_back(d.str());
    json::object details{{"database", db ? "ok" : "indisponible"},
                         {"rules", live ? json::value(json::object{{"version", live->version()},
                                                                    {"academies", live->catalog().academies.size()},
                                                                    {"exams", live->catalog().exams.size()}})
                                        : json::value(nullptr)},
                         {"script_faults", std::move(faults)},
                         {"academy_faults", academy_faults_json()},
                         {"pending_changes", pending_changes_json()}};
    if (db && live) {
      write_json(res, http::status::ok, {{"status", "ready"}, {"details", std::move(details)}});
    } else {
      json::object err{{"code", "not_ready"}, {"message", "Le service n'est pas encore prêt. Veuillez réessayer dans un instant."}};
      write_json(res, http::status::service_unavailable, {{"error", std::move(err)}, {"details", std::move(details)}});
    }
    return true;
  }
  if (seg.size() < 2 || seg[0] != "api" || seg[1] != "v1") return false;

  const auto& rules_ptr = rules_.acquire(worker);
  if (!rules_ptr) {
    route = "/api/v1/*";
    write_error(res, {503, "not_ready", "Les règles ne sont pas encore chargées. Veuillez réessayer dans un instant."});
    return true;
  }
  const RuleSet& rules = *rules_ptr;

  // GET /api/v1/services[?at=]
  if (seg.size() == 3 && seg[2] == "services") {
    route = "/api/v1/services";
    if (!method_is(req, http::verb::get, res, "GET")) return true;
    Seconds at = now;
    if (auto it = target->query.find("at"); it != target->query.end()) {
      auto parsed = parse_rfc3339(it->second);
      if (!parsed.ok()) {
        write_error(res, {422, "validation_failed", "Paramètre invalide.", {{"at", at_fault(parsed.error())}}});
        return true;
      }
      at = *parsed;
    }
    ServicesCache& cache = services_cache_[worker];
    if (cache.rules != rules_ptr || cache.at != at.time_since_epoch().count()) {
      json::array services;
      for (const auto& s : rules.open_at(at)) services.push_back(views::service(*s.academy, *s.session));
      static const date::time_zone* utc = *find_zone("Etc/UTC");
      std::string at_text = format_rfc3339(at, utc);
      at_text.replace(at_text.size() - 6, 6, "Z");
      cache.body = json::serialize(json::object{{"at", at_text}, {"services", std::move(services)}});
      cache.rules = rules_ptr;
      cache.at = at.time_since_epoch().count();
    }
    res.result(http::status::ok);
    res.set(http::field::content_type, ::guichet::http::kJsonContentType);
    res.set(http::field::cache_control, "no-store");
    res.body() = cache.body;
    return true;
  }

  if (seg.size() < 3 || seg[2] != "academies") return false;
  // GET /api/v1/academies
  if (seg.size() == 3) {
    route = "/api/v1/academies";
    if (!method_is(req, http::verb::get, res, "GET")) return true;
    json::array list;
    for (const auto& [code, a] : rules.catalog().academies) list.push_back(views::academy_summary(a));
    write_json(res, http::status::ok, {{"academies", std::move(list)}});
    return true;
  }
  const Academy* academy = rules.academy(std::string(seg[3]));
  // GET /api/v1/academies/{academy}
  if (seg.size() == 4) {
    route = "/api/v1/academies/{academy}";
    if (!method_is(req, http::verb::get, res, "GET")) return true;
    if (!academy) write_error(res, {404, "unknown_academy", "Cette académie n'existe pas."});
    else write_json(res, http::status::ok, views::academy_detail(*academy));
    return true;
  }
  if (seg.size() < 8 || seg.size() > 9 || seg[4] != "exams" || seg[6] != "sessions") return false;
  if (seg.size() == 9 && seg[8] != "evaluate") return false;
  bool evaluate = seg.size() == 9;
  route = evaluate ? "/api/v1/academies/{academy}/exams/{exam}/sessions/{session}/evaluate"
                   : "/api/v1/academies/{academy}/exams/{exam}/sessions/{session}";
  if (!method_is(req, evaluate ? http::verb::post : http::verb::get, res, evaluate ? "POST" : "GET")) return true;
  std::string exam_code(seg[5]), session_label(seg[7]);
  const Session* session = academy ? academy->find_session(exam_code, session_label) : nullptr;
  const Exam* exam = session ? rules.exam(exam_code) : nullptr;
  if (!exam) {
    write_error(res, {404, "unknown_session", "Cette session d'examen n'existe pas dans cette académie."});
    return true;
  }
  if (!evaluate) {
    write_json(res, http::status::ok, views::session_detail(*academy, *session, *exam, rules.version()));
    return true;
  }
  EvaluateInput input;
  if (auto fault = parse_evaluate_body(req, input)) {
    write_error(res, *fault);
    return true;
  }
  Seconds at = input.at.value_or(now);
  auto verdict = rules.evaluate(worker, academy->code, exam_code, session_label, at, input.answers, input.identity);
  if (!verdict.ok() && verdict.error().code == "rules_unavailable") {
    write_error(res, {503, "rules_unavailable", verdict.error().message});
    res.set(http::field::retry_after, std::to_string(std::max(1, verdict.error().retry_after_seconds)));
    return true;
  }
  if (!verdict.ok()) {
    evaluations_failed_.fetch_add(1, std::memory_order_relaxed);
    spdlog::error("rules: {} {} {}: {}", academy->code, exam_code, session_label, verdict.error().message);
    write_error(res, {500, "rules_error",
                      "Les règles de cette session sont momentanément en erreur. Le service des examens a été averti."});
    return true;
  }
  evaluations_ok_.fetch_add(1, std::memory_order_relaxed);
  auto body = views::verdict(*verdict, *academy, *session, truthy(target->query, "explain"));
  body["at"] = format_rfc3339(at, academy->zone);
  write_json(res, http::status::ok, body);
  return true;
}

// Per académie: faults by kind, the last one, and whether its rules are suspended.
// Changes of the scripts folder that are not live, each with why, since when and what serves.
json::array RulesApi::pending_changes_json() const {
  json::array out;
  for (const auto& c : rules_.pending_changes()) {
    json::array reasons;
    for (const auto& d : c.reasons) reasons.emplace_back(d.str());
    json::object item{{"file", c.file},
                      {"state", c.state_name()},
                      {"since", date::format("%FT%TZ", std::chrono::floor<std::chrono::seconds>(c.since))},
                      {"content_hash", c.content_hash},
                      {"reasons", std::move(reasons)},
                      {"serving", c.serving}};
    if (!c.confirm.empty()) item["confirm"] = c.confirm;
    out.push_back(std::move(item));
  }
  return out;
}

json::array RulesApi::academy_faults_json() const {
  json::array out;
  for (const auto& b : rules_.faults().snapshot()) {
    json::object counts;
    for (const auto& [kind, n] : b.counts) counts[to_string(kind)] = n;
    auto at = std::chrono::floor<std::chrono::seconds>(b.last_at);
    std::string when = date::format("%FT%TZ", at);
    out.push_back(json::object{{"academy", b.academy},
                               {"faults", std::move(counts)},
                               {"last", json::object{{"kind", to_string(b.last_kind)}, {"message", b.last_message}, {"at", when}}},
                               {"suspended", b.suspended}});
  }
  return out;
}

std::string RulesApi::render_metrics() const {
  std::string out;
  out += "# HELP guichet_rule_evaluations_total Verdicts computed by the rules.\n";
  out += "# TYPE guichet_rule_evaluations_total counter\n";
  out += "guichet_rule_evaluations_total{result=\"ok\"} " + std::to_string(evaluations_ok_.load()) + "\n";
  out += "guichet_rule_evaluations_total{result=\"script_error\"} " + std::to_string(evaluations_failed_.load()) + "\n";
  out += "# HELP guichet_rules_reloads_total Rule set reloads, by outcome.\n";
  out += "# TYPE guichet_rules_reloads_total counter\n";
  out += "guichet_rules_reloads_total{result=\"ok\"} " + std::to_string(rules_.stats().reloads_ok.load()) + "\n";
  out += "guichet_rules_reloads_total{result=\"refused\"} " + std::to_string(rules_.stats().reloads_refused.load()) + "\n";
  out += "# HELP guichet_rules_info The live rule set version.\n";
  out += "# TYPE guichet_rules_info gauge\n";
  if (auto live = rules_.current()) out += "guichet_rules_info{version=\"" + live->version() + "\"} 1\n";
  out += "# HELP guichet_rules_script_faults Faults of the live scripts and of the last refused edit.\n";
  out += "# TYPE guichet_rules_script_faults gauge\n";
  out += "guichet_rules_script_faults " + std::to_string(rules_.diagnostics().size()) + "\n";
  std::size_t held = 0, refused = 0;
  for (const auto& c : rules_.pending_changes()) ++(c.state == PendingChange::State::held ? held : refused);
  out += "# HELP guichet_rules_pending_changes Changes of the scripts folder that are not live, by state.\n";
  out += "# TYPE guichet_rules_pending_changes gauge\n";
  out += "guichet_rules_pending_changes{state=\"refused\"} " + std::to_string(refused) + "\n";
  out += "guichet_rules_pending_changes{state=\"held\"} " + std::to_string(held) + "\n";
  auto books = rules_.faults().snapshot();
  out += "# HELP guichet_script_faults_total Faults of scripts while evaluating, by académie and kind.\n";
  out += "# TYPE guichet_script_faults_total counter\n";
  for (const auto& b : books)
    for (const auto& [kind, n] : b.counts)
      out += "guichet_script_faults_total{academy=\"" + b.academy + "\",kind=\"" + to_string(kind) + "\"} " +
             std::to_string(n) + "\n";
  out += "# HELP guichet_script_academy_suspended 1 while an académie's rules are suspended after repeated faults.\n";
  out += "# TYPE guichet_script_academy_suspended gauge\n";
  for (const auto& b : books)
    out += "guichet_script_academy_suspended{academy=\"" + b.academy + "\"} " + (b.suspended ? "1" : "0") + "\n";
  out += "# HELP guichet_lua_call_longest_seconds How long the oldest script call in progress has run.\n";
  out += "# TYPE guichet_lua_call_longest_seconds gauge\n";
  out += "guichet_lua_call_longest_seconds " + std::to_string(lua::longest_running_call().count() / 1000.0) + "\n";
  return out;
}

}  // namespace guichet::api
