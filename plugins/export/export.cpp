// export: writes an académie's registrations to a folder on a schedule, as CSV (for the
// spreadsheets and imports of the systems that take over after registration) or JSON. Built
// against the public SDK only: it reads through host->query() on a thread of its own.
//
// Each run writes inscriptions-<académie>-<YYYYMMDD-HHMMSS>.<csv|json> (a hidden temporary
// file, fsync, rename: a reader never sees half a file), points
// inscriptions-<académie>-dernier.<ext> at it (atomically, a hard link renamed over the old
// one), and keeps the `keep` most recent dated files.
#include <fcntl.h>
#include <unistd.h>

#include <boost/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "guichet_plugin.h"

namespace {

namespace json = boost::json;
namespace fs = std::filesystem;

const guichet_host_api* host = nullptr;
guichet_plugin_ctx* self = nullptr;

struct Settings {
  std::string academy, folder, format = "csv";
  long interval_seconds = 3600;
  long keep = 30;
} settings;

std::thread worker;
std::mutex mu;
std::condition_variable cv;
bool stopping = false;

void log(guichet_log_level level, const std::string& m) { host->log(self, level, {m.data(), m.size()}); }

// One page of registrations; false (with `error`) when the host refused.
bool fetch(const std::string& after, json::array& out, std::string& next, std::string& error) {
  std::string request = json::serialize(json::object{
      {"registrations", json::object{{"academy", settings.academy}, {"after", after}, {"limit", 1000}}}});
  guichet_buffer result{nullptr, 0};
  int rc = host->query(self, {request.data(), request.size()}, &result);
  std::string text = result.data ? std::string(result.data, result.len) : std::string();
  host->free(result.data);
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (rc != 0 || ec || !v.is_object()) {
    error = !ec && v.is_object() && v.as_object().contains("error") ? std::string(v.at("error").as_string()) : text;
    return false;
  }
  for (auto& r : v.at("registrations").as_array()) out.push_back(std::move(r));
  next = v.at("next").as_string();
  return true;
}

// A CSV cell: quoted when needed; a leading = + - @ is neutralised so a spreadsheet never
// runs a formula a candidate typed.
std::string cell(const json::value& v) {
  std::string s = v.is_string() ? std::string(v.as_string()) : v.is_null() ? "" : json::serialize(v);
  if (!s.empty() && std::strchr("=+-@\t\r", s[0])) s = "'" + s;
  if (s.find_first_of(";\"\r\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string to_csv(const json::array& rows) {
  static const char* kHeader =
      "numero_inscription;numero_candidat;academie;examen;session;statut;specialite;pole;nom;prenom;"
      "date_naissance;lieu_naissance;nationalite;courriel;telephone;version;cree_le;modifie_le;annule_le;"
      "motif_annulation;reponses\r\n";
  std::string out = "\xEF\xBB\xBF";  // BOM: spreadsheets then read UTF-8 accents right
  out += kHeader;
  for (const auto& v : rows) {
    const auto& r = v.as_object();
    const auto& c = r.at("candidate").as_object();
    auto cand = [&](const char* k) { return c.contains(k) ? c.at(k) : json::value(nullptr); };
    std::vector<json::value> cells = {r.at("registration_number"), r.at("candidate_number"), r.at("academy"),
                                      r.at("exam"), r.at("session"), r.at("status"), r.at("speciality"),
                                      r.at("pole"), cand("last_name"), cand("first_name"), cand("birth_date"),
                                      cand("birth_place"), cand("nationality"), cand("email"), cand("phone"),
                                      r.at("version"), r.at("created_at"), r.at("updated_at"), r.at("withdrawn_at"),
                                      r.at("withdrawal_reason"), r.at("answers")};
    for (size_t i = 0; i < cells.size(); ++i) out += (i ? ";" : "") + cell(cells[i]);
    out += "\r\n";
  }
  return out;
}

bool write_durably(const fs::path& path, const std::string& content) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
  if (fd < 0) return false;
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n <= 0) {
      ::close(fd);
      return false;
    }
    done += static_cast<size_t>(n);
  }
  bool ok = ::fsync(fd) == 0;
  return ::close(fd) == 0 && ok;
}

