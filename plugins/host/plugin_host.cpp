#include "plugins/host/plugin_host.hpp"

#include <boost/json.hpp>
#include <dlfcn.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "plugins/host/call_pool.hpp"
#include "plugins/host/json_schema.hpp"
#include "plugins/host/secret_files.hpp"
#include "plugins/host/plugin_names.hpp"

// The host's side of the opaque handle each plugin gets.
struct guichet_plugin_ctx {
  guichet::plugins::PluginHost* host = nullptr;
  std::string name;
  std::string config;      // validated JSON, valid until shutdown
  bool initializing = false;  // provide_* and subscribe are accepted during init() only
};

namespace guichet::plugins {
namespace json = boost::json;

namespace {

guichet_str str(const std::string& s) { return {s.data(), s.size()}; }
std::string text(guichet_str s) { return s.data ? std::string(s.data, s.len) : std::string(); }

// Takes a buffer the plugin allocated with host->alloc.
std::string take(guichet_buffer& b) {
  std::string out = b.data ? std::string(b.data, b.len) : std::string();
  std::free(b.data);
  b = {nullptr, 0};
  return out;
}

}  // namespace

struct PluginHost::Loaded {
  void* handle = nullptr;
  const guichet_plugin_def* def = nullptr;
  guichet_plugin_ctx ctx;
  PluginInfo info;
  // Watchdogs: events one at a time (in order), mail, and functions and routes together.
  std::unique_ptr<CallPool> event_calls, mail_calls, calls;
};

struct PluginHost::Registry {
  struct Subscription {
    std::string plugin, prefix;
    guichet_event_fn fn;
    void* user;
  };
  struct Function {
    std::string plugin, name;
    guichet_call_fn fn;
    void* user;
  };
  struct Routes {
    std::string plugin;
    guichet_route_fn fn;
    void* user;
  };
  std::vector<Subscription> subscriptions;
  std::string mail_plugin;
  guichet_mail_fn mail_fn = nullptr;
  void* mail_user = nullptr;
  std::vector<Function> functions;
  std::vector<Routes> routes;
};

namespace {

// What the plugin whose init() runs may register into. Set around init(), under the host's
// load lock: registrations outside init() are refused.
PluginHost::Loaded* current_loaded = nullptr;
PluginHost::Registry* current_registry = nullptr;

PluginHost::Registry* registry_of(guichet_plugin_ctx* ctx) {
  if (!ctx || !ctx->initializing || !current_loaded || &current_loaded->ctx != ctx) return nullptr;
  return current_registry;
}

void host_log(guichet_plugin_ctx* ctx, guichet_log_level level, guichet_str message) {
  std::string m = text(message);
  const std::string who = ctx ? ctx->name : std::string("?");
  switch (level) {
    case GUICHET_LOG_DEBUG: spdlog::debug("greffon {} : {}", who, m); break;
    case GUICHET_LOG_INFO: spdlog::info("greffon {} : {}", who, m); break;
    case GUICHET_LOG_WARN: spdlog::warn("greffon {} : {}", who, m); break;
    default: spdlog::error("greffon {} : {}", who, m); break;
  }
}

guichet_str host_config(guichet_plugin_ctx* ctx) { return ctx ? str(ctx->config) : guichet_str{"{}", 2}; }

int host_subscribe(guichet_plugin_ctx* ctx, guichet_str prefix, guichet_event_fn fn, void* user) {
  auto* reg = registry_of(ctx);
  if (!reg || !fn || prefix.len > 100) return -1;
  reg->subscriptions.push_back({ctx->name, text(prefix), fn, user});
  current_loaded->info.provides.push_back("events:" + text(prefix));
  return 0;
}

int host_provide_mail(guichet_plugin_ctx* ctx, guichet_mail_fn fn, void* user) {
  auto* reg = registry_of(ctx);
  if (!reg || !fn || reg->mail_fn) return -1;
  reg->mail_plugin = ctx->name;
  reg->mail_fn = fn;
  reg->mail_user = user;
  current_loaded->info.provides.push_back("mail");
  return 0;
}

int host_provide_function(guichet_plugin_ctx* ctx, guichet_str name, guichet_call_fn fn, void* user) {
  auto* reg = registry_of(ctx);
  std::string n = text(name);
  if (!reg || !fn || !is_function_name(n)) return -1;
  for (const auto& f : reg->functions)
    if (f.plugin == ctx->name && f.name == n) return -1;
  reg->functions.push_back({ctx->name, n, fn, user});
  current_loaded->info.provides.push_back("function:" + n);
  return 0;
}

int host_provide_routes(guichet_plugin_ctx* ctx, guichet_route_fn fn, void* user) {
  auto* reg = registry_of(ctx);
  if (!reg || !fn) return -1;
  for (const auto& r : reg->routes)
    if (r.plugin == ctx->name) return -1;
  reg->routes.push_back({ctx->name, fn, user});
  current_loaded->info.provides.push_back("routes");
  return 0;
}

int host_query(guichet_plugin_ctx* ctx, guichet_str request, guichet_buffer* result) {
  if (!ctx || !ctx->host || !result) return -1;
  auto answer = ctx->host->query(ctx->name, text(request));
  std::string out = answer.ok() ? *answer : json::serialize(json::object{{"error", answer.error().message}});
  result->data = static_cast<char*>(std::malloc(out.size() ? out.size() : 1));
  result->len = result->data ? out.size() : 0;
  if (result->data) std::memcpy(result->data, out.data(), out.size());
  return answer.ok() ? 0 : -1;
}

const guichet_host_api kHostApi = {
    GUICHET_PLUGIN_ABI_MAJOR,
    GUICHET_PLUGIN_ABI_MINOR,
    sizeof(guichet_host_api),
    [](size_t n) { return std::malloc(n == 0 ? 1 : n); },
    [](void* p) { std::free(p); },
    host_log,
    host_config,
    host_subscribe,
    host_provide_mail,
    host_provide_function,
    host_provide_routes,
    host_query,
};

}  // namespace

PluginHost::PluginHost(CallTimeouts timeouts) : timeouts_(timeouts), registry_(std::make_unique<Registry>()) {}

PluginHost::~PluginHost() {
  for (auto it = loaded_.rbegin(); it != loaded_.rend(); ++it) {
    if ((*it)->def && (*it)->def->shutdown) (*it)->def->shutdown(&(*it)->ctx);
    // Libraries stay mapped: a thread of the plugin (a watchdog's abandoned call) may still
    // run its code; unmapping would turn that into a crash at exit.
  }
}

void PluginHost::load_folder(const std::filesystem::path& dir) {
  std::error_code ec;
  std::vector<std::filesystem::path> libraries;
  for (auto it = std::filesystem::directory_iterator(dir, ec); !ec && it != std::filesystem::directory_iterator();
       it.increment(ec))
    if (it->path().extension() == ".so") libraries.push_back(it->path());
  if (ec) spdlog::error("greffons : dossier illisible {} : {}", dir.string(), ec.message());
  std::sort(libraries.begin(), libraries.end());
  for (const auto& lib : libraries) {
    Status st = load(lib, dir);
    if (!st.ok()) spdlog::error("greffon {} refusé : {}", lib.filename().string(), st.error().message);
  }
}

Status PluginHost::load(const std::filesystem::path& library, const std::filesystem::path& config_dir) {
  std::lock_guard lock(mu_);
  PluginInfo info;
  info.file = library.string();
  auto refuse = [&](const std::string& why, const char* state = "refused") -> Status {
    info.state = state;
    info.error = why;
    refused_.push_back(info);
    return Error{ErrorCode::plugin_refused, why};
  };
  void* handle = dlopen(library.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) return refuse(std::string("chargement impossible : ") + dlerror());
  auto entry = reinterpret_cast<guichet_plugin_entry_fn>(dlsym(handle, GUICHET_PLUGIN_ENTRY_SYMBOL));
  if (!entry) {
    dlclose(handle);
    return refuse("pas de fonction guichet_plugin_entry : ce n'est pas un greffon guichet");
  }
  const guichet_plugin_def* def = entry();
  if (!def) {
    dlclose(handle);
    return refuse("guichet_plugin_entry n'a rien renvoyé");
  }
  // The two version fields come first in every ABI: nothing else of an unknown layout is read.
  info.abi_major = def->abi_major;
  info.abi_minor = def->abi_minor;
  if (info.abi_major != GUICHET_PLUGIN_ABI_MAJOR || info.abi_minor > GUICHET_PLUGIN_ABI_MINOR) {
    dlclose(handle);
    info.name = library.stem().string();
    return refuse("construit pour l'ABI " + std::to_string(info.abi_major) + "." + std::to_string(info.abi_minor) +
                  ", cet hôte offre l'ABI " + std::to_string(GUICHET_PLUGIN_ABI_MAJOR) + "." +
                  std::to_string(GUICHET_PLUGIN_ABI_MINOR) + " (versions mineures 0 à " +
                  std::to_string(GUICHET_PLUGIN_ABI_MINOR) + " acceptées)");
  }
  info.name = def->name ? def->name : "";
  info.version = def->version ? def->version : "";
  info.description = def->description ? def->description : "";
  if (!is_plugin_name(info.name) || !def->init) {
    dlclose(handle);
    return refuse("nom de greffon invalide (attendu [a-z][a-z0-9_]*) ou init absente");
  }
  for (const auto& l : loaded_)
    if (l->info.name == info.name) {
      dlclose(handle);
      return refuse("un greffon du même nom est déjà chargé (" + l->info.file + ")");
    }
  // The configuration, validated against the plugin's schema.
  json::value config = json::object();
  auto config_file = config_dir / (info.name + ".json");
  if (std::filesystem::exists(config_file)) {
    std::ifstream in(config_file);
    std::string text{std::istreambuf_iterator<char>(in), {}};
    boost::system::error_code ec;
    config = json::parse(text, ec);
    if (ec) {
      dlclose(handle);
      return refuse("configuration " + config_file.string() + " : JSON invalide");
    }
  }
  if (def->config_schema) {
    boost::system::error_code ec;
    json::value schema = json::parse(def->config_schema, ec);
    std::vector<std::string> faults;
    if (ec) faults.push_back("le schéma de configuration déclaré n'est pas du JSON");
    else faults = check_schema(schema);
    if (faults.empty()) faults = resolve_secret_files(schema, config);
    if (faults.empty()) faults = validate(schema, config);
    if (!faults.empty()) {
      dlclose(handle);
      std::string why = "configuration refusée :";
      for (const auto& f : faults) why += " " + f + ";";
      return refuse(why);
    }
  } else if (!config.is_object()) {
    dlclose(handle);
    return refuse("la configuration doit être un objet JSON");
  }

  auto loaded = std::make_unique<Loaded>();
  loaded->handle = handle;
  loaded->def = def;
  loaded->ctx.host = this;
  loaded->ctx.name = info.name;
  loaded->ctx.config = json::serialize(config);
  loaded->info = info;
  loaded->info.state = "loaded";
  loaded->event_calls = std::make_unique<CallPool>(1);
  loaded->mail_calls = std::make_unique<CallPool>(1);
  loaded->calls = std::make_unique<CallPool>(4);
  // init() registers what the plugin provides; anything it registered is dropped if it fails.
  Registry before = *registry_;
  loaded->ctx.initializing = true;
  current_loaded = loaded.get();
  current_registry = registry_.get();
  int rc = def->init(&loaded->ctx, &kHostApi);
  current_loaded = nullptr;
  current_registry = nullptr;
  loaded->ctx.initializing = false;
  if (rc != 0) {
    *registry_ = std::move(before);
    // The library stays mapped: init may have started threads.
    return refuse("init a échoué (code " + std::to_string(rc) + ")", "failed");
  }
  spdlog::info("greffon {} {} chargé ({})", info.name, info.version, library.filename().string());
  loaded_.push_back(std::move(loaded));
  return Status::Ok();
}

std::vector<PluginInfo> PluginHost::list() const {
  std::lock_guard lock(mu_);
  std::vector<PluginInfo> out;
  for (const auto& l : loaded_) {
    out.push_back(l->info);
    if (l->event_calls->overdue() + l->mail_calls->overdue() + l->calls->overdue() > 0) out.back().state = "hung";
  }
  out.insert(out.end(), refused_.begin(), refused_.end());
  return out;
}

std::string PluginHost::render_metrics() const {
  std::string out =
      "# HELP guichet_plugin_calls_overdue Calls into a plugin still running past their watchdog's deadline.\n"
      "# TYPE guichet_plugin_calls_overdue gauge\n";
  std::lock_guard lock(mu_);
  for (const auto& l : loaded_)
    out += "guichet_plugin_calls_overdue{plugin=\"" + l->info.name + "\"} " +
           std::to_string(l->event_calls->overdue() + l->mail_calls->overdue() + l->calls->overdue()) + "\n";
  return out;
}

std::vector<PluginHost::Subscriber> PluginHost::subscribers() const {
  std::lock_guard lock(mu_);
  std::vector<Subscriber> out;
  for (const auto& s : registry_->subscriptions) out.push_back({s.plugin, s.prefix});
  return out;
}

void PluginHost::set_query_handler(QueryHandler handler) {
  std::lock_guard lock(query_mu_);
  query_ = std::move(handler);
}

Result<std::string> PluginHost::query(const std::string& plugin, const std::string& request) {
  QueryHandler handler;
  {
    std::lock_guard lock(query_mu_);
    handler = query_;
  }
  if (!handler) return Error{ErrorCode::not_ready, "le serveur n'est pas encore prêt"};
  return handler(plugin, request);
}

PluginHost::Loaded* PluginHost::find(const std::string& plugin) const {
  for (const auto& l : loaded_)
    if (l->info.name == plugin) return l.get();
  return nullptr;
}

std::vector<std::string> PluginHost::subscriptions_of(const std::string& plugin) const {
  std::vector<std::string> out;
  for (const auto& s : registry_->subscriptions)
    if (s.plugin == plugin) out.push_back(s.prefix);
  return out;
}

CallResult PluginHost::deliver(const std::string& plugin, const std::string& id, const std::string& type,
                               const std::string& aggregate, const std::string& payload, long long occurred_at,
                               unsigned attempt) {
  CallResult out;
  Loaded* l = find(plugin);
  if (!l) return out;
  std::vector<Registry::Subscription> subs;
  for (const auto& s : registry_->subscriptions)
    if (s.plugin == plugin && type.compare(0, s.prefix.size(), s.prefix) == 0) subs.push_back(s);
  // Owned by the call: an abandoned call may outlive this frame.
  auto result = std::make_shared<std::atomic<int>>(GUICHET_OK);
  bool finished = l->event_calls->run(
      [subs, result, id, type, aggregate, payload, occurred_at, attempt] {
        guichet_event ev{str(id), str(type), str(aggregate), str(payload), occurred_at, attempt};
        for (const auto& s : subs) {
          guichet_status st = s.fn(s.user, &ev);
          if (st != GUICHET_OK) result->store(st);
        }
      },
      std::chrono::steady_clock::now() + timeouts_.event);
  if (!finished) {
    out.timed_out = true;
    out.output = "le greffon n'a pas répondu dans le délai";
    return out;
  }
  out.status = static_cast<guichet_status>(result->load());
  return out;
}

bool PluginHost::has_mail_transport() const { return registry_->mail_fn != nullptr; }

CallResult PluginHost::send_mail(const std::string& message_id, const std::string& recipient,
                                 const std::string& message) {
  CallResult out;
  Loaded* l = find(registry_->mail_plugin);
  if (!registry_->mail_fn || !l) return out;
  auto shared = std::make_shared<CallResult>();
  auto fn = registry_->mail_fn;
  void* user = registry_->mail_user;
  bool finished = l->mail_calls->run(
      [shared, fn, user, message_id, recipient, message] {
        guichet_buffer error{nullptr, 0};
        shared->status = fn(user, str(message_id), str(recipient), str(message), &error);
        shared->output = take(error);
      },
      std::chrono::steady_clock::now() + timeouts_.mail);
  if (!finished) {
    out.timed_out = true;
    out.output = "le greffon d'envoi n'a pas répondu dans le délai";
    return out;
  }
  return *shared;
}

std::vector<std::string> PluginHost::functions() const {
  std::vector<std::string> out;
  for (const auto& f : registry_->functions) out.push_back(f.plugin + "." + f.name);
  return out;
}

CallResult PluginHost::call(const std::string& plugin, const std::string& function, const std::string& args_json,
                            std::chrono::steady_clock::time_point deadline) {
  CallResult out;
  Loaded* l = find(plugin);
  for (const auto& f : registry_->functions)
    if (l && f.plugin == plugin && f.name == function) {
      auto shared = std::make_shared<CallResult>();
      auto fn = f.fn;
      void* user = f.user;
      bool finished = l->calls->run(
          [shared, fn, user, args_json] {
            guichet_buffer result{nullptr, 0};
            shared->status = fn(user, str(args_json), &result);
            shared->output = take(result);
          },
          deadline);
      if (!finished) {
        out.timed_out = true;
        out.output = "la fonction du greffon n'a pas répondu dans le délai";
        return out;
      }
      return *shared;
    }
  out.output = "fonction inconnue";
  return out;
}

bool PluginHost::has_routes(const std::string& plugin) const {
  for (const auto& r : registry_->routes)
    if (r.plugin == plugin) return true;
  return false;
}

HttpAnswer PluginHost::route(const std::string& plugin, const std::string& method, const std::string& path,
                             const std::string& query, const std::string& body, const std::string& headers_json) {
  HttpAnswer out;
  Loaded* l = find(plugin);
  for (const auto& r : registry_->routes)
    if (l && r.plugin == plugin) {
      auto shared = std::make_shared<HttpAnswer>();
      auto fn = r.fn;
      void* user = r.user;
      bool finished = l->calls->run(
          [shared, fn, user, method, path, query, body, headers_json] {
            guichet_http_request req{str(method), str(path), str(query), str(body), str(headers_json)};
            guichet_http_response res{200, {nullptr, 0}, {nullptr, 0}};
            guichet_status st = fn(user, &req, &res);
            std::string type = take(res.content_type);
            shared->body = take(res.body);
            shared->status = st == GUICHET_OK ? (res.status >= 100 && res.status <= 599 ? res.status : 500) : 500;
            if (!type.empty()) shared->content_type = type;
          },
          std::chrono::steady_clock::now() + timeouts_.route);
      if (!finished) {
        const ErrorCodeInfo& code = info(ErrorCode::plugin_timeout);
        out.status = code.status;
        out.body = boost::json::serialize(boost::json::object{
            {"error", boost::json::object{{"code", code.name}, {"message", code.message}}}});
        return out;
      }
      return *shared;
    }
  out.status = 404;
  return out;
}

}  // namespace guichet::plugins
