// The script files of a rule set, read from a folder, with their content hash.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace guichet {

struct SourceFile {
  std::string path;  // relative to the scripts folder: "academies/poitiers.lua"
  std::string text;
};

struct SourceSet {
  std::vector<SourceFile> files;  // sorted by path
  std::string hash;               // SHA-256 hex over paths and contents

  const SourceFile* find(const std::string& path) const;
  void add(SourceFile f);      // keeps the order; replaces a file of the same path
  void remove(const std::string& path);
  void rehash();
};

// Limits on what a scripts folder may hold (a script is text written by a person).
inline constexpr std::size_t kMaxScriptBytes = 1u << 20;
inline constexpr std::size_t kMaxScriptFiles = 1000;

// Reads `<dir>/academies/*.lua`, `<dir>/exams/*.lua` and `<dir>/lib/*.lua` (the rules and
// the shared code they require()), or, when `tests` is true, `<dir>/tests/*.lua` (the cases)
// and `<dir>/tests/lib/*.lua` (the helpers the cases require(), never the rules).
Result<SourceSet> read_sources(const std::filesystem::path& dir, bool tests = false);

}  // namespace guichet
