// Loads plugins (shared libraries built against plugins/sdk/guichet_plugin.h), checks their ABI
// version, validates their configuration against the schema they declare, and keeps what they
// provide: event subscriptions, a mail transport, Lua-callable functions, HTTP routes. The
// subsystems that use those (event delivery, mail, the rules sandbox, HTTP) call them through
// the typed wrappers here, never through raw pointers.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "plugins/sdk/guichet_plugin.h"

struct guichet_plugin_ctx;

namespace guichet::plugins {

struct PluginInfo {
  std::string name, version, description, file;
  std::string state;  // loaded | refused | failed
  std::string error;  // why, when not loaded
  unsigned abi_major = 0, abi_minor = 0;
  std::vector<std::string> provides;  // "events:registration.", "mail", "function:postal_lookup", "routes"
};

// One plugin's answer to a call: its status, and the JSON (or text) it returned. timed_out:
// the watchdog gave up waiting (the call may still be running on its own thread).
struct CallResult {
  guichet_status status = GUICHET_ERROR;
  std::string output;
  bool timed_out = false;
};

// How long the host waits for each kind of call before its watchdog gives up.
struct CallTimeouts {
  std::chrono::milliseconds event{10000};
  std::chrono::milliseconds mail{60000};
  std::chrono::milliseconds route{30000};
};

struct HttpAnswer {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
};

class PluginHost {
 public:
  explicit PluginHost(CallTimeouts timeouts = {});
  ~PluginHost();  // shutdown() of every plugin, then dlclose
  PluginHost(const PluginHost&) = delete;
  PluginHost& operator=(const PluginHost&) = delete;

  // Loads every *.so of `dir`, each with its configuration `<dir>/<name>.json` when present.
  // A plugin that cannot load is listed with its reason; the others load.
  void load_folder(const std::filesystem::path& dir);
  // One library; the error says why it was refused.
  Status load(const std::filesystem::path& library, const std::filesystem::path& config_dir);

  // state "hung" while a call into the plugin runs past its watchdog's deadline.
  std::vector<PluginInfo> list() const;
  // Prometheus text: calls past their deadline still running, per plugin.
  std::string render_metrics() const;

  // What plugins provide.
  struct Subscriber {
    std::string plugin, prefix;
  };
  std::vector<Subscriber> subscribers() const;
  // Calls `plugin`'s subscription(s) matching `type` with the event, under the watchdog.
  CallResult deliver(const std::string& plugin, const std::string& id, const std::string& type,
                     const std::string& aggregate, const std::string& payload, long long occurred_at,
                     unsigned attempt);
  // The prefixes `plugin` subscribed to.
  std::vector<std::string> subscriptions_of(const std::string& plugin) const;
  bool has_mail_transport() const;
  CallResult send_mail(const std::string& message_id, const std::string& recipient, const std::string& message);
  // "plugin.function" names the scripts may call.
  std::vector<std::string> functions() const;
  // Runs a Lua-callable function; gives up at `deadline` (the sandbox's own).
  CallResult call(const std::string& plugin, const std::string& function, const std::string& args_json,
                  std::chrono::steady_clock::time_point deadline);
  bool has_routes(const std::string& plugin) const;
  // `headers_json`: a JSON object of the request's headers the plugin may see.
  HttpAnswer route(const std::string& plugin, const std::string& method, const std::string& path,
                   const std::string& query, const std::string& body, const std::string& headers_json = "{}");

  // What host->query() answers: (plugin, request JSON) -> answer JSON. Set once the storage
  // is ready; until then queries fail.
  using QueryHandler = std::function<Result<std::string>(const std::string& plugin, const std::string& request)>;
  void set_query_handler(QueryHandler handler);
  Result<std::string> query(const std::string& plugin, const std::string& request);

  // Internal types, public so the C host services (free functions) can name them.
  struct Loaded;
  struct Registry;

 private:
  Loaded* find(const std::string& plugin) const;

  CallTimeouts timeouts_;
  std::vector<std::unique_ptr<Loaded>> loaded_;
  std::vector<PluginInfo> refused_;
  std::unique_ptr<Registry> registry_;
  mutable std::mutex mu_;
  std::mutex query_mu_;
  QueryHandler query_;
};

}  // namespace guichet::plugins
