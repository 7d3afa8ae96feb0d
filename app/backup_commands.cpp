// `guichet backup` and `guichet restore`: one archive (ZIP) holding a consistent copy of the
// database and every stored file, written while the server runs, and brought back into an empty
// data folder or database. SQLite: the online backup API, then the files the copy refers to
// (files are written before their row commits and never change, so each one the snapshot names
// is there; one deleted meanwhile makes the backup start again). PostgreSQL: pg_dump's own
// snapshot, which holds the files too (they live in file_chunks), and pg_restore.
#include <openssl/evp.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zip.h>

#include <boost/json.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "app/command_options.hpp"
#include "app/commands.hpp"
#include "core/time_format.hpp"
#include "db/sqlite_backup.hpp"

extern char** environ;

namespace guichet::app {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

constexpr int kFormat = 1;
constexpr int kAttempts = 3;

int fail(const char* command, const std::string& message) {
  std::fprintf(stderr, "%s : %s\n", command, message.c_str());
  return 1;
}

std::string now_utc() {
  return format_rfc3339(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()),
                        *find_zone("UTC"));
}

// The URL without its password, and the password (for PGPASSWORD: never in argv, which `ps`
// shows to every user of the machine).
std::pair<std::string, std::string> split_password(const std::string& url) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed || !parsed->has_password()) return {url, ""};
  boost::urls::url bare(*parsed);
  std::string password(bare.password());
  bare.remove_password();
  return {std::string(bare.buffer()), password};
}

// Runs a PostgreSQL client tool; its own messages go to our stderr.
bool run_pg_tool(std::vector<std::string> args, const std::string& password) {
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e)
    if (std::string_view(*e).rfind("PGPASSWORD=", 0) != 0) env.emplace_back(*e);
  if (!password.empty()) env.push_back("PGPASSWORD=" + password);
  std::vector<char*> argv, envp;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), envp.data()) != 0) return false;
  int status = 0;
  if (waitpid(pid, &status, 0) != pid) return false;
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

struct TempDir {
  fs::path path;
  explicit TempDir(fs::path p) : path(std::move(p)) {
    std::error_code ec;
    fs::remove_all(path, ec);
    fs::create_directories(path, ec);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};

bool add_file(zip_t* archive, const fs::path& file, const std::string& name) {
  zip_source_t* source = zip_source_file(archive, file.c_str(), 0, -1);
  if (!source) return false;
  zip_int64_t index = zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
  if (index < 0) {
    zip_source_free(source);
    return false;
  }
  // Pieces are PDF and images, already compressed; the database deflates well.
  const bool deflate = name == "guichet.sqlite3" || name.rfind("outbox/", 0) == 0;
  zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), deflate ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0);
  return true;
}

}  // namespace

