#include "http/rules_state.hpp"

#include <boost/json.hpp>
#include <date/date.h>

#include "core/lua/call_watch.hpp"

namespace guichet::http {
namespace json = boost::json;

json::array RulesState::pending_changes_json() const {
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

json::array RulesState::academy_faults_json() const {
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

std::string RulesState::render_metrics() const {
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

}  // namespace guichet::http
