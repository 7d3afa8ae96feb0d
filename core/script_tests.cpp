#include "core/script_tests.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <set>

#include "core/time_format.hpp"

namespace guichet {
namespace {

std::string join(const std::set<std::string>& s) {
  std::string out = "{";
  for (const auto& x : s) out += (out.size() > 1 ? ", " : "") + x;
  return out + "}";
}

// Reads a list of strings from expect[key]; false when it is not one.
bool string_set(const boost::json::value& v, std::set<std::string>& out) {
  if (v.is_object() && v.get_object().empty()) return true;  // `{}` in Lua is an empty list
  if (!v.is_array()) return false;
  for (const auto& e : v.get_array()) {
    if (!e.is_string()) return false;
    out.insert(std::string(e.get_string()));
  }
  return true;
}

void compare(const Verdict& v, const boost::json::object& expect, std::vector<std::string>& fail) {
  std::set<std::string> required;
  for (const auto& p : v.pieces)
    if (p.required) required.insert(p.code);
  std::set<std::string> errors;
  for (const auto& [f, e] : v.errors) errors.insert(f);

  for (const auto& [key, want] : expect) {
    std::string k(key);
    std::set<std::string> set;
    if (k == "phase") {
      if (!want.is_string() || want.get_string() != to_string(v.phase))
        fail.push_back("phase : attendu " + boost::json::serialize(want) + ", obtenu \"" + to_string(v.phase) + "\"");
    } else if (k == "valid" || k == "wrong_academy") {
      bool got = k == "valid" ? v.valid : v.wrong_academy;
      if (!want.is_bool() || want.get_bool() != got) {
        std::string detail;
        if (k == "valid" && !v.errors.empty())
          for (const auto& [f, e] : v.errors) detail += " [" + f + " : " + e.message + "]";
        fail.push_back(k + " : attendu " + boost::json::serialize(want) + ", obtenu " + (got ? "true" : "false") + detail);
      }
    } else if (k == "pole") {
      std::string got = v.pole.value_or("(aucun)");
      if (!want.is_string() || want.get_string() != got)
        fail.push_back("pole : attendu " + boost::json::serialize(want) + ", obtenu \"" + got + "\"");
    } else if (k == "errors" || k == "pieces") {
      if (!string_set(want, set)) {
        fail.push_back(k + " : doit être une liste de codes");
        continue;
      }
      const auto& got = k == "errors" ? errors : required;
      if (set != got) fail.push_back(k + " : attendu " + join(set) + ", obtenu " + join(got));
    } else if (k == "pieces_include" || k == "pieces_exclude") {
      if (!string_set(want, set)) {
        fail.push_back(k + " : doit être une liste de codes");
        continue;
      }
      for (const auto& c : set) {
        bool has = required.count(c) > 0;
        if (k == "pieces_include" && !has) fail.push_back("pièce attendue absente : " + c);
        if (k == "pieces_exclude" && has) fail.push_back("pièce présente à tort : " + c);
      }
    } else {
      fail.push_back("clé « " + k + " » inconnue dans expect");
    }
  }
}

}  // namespace

std::vector<CaseOutcome> run_script_cases(const RuleSet& rules, const std::vector<ScriptCase>& cases) {
  std::vector<CaseOutcome> out;
  for (const auto& c : cases) {
    CaseOutcome o{c.name, c.source, {}};
    const Academy* a = rules.academy(c.academy);
    if (!a) {
      o.failures.push_back("académie inconnue : " + c.academy);
      out.push_back(std::move(o));
      continue;
    }
    auto at = parse_any(c.at, a->zone);
    if (!at.ok()) {
      o.failures.push_back("at : " + at.error().message);
      out.push_back(std::move(o));
      continue;
    }
    auto v = rules.evaluate(0, c.academy, c.exam, c.session, *at, c.answers, c.identity);
    if (!v.ok()) o.failures.push_back(v.error().message);
    else compare(*v, c.expect, o.failures);
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace guichet
