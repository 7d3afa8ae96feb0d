// Builds rule sets from inline scripts for the core tests.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/rule_set.hpp"
#include "core/sources.hpp"

namespace guichet::testing {

inline SourceSet sources(std::vector<std::pair<std::string, std::string>> files) {
  SourceSet s;
  for (auto& [path, text] : files) s.add({path, text});
  return s;
}

// A valid académie + exam pair; `session_extra` is spliced into the session{} table.
inline std::string academy_script(const std::string& session_extra = "", const std::string& code = "testia") {
  return "academy { api_level = 1, code = '" + code + "', name = 'Test', number = 99,\n"
         "  timezone = 'Europe/Paris', departments = { '86' },\n"
         "  poles = { { code = 'p1', name = 'Pôle 1', phones = { '01' }, email = 'p1@example.org' } } }\n"
         "session { exam = 'demo', session = '2025', title = 'S', opens = '2024-10-10 10:00',\n"
         "  closes = '2024-11-13 19:00', final_registration = { mode = 'upload' } " + session_extra + " }\n";
}

inline std::string exam_script(const std::string& body = "v:piece('id')", const std::string& route = "v:pole('p1')") {
  return "exam { api_level = 1, code = 'demo', name = 'Démo',\n"
         "  specialities = { { code = 'a', label = 'A', sector = 'x' } },\n"
         "  tabs = { { id = 't', title = 'T', fields = {\n"
         "    { id = 'speciality', label = 'S', type = 'select', required = true },\n"
         "    { id = 'postal_code', label = 'CP', type = 'text', required = true },\n"
         "    { id = 'n', label = 'N', type = 'number' } } } },\n"
         "  pieces = { { code = 'id', label = 'Identité', explanation = 'x' } },\n"
         "  require_pieces = function(a, v)\n    " + body + "\n  end,\n"
         "  route = function(a, v) " + route + " end }\n";
}

inline BuildResult build(std::vector<std::pair<std::string, std::string>> files, RuleSetOptions o = {}) {
  return build_rule_set(sources(std::move(files)), o);
}

}  // namespace guichet::testing
