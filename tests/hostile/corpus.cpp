#include "tests/hostile/corpus.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace guichet::testing::hostile {
namespace fs = std::filesystem;

namespace {

const fs::path kSource = GUICHET_SOURCE_DIR;

std::string trim(std::string s) {
  auto space = [](unsigned char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!s.empty() && space(s.back())) s.pop_back();
  size_t i = 0;
  while (i < s.size() && space(s[i])) ++i;
  return s.substr(i);
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

// "a, b,c" -> {"a", "b", "c"}
std::set<std::string> split_list(const std::string& text) {
  std::set<std::string> out;
  std::string item;
  for (char c : text + ",") {
    if (c != ',') {
      item += c;
      continue;
    }
    if (!trim(item).empty()) out.insert(trim(item));
    item.clear();
  }
  return out;
}

Entry parse(const fs::path& file) {
  Entry e;
  e.id = file.stem().string();
  std::istringstream in(read_file(file));
  std::string line, before, after;
  bool has_place = false, in_body = false;
  auto fail = [&](const std::string& why) {
    throw std::runtime_error(file.string() + " : " + why);
  };
  while (std::getline(in, line)) {
    if (starts_with(line, "-- hostile:")) e.what = trim(line.substr(11));
    if (starts_with(line, "-- place:")) {
      std::string p = trim(line.substr(9));
      if (p == "load") e.place = Place::load;
      else if (p == "residence") e.place = Place::residence;
      else if (p == "validate") e.place = Place::validate;
      else fail("place inconnue « " + p + " »");
      has_place = true;
    }
    if (starts_with(line, "-- expect:")) {
      e.expect = split_list(line.substr(10));
      for (const auto& o : e.expect)
        if (!kOutcomes.count(o)) fail("issue inconnue « " + o + " »");
    }
    if (starts_with(line, "-- repeat:")) {
      e.repeat = std::atoi(trim(line.substr(10)).c_str());
      if (e.repeat < 1 || e.repeat > 100) fail("repeat entre 1 et 100");
    }
    if (starts_with(line, "-- rule:")) {
      if (e.place == Place::load) fail("« -- rule: » n'a de sens que dans une règle");
      in_body = true;
      continue;
    }
    (in_body ? after : before) += line + "\n";
  }
  if (e.what.empty()) fail("ligne « -- hostile: » manquante");
  if (!has_place) fail("ligne « -- place: » manquante");
  if (e.expect.empty()) fail("ligne « -- expect: » manquante");
  if (e.place == Place::load || in_body) {
    e.prologue = before;
    e.body = after;
  } else {
    e.body = before;  // a rule body alone: its header comments come along, harmlessly
  }
  return e;
}

std::string replace_once(std::string text, const std::string& what, const std::string& with) {
  auto at = text.find(what);
  if (at == std::string::npos) throw std::runtime_error("point d'injection introuvable : " + what);
  text.replace(at, what.size(), with);
  return text;
}

const std::string kMinimal = "tests/fixtures/minimal";

}  // namespace

fs::path corpus_dir() { return kSource / "tests/fixtures/hostile/corpus"; }

std::vector<Entry> load_corpus() {
  std::vector<Entry> out;
  for (const auto& f : fs::directory_iterator(corpus_dir()))
    if (f.path().extension() == ".lua") out.push_back(parse(f.path()));
  std::sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) { return a.id < b.id; });
  return out;
}

const std::vector<Entry>& corpus() {
  static const std::vector<Entry> entries = [] {
    std::vector<Entry> all = load_corpus();
    const char* only = std::getenv("GUICHET_HOSTILE_ONLY");
    if (!only || !*only) return all;
    std::set<std::string> ids = split_list(only);
    std::vector<Entry> some;
    for (auto& e : all)
      if (ids.count(e.id)) some.push_back(std::move(e));
    return some;
  }();
  return entries;
}

std::string marker(const std::string& outcome) {
  if (outcome == "timeout") return "temps d'exécution dépassé";
  if (outcome == "memory") return "mémoire du script dépassée";
  if (outcome == "stack") return "pile d'appels trop profonde";
  return "";
}

bool shows_allowed_fault(const Entry& e, const std::string& text) {
  for (const auto& o : e.expect) {
    std::string m = marker(o);
    if (!m.empty() && text.find(m) != std::string::npos) return true;
  }
  // Any other fault: located in the entry's file, or the sandbox's own French words for an
  // error value that is not a text.
  return e.expect.count("error") &&
         (text.find(e.file()) != std::string::npos || text.find("erreur de script") != std::string::npos);
}

void write_clean_scripts(const fs::path& dir) {
  fs::create_directories(dir);
  fs::copy(kSource / kMinimal, dir, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  fs::copy(kSource / "tests/fixtures/hostile/overlay", dir,
           fs::copy_options::recursive | fs::copy_options::overwrite_existing);
}

std::string clean_academy(const std::string& name) {
  std::string text = read_file(kSource / kMinimal / "academies/testia.lua");
  if (name == "Académie de test") return text;
  return replace_once(text, "name = \"Académie de test\"", "name = \"" + name + "\"");
}

std::string clean_exam() { return read_file(kSource / kMinimal / "exams/demo.lua"); }

std::string injected(const Entry& e) {
  switch (e.place) {
    case Place::load:
      return e.prologue + "\n" + clean_academy();
    case Place::residence:
      return e.prologue + "\n" +
             replace_once(clean_academy(), "residence = function(a, v)\n", "residence = function(a, v)\n" + e.body);
    case Place::validate:
      return e.prologue + "\n" +
             replace_once(clean_exam(), "  require_pieces = function(a, v)\n",
                          "  validate = function(a, v)\n" + e.body + "\n  end,\n  require_pieces = function(a, v)\n");
  }
  return {};
}

namespace {
std::string one_case(const std::string& name, const std::string& postal_code, const std::string& expect) {
  return "case {\n  name = \"" + name +
         "\",\n  academy = \"testia\", exam = \"demo\", session = \"2025\", at = \"2024-11-01 12:00\",\n"
         "  identity = { birth_date = \"2004-05-01\", nationality = \"francaise\" },\n"
         "  answers = { speciality = \"cuisine\", postal_code = \"" +
         postal_code + "\" },\n  expect = " + expect + ",\n}\n";
}
}  // namespace

std::string leak_cases() {
  return one_case("piège", "86001", "{ phase = \"open\" }") + one_case("sonde", "86000", "{ valid = true }");
}

std::string repeated_cases(int n) {
  std::string out;
  for (int i = 1; i <= n; ++i) out += one_case("encore " + std::to_string(i), "86000", "{ valid = true }");
  return out;
}

std::string evaluate_body(const std::string& postal_code) {
  return R"({"answers": {"speciality": "cuisine", "postal_code": ")" + postal_code +
         R"("}, "identity": {"birth_date": "2004-05-01", "nationality": "francaise"}, "at": "2024-11-01T12:00:00+01:00"})";
}

std::string eval_answers(const std::string& postal_code) { return evaluate_body(postal_code); }

TempDir::TempDir(const std::string& tag) {
  static int counter = 0;
  path = fs::temp_directory_path() /
         ("guichet-hostile-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(path);
  fs::create_directories(path);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path, ec);
}

void write_file(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

void replace_file(const fs::path& p, const std::string& text) {
  fs::path tmp = p;
  tmp += ".tmp~";
  write_file(tmp, text);
  fs::rename(tmp, p);
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("fichier illisible : " + p.string());
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace guichet::testing::hostile
