// The hostile-script corpus (tests/fixtures/hostile/corpus/*.lua): each file a snippet with a
// header saying where it goes and how it must end, and the scripts folders the tests build
// with it: tests/fixtures/minimal (académie testia, exam demo) plus the overlay (a second
// académie, voisine, with its own exam, and two looping libraries).
#pragma once

#include <filesystem>
#include <ostream>
#include <set>
#include <string>
#include <vector>

namespace guichet::testing::hostile {

enum class Place {
  load,       // the prologue of academies/testia.lua: runs at load, must be refused there
  residence,  // the body of testia's residence rule: loads, then faults at evaluation
  validate,   // the body of a validate rule added to exams/demo.lua: idem
};

// How an entry may end. Several may be allowed; `no_leak` is "runs, or is refused with a
// script error, and changes nothing for the evaluations that follow".
inline const std::set<std::string> kOutcomes{"timeout", "memory", "stack", "error", "no_leak"};

struct Entry {
  std::string id;                // file name without .lua
  std::string what;              // the `-- hostile:` line
  Place place = Place::load;
  std::set<std::string> expect;  // among kOutcomes
  int repeat = 1;                // evaluations it may take to fault (memory kept between them)
  std::string prologue;          // code for the top of the file (all of it for `load`)
  std::string body;              // the rule's body (residence, validate)

  bool may_run() const { return expect.count("no_leak") > 0; }
  bool faults_at_load() const { return place == Place::load; }
  // The file of the scripts folder the entry changes.
  std::string file() const { return place == Place::validate ? "exams/demo.lua" : "academies/testia.lua"; }
};

// gtest prints an entry by its id.
inline void PrintTo(const Entry& e, std::ostream* os) { *os << e.id; }

std::filesystem::path corpus_dir();

// Every entry of the corpus, sorted by id. Throws on a malformed header.
std::vector<Entry> load_corpus();
// Loaded once; GUICHET_HOSTILE_ONLY=id,id,... keeps only those entries (to try a few by hand).
const std::vector<Entry>& corpus();

// The French words a diagnostic carries for an outcome ("" for error and no_leak).
std::string marker(const std::string& outcome);

// Whether `text` (a command's output, a log, an answer) shows a fault the entry allows:
// the marker of an allowed outcome, or, when `error` is allowed, any fault located in the
// entry's file (or the sandbox's « erreur de script » for an error value that is no text).
bool shows_allowed_fault(const Entry& e, const std::string& text);

// The clean scripts: minimal + overlay, into `dir`/ (created).
void write_clean_scripts(const std::filesystem::path& dir);

// The text of the entry's file with the entry injected (academies/testia.lua or
// exams/demo.lua, from the minimal fixture).
std::string injected(const Entry& e);

// The clean academies/testia.lua, its name changed to `name` (a good edit that shows).
std::string clean_academy(const std::string& name = "Académie de test");
std::string clean_exam();

// Test cases (tests/*.lua) for the checks that need several evaluations in one process:
// the leak probe (a tampering candidate, then a clean one that must stay valid), and `n`
// clean candidates in a row.
std::string leak_cases();
std::string repeated_cases(int n);

// An evaluate body for testia or voisine (answers and identity).
std::string evaluate_body(const std::string& postal_code);
// Answers file for `guichet eval`.
std::string eval_answers(const std::string& postal_code);

// A temporary folder removed on destruction.
struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& tag);
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

void write_file(const std::filesystem::path& p, const std::string& text);
// Write then rename, as editors do, so a watcher never reads half a file.
void replace_file(const std::filesystem::path& p, const std::string& text);
std::string read_file(const std::filesystem::path& p);

}  // namespace guichet::testing::hostile