int cmd_backup(int argc, char** argv) {
  auto args = parse_layered(argc, argv, 2, {"--out"}, {});
  if (!args.ok()) return fail("backup", args.error().message);
  auto out = args->get("--out");
  if (!out) {
    std::fputs("usage : guichet backup --out ARCHIVE.zip [--config FICHIER] [--data-dir DOSSIER] [--database URL]\n", stderr);
    return 2;
  }
  if (fs::exists(*out)) return fail("backup", "l'archive existe déjà : " + *out);
  const DatabaseLocation where = database_location(*args);
  const fs::path data(where.data_dir);
  TempDir work(fs::path(*out + ".tmp"));

  json::object manifest{{"format", kFormat}, {"created_at", now_utc()}};
  std::vector<std::pair<fs::path, std::string>> entries;  // file on disk, name in the archive
  json::array files;
  if (where.url.empty()) {
    manifest["backend"] = "sqlite";
    bool complete = false;
    for (int attempt = 0; attempt < kAttempts && !complete; ++attempt) {
      entries.clear();
      files.clear();
      const fs::path copy = work.path / "guichet.sqlite3";
      std::error_code ec;
      fs::remove(copy, ec);
      if (Status st = db::sqlite_online_backup(data / "guichet.sqlite3", copy); !st.ok())
        return fail("backup", st.error().message);
      auto stored = db::sqlite_stored_files(copy);
      if (!stored.ok()) return fail("backup", stored.error().message);
      entries.emplace_back(copy, "guichet.sqlite3");
      complete = true;
      for (const auto& f : *stored) {
        const std::string name = "files/" + f.id.substr(0, 2) + "/" + f.id;
        const fs::path path = data / name;
        if (!fs::exists(path, ec)) {
          complete = false;  // removed since the snapshot: take a new one
          break;
        }
        entries.emplace_back(path, name);
        files.push_back(json::object{{"path", name}, {"sha256", f.sha256}, {"size", f.size}});
      }
    }
    if (!complete) return fail("backup", "des fichiers disparaissent pendant la copie : réessayez");
  } else {
    manifest["backend"] = "postgresql";
    auto [url, password] = split_password(where.url);
    const fs::path dump = work.path / "database.pgdump";
    if (!run_pg_tool({"pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", dump.string(),
                      "--dbname", url},
                     password))
      return fail("backup", "pg_dump a échoué (voir son message ci-dessus)");
    entries.emplace_back(dump, "database.pgdump");
  }
  // Mails written but not yet sent (outbox/*.eml when no SMTP plugin delivers them).
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(data / "outbox", ec))
    if (e.is_regular_file()) entries.emplace_back(e.path(), "outbox/" + e.path().filename().string());
  manifest["files"] = std::move(files);
  const fs::path manifest_path = work.path / "manifest.json";
  std::ofstream(manifest_path) << json::serialize(manifest);
  entries.emplace_back(manifest_path, "manifest.json");

  const std::string partial = *out + ".partial";
  int error = 0;
  std::unique_ptr<zip_t, ZipCloser> archive(zip_open(partial.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error));
  if (!archive) return fail("backup", "écriture impossible : " + partial);
  for (const auto& [path, name] : entries)
    if (!add_file(archive.get(), path, name)) return fail("backup", "fichier illisible : " + path.string());
  if (zip_close(archive.get()) != 0) return fail("backup", "écriture impossible : " + partial);
  archive.release();
  fs::rename(partial, *out, ec);
  if (ec) return fail("backup", "écriture impossible : " + *out);
  std::printf("sauvegarde écrite : %s (%s, %zu fichiers stockés)\n", out->c_str(),
              where.url.empty() ? "SQLite" : "PostgreSQL", manifest["files"].as_array().size());
  return 0;
}

