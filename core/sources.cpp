#include "core/sources.hpp"

#include <sodium.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace guichet {

const SourceFile* SourceSet::find(const std::string& path) const {
  for (const auto& f : files)
    if (f.path == path) return &f;
  return nullptr;
}

void SourceSet::add(SourceFile f) {
  remove(f.path);
  auto at = std::lower_bound(files.begin(), files.end(), f.path,
                             [](const SourceFile& a, const std::string& p) { return a.path < p; });
  files.insert(at, std::move(f));
  rehash();
}

void SourceSet::remove(const std::string& path) {
  std::erase_if(files, [&](const SourceFile& f) { return f.path == path; });
  rehash();
}

void SourceSet::rehash() {
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  for (const auto& f : files) {
    // Length-prefixed so that ("ab","c") and ("a","bc") differ.
    std::string head = std::to_string(f.path.size()) + ":" + f.path + ":" + std::to_string(f.text.size()) + ":";
    crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(head.data()), head.size());
    crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(f.text.data()), f.text.size());
  }
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&st, out);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  hash = hex;
}

Result<SourceSet> read_sources(const std::filesystem::path& dir, bool tests) {
  namespace fs = std::filesystem;
  SourceSet set;
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    return Error{ErrorCode::scripts_missing, "Dossier de scripts introuvable : " + dir.string()};
  std::vector<std::string> subdirs = tests ? std::vector<std::string>{"tests", "tests/lib"}
                                           : std::vector<std::string>{"academies", "exams", "lib"};
  for (const auto& sub : subdirs) {
    fs::path d = dir / sub;
    if (!fs::is_directory(d, ec)) continue;
    for (const auto& entry : fs::directory_iterator(d, ec)) {
      if (!entry.is_regular_file() || entry.path().extension() != ".lua") continue;
      if (entry.path().filename().string().front() == '.') continue;  // editor temp files
      if (set.files.size() >= kMaxScriptFiles)
        return Error{ErrorCode::scripts_too_many, "Trop de fichiers de scripts dans " + d.string()};
      if (entry.file_size(ec) > kMaxScriptBytes)
        return Error{ErrorCode::script_too_large, sub + "/" + entry.path().filename().string() +
                                             ": fichier trop volumineux (1 Mio au plus)"};
      std::ifstream in(entry.path(), std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      set.files.push_back({sub + "/" + entry.path().filename().string(), text.str()});
    }
  }
  std::sort(set.files.begin(), set.files.end(),
            [](const SourceFile& a, const SourceFile& b) { return a.path < b.path; });
  set.rehash();
  return set;
}

}  // namespace guichet
