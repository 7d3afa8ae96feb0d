#include "app/settings.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>
#include <toml++/toml.h>

#include "core/secret_file.hpp"

namespace guichet::app {
namespace {

namespace fs = std::filesystem;

constexpr const char* kDefaultFile = "/etc/guichet/guichet.toml";
constexpr std::uintmax_t kMaxFile = 1 << 20;

Error usage(std::string message) { return Error{ErrorCode::usage, std::move(message)}; }

std::string known_keys() {
  std::string out;
  for (const auto& s : setting_specs()) out += (out.empty() ? "" : ", ") + s.key;
  return out;
}

const SettingSpec* spec_by_key(const std::string& key) {
  for (const auto& s : setting_specs())
    if (s.key == key) return &s;
  return nullptr;
}

// One value of the file as the flag's text, or why not.
Result<std::string> value_of(const SettingSpec& spec, const toml::node& node, const std::string& where) {
  switch (spec.kind) {
    case SettingKind::integer:
      if (auto v = node.value<std::int64_t>()) return std::to_string(*v);
      return usage(where + " : « " + spec.key + " » attend un nombre entier");
    case SettingKind::list:
      if (auto v = node.value<std::string>()) return *v;
      if (const auto* array = node.as_array()) {
        std::string joined;
        for (const auto& item : *array) {
          auto text = item.value<std::string>();
          if (!text) return usage(where + " : « " + spec.key + " » attend une liste de textes");
          joined += (joined.empty() ? "" : ", ") + *text;
        }
        return joined;
      }
      return usage(where + " : « " + spec.key + " » attend une liste de textes, ou un texte");
    case SettingKind::text:
      if (auto v = node.value<std::string>()) return *v;
      return usage(where + " : « " + spec.key + " » attend un texte entre guillemets");
  }
  return usage(where + " : valeur illisible");
}

Status read_file_layer(const fs::path& path, Settings& out) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) return usage("fichier de configuration " + path.string() + " : lecture impossible");
  if (size > kMaxFile) return usage("fichier de configuration " + path.string() + " : plus de 1 Mio");
  std::ifstream in(path, std::ios::binary);
  std::string text{std::istreambuf_iterator<char>(in), {}};
  toml::table table;
  try {
    table = toml::parse(text, path.string());
  } catch (const toml::parse_error& e) {
    return usage(path.string() + ":" + std::to_string(e.source().begin.line) + " : syntaxe TOML invalide, colonne " +
                 std::to_string(e.source().begin.column) + " (" + std::string(e.description()) + ")");
  }
  out.file = path.string();
  for (const auto& [key, node] : table) {
    const std::string name(key.str());
    const std::string where = path.string() + ":" + std::to_string(node.source().begin.line);
    const SettingSpec* spec = spec_by_key(name);
    if (!spec) return usage(where + " : clé inconnue « " + name + " » (clés connues : " + known_keys() + ")");
    auto value = value_of(*spec, node, where);
    if (!value.ok()) return value.error();
    out.values[spec->flag] = Setting{*value, where};
  }
  return {};
}

// The file a command reads: --config, else GUICHET_CONFIG, else the packaged default if present.
Result<std::string> config_path(const Args& flags) {
  std::string path;
  bool required = true;
  if (auto f = flags.get(kConfigFlag)) path = *f;
  else if (const char* env = std::getenv("GUICHET_CONFIG")) path = env;
  else {
    path = kDefaultFile;
    required = false;
  }
  if (path == "none") return std::string();
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    if (!required) return std::string();
    return usage("fichier de configuration introuvable : " + path);
  }
  return path;
}

Status resolve_database_password(Settings& s) {
  auto file = s.values.find("--database-password-file");
  if (file == s.values.end()) return {};
  auto url = s.values.find("--database");
  if (url == s.values.end() || url->second.value.empty())
    return usage(file->second.source + " : database_password_file sans database_url (PostgreSQL)");
  auto secret = read_secret_file(file->second.value);
  if (!secret.ok()) return usage(file->second.source + " : " + secret.error().message);
  auto parsed = boost::urls::parse_uri(url->second.value);
  if (!parsed) return usage(url->second.source + " : database_url n'est pas une adresse postgresql://…");
  boost::urls::url with(*parsed);
  with.set_password(*secret);
  url->second.value = std::string(with.buffer());
  return {};
}

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

