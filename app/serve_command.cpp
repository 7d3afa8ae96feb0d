// `guichet serve` and `guichet migrate`: wiring of the core, the database and HTTP.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <atomic>
#include <thread>

#include <spdlog/spdlog.h>

#include "app/args.hpp"
#include "app/command_options.hpp"
#include "app/commands.hpp"
#include "app/server_wiring.hpp"
#include "core/lua/call_watch.hpp"
#include "http/cors.hpp"
#include "http/trusted_proxies.hpp"

namespace guichet::app {

namespace {

// The drain's own bound is 10 s (http/server): past this, the process ends regardless.
constexpr std::chrono::seconds kStopBound{20};

// Logs once when a script call has been running past every limit, and once when it ends:
// the sign of a worker lost in C code (/healthz answers 503 meanwhile).
void watch_script_calls(const std::atomic<bool>& stopping) {
  bool stuck = false;
  while (!stopping) {
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
    auto running = lua::longest_running_call();
    if (!stuck && running > lua::kStuckCall) {
      spdlog::critical("un appel de script tourne depuis {} ms : un fil de travail est bloqué", running.count());
      stuck = true;
    } else if (stuck && running <= lua::kStuckCall) {
      spdlog::warn("l'appel de script bloqué s'est terminé");
      stuck = false;
    }
  }
}


Result<ServeConfig> config_from(const Args& a) {
  ServeConfig c;
  if (auto l = a.get("--listen")) {
    auto colon = l->rfind(':');
    if (colon == std::string::npos) return Error{ErrorCode::usage, "--listen attend HOTE:PORT"};
    c.host = l->substr(0, colon);
    if (c.host.size() > 2 && c.host.front() == '[') c.host = c.host.substr(1, c.host.size() - 2);
    char* end = nullptr;
    long port = std::strtol(l->c_str() + colon + 1, &end, 10);
    if (*end || port < 0 || port > 65535) return Error{ErrorCode::usage, "--listen : port invalide"};
    c.port = static_cast<unsigned short>(port);
  }
  DatabaseLocation where = database_location(a);
  c.database_url = where.url;
  c.data_dir = where.data_dir;
  c.scripts_dir = a.get("--scripts").value_or("scripts");
  if (auto t = a.get("--simulated-time")) c.simulated_time = *t;
  if (auto t = a.get("--threads")) c.threads = static_cast<unsigned>(std::max(1, std::atoi(t->c_str())));
  c.json_logs = a.get("--log-format").value_or("text") == "json";
  if (auto v = a.get("--public-url")) c.public_url = *v;
  if (auto v = a.get("--mail-from")) c.mail_from = *v;
  if (auto v = a.get("--outbox-dir")) c.outbox_dir = *v;
  if (auto v = a.get("--plugins")) c.plugins_dir = *v;
  if (auto v = a.get("--backoffice-url")) c.backoffice_url = *v;
  c.secure_cookie = secure_cookie_for(c.public_url);
  // The portal: web/dist beside the scripts' default unless told; "none" serves the API only.
  c.web_dir = a.get("--web").value_or("web/dist");
  if (c.web_dir == "none") c.web_dir.clear();
  if (auto v = a.get("--cors-origins")) c.cors_origins = *v;
  else if (const char* env = std::getenv("GUICHET_CORS_ORIGINS")) c.cors_origins = env;
  if (auto p = http::CorsPolicy::parse(c.cors_origins); !p.ok()) return p.error();
  if (auto v = a.get("--trusted-proxies")) c.trusted_proxies = *v;
  else if (const char* env = std::getenv("GUICHET_TRUSTED_PROXIES")) c.trusted_proxies = env;
  if (auto p = http::TrustedProxies::parse(c.trusted_proxies); !p.ok()) return p.error();
  if (auto v = a.get("--password-cost")) {
    if (auto cost = password_cost(*v); !cost.ok()) return cost.error();
    c.password_cost = *v;
  }
  return c;
}

}  // namespace

int cmd_serve(int argc, char** argv) {
  auto args = parse_args(argc, argv, 2,
                         {"--listen", "--data-dir", "--scripts", "--database", "--simulated-time", "--threads",
                          "--log-format", "--public-url", "--mail-from", "--outbox-dir", "--password-cost",
                          "--plugins", "--backoffice-url", "--trusted-proxies", "--web", "--cors-origins"},
                         {});
  if (!args.ok()) {
    std::fprintf(stderr, "%s\n", args.error().message.c_str());
    return 2;
  }
  auto config = config_from(*args);
  if (!config.ok()) {
    std::fprintf(stderr, "%s\n", config.error().message.c_str());
    return 2;
  }
  // SIGTERM and SIGINT start a graceful drain; block them before any thread starts so only
  // the waiting thread below receives them.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  auto app = ServerApp::start(*config);
  if (!app.ok()) {
    spdlog::critical("démarrage impossible : {}", app.error().message);
    return 1;
  }
  std::atomic<bool> stopping{false};
  std::thread watchdog([&stopping] { watch_script_calls(stopping); });
  int sig = 0;
  sigwait(&set, &sig);
  spdlog::info("signal {} reçu : arrêt en douceur", sig);
  // The drain is bounded; a thread stuck in a fault of C code must not keep the process
  // alive past it. A second signal ends it at once.
  std::thread([set]() mutable {
    timespec bound{kStopBound.count(), 0};
    int again = sigtimedwait(&set, nullptr, &bound);
    spdlog::critical(again > 0 ? "second signal : arrêt immédiat"
                               : "l'arrêt en douceur dépasse " + std::to_string(kStopBound.count()) + " s : arrêt forcé");
    spdlog::default_logger()->flush();
    std::_Exit(1);
  }).detach();
  (*app)->stop();
  stopping = true;
  watchdog.join();
  return 0;
}

int cmd_migrate(int argc, char** argv) {
  auto args = parse_args(argc, argv, 2, {"--data-dir", "--database"}, {});
  if (!args.ok()) {
    std::fprintf(stderr, "%s\n", args.error().message.c_str());
    return 2;
  }
  auto db = open_database(database_location(*args), 1);
  if (!db.ok()) {
    std::fprintf(stderr, "migrate : %s\n", db.error().message.c_str());
    return 1;
  }
  std::printf("migrations appliquées\n");
  return 0;
}

}  // namespace guichet::app
