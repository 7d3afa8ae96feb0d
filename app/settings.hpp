// The server's settings in three layers, the last given winning: the configuration file
// (/etc/guichet/guichet.toml, or --config / GUICHET_CONFIG), the GUICHET_* environment, then the
// command's flags. The file holds every `serve` option under its flag's name written with '_'
// (listen, data_dir, ...); secrets come from files (database_password_file) so they stay out of
// the process list and the environment. Every command that opens the database reads the same
// layers, so `guichet admin ...` on a packaged server finds the server's database.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "app/args.hpp"
#include "core/result.hpp"

namespace guichet::app {

enum class SettingKind { text, integer, list };

struct SettingSpec {
  std::string flag;  // "--listen"
  std::string key;   // "listen" in the file
  std::string env;   // "GUICHET_LISTEN"
  SettingKind kind = SettingKind::text;
  bool secret = false;  // shown masked by `config check`
};

// Every setting `serve` takes, in the order `config check` prints them.
const std::vector<SettingSpec>& setting_specs();

struct Setting {
  std::string value;   // lists joined with ", "
  std::string source;  // "/etc/guichet/guichet.toml:12", "GUICHET_LISTEN", "--listen"
};

struct Settings {
  std::string file;                       // the configuration file read, "" if none
  std::map<std::string, Setting> values;  // by flag; absent: the built-in default

  // `flags` with every setting filled in (the flags' own values are among them): what a
  // command reads its options from.
  Args over(const Args& flags) const;
};

// The flags' own options every command reading the layers accepts.
inline const char* const kConfigFlag = "--config";

// Reads the layers under `flags` (a command's parsed flags; `--config none` reads no file).
// Errors are usage errors in French naming the file and line (an unknown key, a wrong type, a
// secret file that cannot be read). database_password_file is resolved into the database URL.
Result<Settings> read_settings(const Args& flags);

// `flags` with every setting of the layers filled in (the flags' own values win; the database
// URL carries its password): what a command reads its options from.
Result<Args> layered_args(const Args& flags);

// The effective settings as TOML lines with their source, secrets masked (`config check`).
std::string describe(const Settings& settings);

// A database URL with its password (if any) replaced by "****".
std::string masked_url(const std::string& url);

}  // namespace guichet::app