const std::vector<SettingSpec>& setting_specs() {
  static const std::vector<SettingSpec> specs{
      {"--listen", "listen", "GUICHET_LISTEN"},
      {"--data-dir", "data_dir", "GUICHET_DATA_DIR"},
      {"--scripts", "scripts", "GUICHET_SCRIPTS"},
      {"--database", "database_url", "GUICHET_DATABASE_URL", SettingKind::text, true},
      {"--database-password-file", "database_password_file", "GUICHET_DATABASE_PASSWORD_FILE"},
      {"--threads", "threads", "GUICHET_THREADS", SettingKind::integer},
      {"--log-format", "log_format", "GUICHET_LOG_FORMAT"},
      {"--public-url", "public_url", "GUICHET_PUBLIC_URL"},
      {"--backoffice-url", "backoffice_url", "GUICHET_BACKOFFICE_URL"},
      {"--mail-from", "mail_from", "GUICHET_MAIL_FROM"},
      {"--outbox-dir", "outbox_dir", "GUICHET_OUTBOX_DIR"},
      {"--plugins", "plugins", "GUICHET_PLUGINS"},
      {"--password-cost", "password_cost", "GUICHET_PASSWORD_COST"},
      {"--trusted-proxies", "trusted_proxies", "GUICHET_TRUSTED_PROXIES", SettingKind::list},
      {"--web", "web", "GUICHET_WEB"},
      {"--cors-origins", "cors_origins", "GUICHET_CORS_ORIGINS", SettingKind::list},
      {"--simulated-time", "simulated_time", "GUICHET_SIMULATED_TIME"},
  };
  return specs;
}

Args Settings::over(const Args& flags) const {
  Args merged = flags;
  for (const auto& [flag, setting] : values) merged.options[flag] = setting.value;
  return merged;
}

Result<Settings> read_settings(const Args& flags) {
  Settings s;
  auto path = config_path(flags);
  if (!path.ok()) return path.error();
  if (!path->empty())
    if (Status read = read_file_layer(*path, s); !read.ok()) return read.error();
  for (const auto& spec : setting_specs())
    if (const char* env = std::getenv(spec.env.c_str()); env && *env) s.values[spec.flag] = Setting{env, spec.env};
  for (const auto& spec : setting_specs())
    if (auto v = flags.get(spec.flag)) s.values[spec.flag] = Setting{*v, spec.flag};
  if (Status db = resolve_database_password(s); !db.ok()) return db.error();
  return s;
}

Result<Args> layered_args(const Args& flags) {
  auto settings = read_settings(flags);
  if (!settings.ok()) return settings.error();
  return settings->over(flags);
}

std::string masked_url(const std::string& url) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed) return url.empty() ? url : "****";  // unreadable: it may hold anything
  if (!parsed->has_password()) return url;
  boost::urls::url masked(*parsed);
  masked.set_password("****");
  return std::string(masked.buffer());
}

std::string describe(const Settings& s) {
  std::ostringstream out;
  out << "# Configuration effective de guichet serve\n";
  out << "# Fichier : " << (s.file.empty() ? "aucun" : s.file) << " ; puis l'environnement (GUICHET_*), puis les options\n";
  for (const auto& spec : setting_specs()) {
    auto it = s.values.find(spec.flag);
    if (it == s.values.end()) {
      out << "# " << spec.key << " : valeur par défaut\n";
      continue;
    }
    const std::string shown = spec.secret ? masked_url(it->second.value) : it->second.value;
    out << spec.key << " = " << (spec.kind == SettingKind::integer ? shown : quoted(shown)) << "  # "
        << it->second.source << "\n";
  }
  return out.str();
}

}  // namespace guichet::app
