// /api/v1/admin/rules/...: the académie's script versions: submit, read, analyse, approve,
// activate (now, later, or an earlier version to roll back), and the approval setting.
#include <boost/beast/http.hpp>

#include "core/time_format.hpp"
#include "http/admin_api.hpp"
#include "http/admin_json.hpp"
#include "http/api_helpers.hpp"
#include "http/json_error.hpp"
#include "http/views/impact_view.hpp"
#include "http/views/rule_version_view.hpp"

namespace guichet::api {
namespace json = boost::json;
namespace bhttp = boost::beast::http;

namespace {

std::optional<int> version_number(const std::string& text) {
  if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
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

}  // namespace

RouteOutcome AdminApi::rules_routes(AdminRequest& r) {
  if (r.path.empty() || r.path[0] != "rules") return RouteOutcome::miss();
  const auto verb = r.req.method();
  if (r.path.size() == 2 && r.path[1] == "settings") {
    if (r.is_get()) {
      auto s = rules_.settings(r.actor);
      if (!s.ok()) return RouteOutcome::done(s.error());
      http::write_json(r.res, 200, views::approval_setting(*s));
      return RouteOutcome::done();
    }
    if (verb != bhttp::verb::put) return RouteOutcome::done(method_not_allowed(r.res, "GET, PUT"));
    auto body = body_object(r.req, {"require_approval"}, {"require_approval"});
    if (!body.ok()) return RouteOutcome::done(body.error());
    const json::value& v = body->at("require_approval");
    if (!v.is_bool()) {
      Error faults = invalid_fields();
      faults.fields["require_approval"] = "true ou false.";
      return RouteOutcome::done(faults);
    }
    auto s = rules_.set_require_approval(r.actor, v.get_bool());
    if (!s.ok()) return RouteOutcome::done(s.error());
    http::write_json(r.res, 200, views::approval_setting(*s));
    return RouteOutcome::done();
  }
  if (r.path.size() < 2 || r.path[1] != "versions") return RouteOutcome::miss();
  if (r.path.size() == 2) {
    if (r.is_get()) {
      auto list = rules_.list(r.actor);
      if (!list.ok()) return RouteOutcome::done(list.error());
      http::write_json(r.res, 200, json::object{{"versions", views::rule_versions(*list)}});
      return RouteOutcome::done();
    }
    if (verb != bhttp::verb::post) return RouteOutcome::done(method_not_allowed(r.res, "GET, POST"));
    auto body = body_object(r.req, {"script", "tests", "note"}, {"script"});
    if (!body.ok()) return RouteOutcome::done(body.error());
    Error faults = invalid_fields();
    services::Submission sub;
    sub.script = text_member(*body, "script", faults).value_or("");
    sub.note = string_field(*body, "note", faults).value_or("");
    if (const json::value* tests = body->if_contains("tests")) {
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
    if (!faults.fields.empty()) return RouteOutcome::done(faults);
    auto created = rules_.submit(r.actor, sub);
    if (!created.ok()) return RouteOutcome::done(created.error());
    http::write_json(r.res, 201, views::submitted_version(*created));
    return RouteOutcome::done();
  }
  auto number = version_number(r.path[2]);
  if (!number) return RouteOutcome::done(Error{"not_found", "Cette version des règles n'existe pas."});
  if (r.path.size() == 3) {
    if (!r.is_get()) return RouteOutcome::done(method_not_allowed(r.res, "GET"));
    auto v = rules_.get(r.actor, *number);
    if (!v.ok()) return RouteOutcome::done(v.error());
    http::write_json(r.res, 200, views::rule_version(*v));
    return RouteOutcome::done();
  }
  if (r.path.size() != 4) return RouteOutcome::miss();
  const std::string& what = r.path[3];
  if (what == "impact") {
    if (!r.is_get()) return RouteOutcome::done(method_not_allowed(r.res, "GET"));
    auto report = rules_.impact(r.actor, *number);
    if (!report.ok()) return RouteOutcome::done(report.error());
    http::write_json(r.res, 200, views::impact(*report));
    return RouteOutcome::done();
  }
  if (what == "approve") {
    if (verb != bhttp::verb::post) return RouteOutcome::done(method_not_allowed(r.res, "POST"));
    auto v = rules_.approve(r.actor, *number);
    if (!v.ok()) return RouteOutcome::done(v.error());
    http::write_json(r.res, 200, views::rule_version(*v));
    return RouteOutcome::done();
  }
  if (what == "activate") {
    if (verb != bhttp::verb::post) return RouteOutcome::done(method_not_allowed(r.res, "POST"));
    services::Activation a;
    a.number = *number;
    if (!r.req.body().empty()) {
      auto body = body_object(r.req, {"at", "confirm_reason"}, {});
      if (!body.ok()) return RouteOutcome::done(body.error());
      Error faults = invalid_fields();
      if (auto at = string_field(*body, "at", faults)) {
        auto t = parse_rfc3339(*at);
        if (!t.ok()) faults.fields["at"] = "Date et heure RFC 3339 attendues, avec décalage.";
        else a.at = Instant(*t);
      }
      a.confirm_reason = string_field(*body, "confirm_reason", faults).value_or("");
      if (!faults.fields.empty()) return RouteOutcome::done(faults);
    }
    auto v = rules_.activate(r.actor, a);
    if (!v.ok()) return RouteOutcome::done(v.error());
    http::write_json(r.res, 200, views::activated_version(*v));
    return RouteOutcome::done();
  }
  return RouteOutcome::miss();
}

}  // namespace guichet::api
