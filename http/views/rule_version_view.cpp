#include "http/views/rule_version_view.hpp"

#include <boost/json.hpp>

#include "http/views/impact_view.hpp"
#include "services/academy_zone.hpp"

namespace guichet::views {
namespace json = boost::json;

json::object rule_version(const services::RuleVersion& v) {
  auto at = [&](Instant t) { return services::local_rfc3339(t, v.zone); };
  auto maybe = [&](const std::optional<Instant>& t) { return t ? json::value(at(*t)) : json::value(nullptr); };
  auto name = [](const std::string& id) { return id.empty() ? json::value(nullptr) : json::value(id); };
  json::object out{{"number", v.number},
                   {"academy", v.academy},
                   {"origin", v.origin},
                   {"author", json::object{{"id", v.author_id}, {"name", v.author}}},
                   {"submitted_at", at(v.submitted_at)},
                   {"content_hash", v.content_hash},
                   {"note", v.note},
                   {"state", v.state},
                   {"activate_at", maybe(v.activate_at)},
                   {"approved_by", name(v.approved_by)},
                   {"approved_at", maybe(v.approved_at)},
                   {"activated_by", name(v.activated_by)},
                   {"activated_at", maybe(v.activated_at)},
                   {"confirm_reason", v.confirm_reason}};
  if (v.texts) {
    out["script"] = v.texts->script;
    json::array tests;
    for (const auto& t : v.texts->tests) tests.push_back(json::object{{"path", t.path}, {"text", t.text}});
    out["tests"] = std::move(tests);
  }
  return out;
}

json::array rule_versions(const std::vector<services::RuleVersion>& list) {
  json::array out;
  for (const auto& v : list) out.push_back(rule_version(v));
  return out;
}

json::object submitted_version(const services::SubmittedVersion& s) {
  json::object out = rule_version(s.version);
  out["tests_run"] = s.tests_run;
  return out;
}

json::object activated_version(const services::ActivatedVersion& a) {
  json::object out = rule_version(a.version);
  out["impact"] = impact(a.impact);
  return out;
}

json::object approval_setting(const services::ApprovalSetting& s) {
  return {{"academy", s.academy}, {"require_approval", s.require_approval}};
}

json::object folder_confirmation(const services::FolderConfirmation& c) {
  if (c.activated) return activated_version(*c.activated);
  return {{"file", c.file},
          {"content_hash", c.content_hash},
          {"confirm_reason", c.confirm_reason},
          {"confirmed_by", c.confirmed_by},
          {"confirmed_at", services::local_rfc3339(c.confirmed_at, *find_zone("Etc/UTC"))}};
}

}  // namespace guichet::views