namespace {

// Extracts one entry to `target`, its SHA-256 in `sha256` (hex).
bool extract(zip_t* archive, zip_uint64_t index, const fs::path& target, std::string& sha256) {
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  zip_file_t* in = zip_fopen_index(archive, index, 0);
  if (!in) return false;
  std::ofstream out(target, std::ios::binary);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> sha(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_DigestInit_ex(sha.get(), EVP_sha256(), nullptr);
  char buffer[1 << 16];
  zip_int64_t n;
  while ((n = zip_fread(in, buffer, sizeof buffer)) > 0) {
    out.write(buffer, n);
    EVP_DigestUpdate(sha.get(), buffer, static_cast<std::size_t>(n));
  }
  zip_fclose(in);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned size = 0;
  EVP_DigestFinal_ex(sha.get(), digest, &size);
  static const char* hex = "0123456789abcdef";
  sha256.clear();
  for (unsigned i = 0; i < size; ++i) {
    sha256 += hex[digest[i] >> 4];
    sha256 += hex[digest[i] & 15];
  }
  out.flush();
  return n == 0 && out.good();
}

bool safe_name(const std::string& name) {
  return !name.empty() && name.front() != '/' && name.find("..") == std::string::npos && name.find('\\') == std::string::npos;
}

}  // namespace

int cmd_restore(int argc, char** argv) {
  auto args = parse_layered(argc, argv, 2, {"--from"}, {});
  if (!args.ok()) return fail("restore", args.error().message);
  auto from = args->get("--from");
  if (!from) {
    std::fputs("usage : guichet restore --from ARCHIVE.zip [--config FICHIER] [--data-dir DOSSIER] [--database URL]\n",
               stderr);
    return 2;
  }
  const DatabaseLocation where = database_location(*args);
  int error = 0;
  std::unique_ptr<zip_t, ZipCloser> archive(zip_open(from->c_str(), ZIP_RDONLY, &error));
  if (!archive) return fail("restore", "archive illisible : " + *from);
  zip_int64_t manifest_index = zip_name_locate(archive.get(), "manifest.json", 0);
  if (manifest_index < 0) return fail("restore", "ce n'est pas une sauvegarde de guichet (pas de manifest.json)");
  const fs::path data(where.data_dir);
  const fs::path staging = fs::path(where.data_dir + ".restauration");
  TempDir work(staging);
  std::string ignored;
  if (!extract(archive.get(), static_cast<zip_uint64_t>(manifest_index), work.path / "manifest.json", ignored))
    return fail("restore", "manifest.json illisible");
  std::ifstream manifest_in(work.path / "manifest.json");
  boost::system::error_code jec;
  json::value manifest = json::parse(std::string{std::istreambuf_iterator<char>(manifest_in), {}}, jec);
  if (jec || !manifest.is_object() || !manifest.as_object().contains("backend"))
    return fail("restore", "manifest.json illisible");
  const std::string backend(manifest.at("backend").as_string());
  if (backend != (where.url.empty() ? "sqlite" : "postgresql"))
    return fail("restore", "cette sauvegarde vient de " + backend + " : restaurez-la dans le même type de base");
  std::error_code ec;
  if (fs::exists(data / "guichet.sqlite3", ec) || (fs::exists(data / "files", ec) && !fs::is_empty(data / "files", ec)))
    return fail("restore", "le dossier de données n'est pas vide : " + data.string());

  std::map<std::string, std::string> expected;  // name -> sha256
  if (manifest.as_object().contains("files"))
    for (const auto& f : manifest.at("files").as_array())
      expected[std::string(f.at("path").as_string())] = std::string(f.at("sha256").as_string());
  std::size_t restored_files = 0;
  for (zip_int64_t i = 0; i < zip_get_num_entries(archive.get(), 0); ++i) {
    const std::string name = zip_get_name(archive.get(), static_cast<zip_uint64_t>(i), 0);
    if (name == "manifest.json") continue;
    if (!safe_name(name)) return fail("restore", "nom d'entrée refusé : " + name);
    std::string sha;
    if (!extract(archive.get(), static_cast<zip_uint64_t>(i), work.path / name, sha))
      return fail("restore", "entrée illisible : " + name);
    if (auto it = expected.find(name); it != expected.end()) {
      if (it->second != sha) return fail("restore", "empreinte SHA-256 différente pour " + name + " : archive abîmée");
      expected.erase(it);
      ++restored_files;
    }
  }
  if (!expected.empty()) return fail("restore", "fichier absent de l'archive : " + expected.begin()->first);

  if (backend == "postgresql") {
    auto [url, password] = split_password(where.url);
    if (!run_pg_tool({"pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
                      "--dbname", url, (work.path / "database.pgdump").string()},
                     password))
      return fail("restore", "pg_restore a échoué (la base cible doit être vide ; voir son message ci-dessus)");
    fs::remove(work.path / "database.pgdump", ec);
  }
  fs::remove(work.path / "manifest.json", ec);
  // Into place: the data folder is absent or holds nothing of a database.
  fs::create_directories(data, ec);
  for (const auto& e : fs::directory_iterator(work.path, ec)) {
    fs::rename(e.path(), data / e.path().filename(), ec);
    if (ec) return fail("restore", "déplacement impossible vers " + data.string());
  }
  // A backup of an older guichet gets the migrations it lacks.
  auto db = open_database(where, 1);
  if (!db.ok()) return fail("restore", db.error().message);
  std::printf("restauration terminée : %s (%zu fichiers stockés vérifiés)\n",
              where.url.empty() ? data.string().c_str() : "base PostgreSQL", restored_files);
  return 0;
}

}  // namespace guichet::app