void run_export() {
  json::array rows;
  std::string after, next, error;
  do {
    if (!fetch(after, rows, next, error)) {
      log(GUICHET_LOG_WARN, "export de " + settings.academy + " reporté : " + error);
      return;
    }
    after = next;
  } while (!next.empty());
  std::time_t now = std::time(nullptr);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", std::gmtime(&now));
  const std::string ext = settings.format;
  const std::string base = "inscriptions-" + settings.academy;
  std::string content = ext == "csv" ? to_csv(rows)
                                     : json::serialize(json::object{{"academy", settings.academy},
                                                                    {"generated_at", static_cast<long long>(now)},
                                                                    {"registrations", rows}}) +
                                           "\n";
  fs::path dir(settings.folder);
  fs::path dated = dir / (base + "-" + stamp + "." + ext), tmp = dir / ("." + base + ".tmp");
  std::error_code ec;
  if (!write_durably(tmp, content)) {
    log(GUICHET_LOG_ERROR, "export : écriture impossible dans " + settings.folder);
    fs::remove(tmp, ec);
    return;
  }
  fs::rename(tmp, dated, ec);
  fs::path link_tmp = dir / ("." + base + ".link");
  fs::remove(link_tmp, ec);
  fs::create_hard_link(dated, link_tmp, ec);
  if (!ec) fs::rename(link_tmp, dir / (base + "-dernier." + ext), ec);
  // Keep the most recent dated files.
  std::vector<fs::path> dated_files;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    std::string name = e.path().filename().string();
    if (name.rfind(base + "-2", 0) == 0 && e.path().extension() == "." + ext) dated_files.push_back(e.path());
  }
  std::sort(dated_files.begin(), dated_files.end());
  while (static_cast<long>(dated_files.size()) > settings.keep) {
    fs::remove(dated_files.front(), ec);
    dated_files.erase(dated_files.begin());
  }
  log(GUICHET_LOG_INFO, "export : " + std::to_string(rows.size()) + " inscription(s) dans " + dated.string());
}

void loop() {
  std::unique_lock lock(mu);
  for (;;) {
    if (cv.wait_for(lock, std::chrono::seconds(settings.interval_seconds), [] { return stopping; })) return;
    lock.unlock();
    run_export();
    lock.lock();
  }
}

const char* kSchema = R"({
  "type": "object",
  "properties": {
    "academy": {"type": "string", "minLength": 1, "maxLength": 50},
    "folder": {"type": "string", "minLength": 1, "maxLength": 500},
    "format": {"type": "string", "enum": ["csv", "json"]},
    "interval_seconds": {"type": "integer", "minimum": 1, "maximum": 604800},
    "keep": {"type": "integer", "minimum": 1, "maximum": 1000}
  },
  "required": ["academy", "folder"],
  "additionalProperties": false
})";

int init(guichet_plugin_ctx* ctx, const guichet_host_api* h) {
  host = h;
  self = ctx;
  // Declaring ABI 1.1 already keeps older hosts from loading it; a plugin that could do
  // without a newer service would check for it this way instead.
  if (h->size < offsetof(guichet_host_api, query) + sizeof h->query) return 1;
  guichet_str c = h->config(ctx);
  json::object config = json::parse(std::string(c.data, c.len)).as_object();  // validated by the host
  settings.academy = config.at("academy").as_string();
  settings.folder = config.at("folder").as_string();
  if (auto* f = config.if_contains("format")) settings.format = f->as_string();
  if (auto* i = config.if_contains("interval_seconds")) settings.interval_seconds = static_cast<long>(i->as_int64());
  if (auto* k = config.if_contains("keep")) settings.keep = static_cast<long>(k->as_int64());
  std::error_code ec;
  fs::create_directories(settings.folder, ec);
  if (ec || !fs::is_directory(settings.folder)) {
    log(GUICHET_LOG_ERROR, "dossier d'export inutilisable : " + settings.folder);
    return 2;
  }
  stopping = false;
  worker = std::thread(loop);
  log(GUICHET_LOG_INFO, "export de " + settings.academy + " toutes les " + std::to_string(settings.interval_seconds) +
                            " s vers " + settings.folder);
  return 0;
}

void shutdown(guichet_plugin_ctx*) {
  {
    std::lock_guard lock(mu);
    stopping = true;
  }
  cv.notify_all();
  if (worker.joinable()) worker.join();
}

const guichet_plugin_def def = {
    GUICHET_PLUGIN_ABI_MAJOR, 1, "export", "1.0.0",  // needs host->query (ABI 1.1)
    "Exporte les inscriptions d'une académie vers un dossier (CSV ou JSON), à intervalle régulier", kSchema, init,
    shutdown,
};

}  // namespace

extern "C" GUICHET_PLUGIN_EXPORT const guichet_plugin_def* guichet_plugin_entry(void) { return &def; }
