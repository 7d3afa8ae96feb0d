// `guichet serve` and `guichet migrate`: wiring of the core, the database and HTTP.
#include <csignal>
#include <unistd.h>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <atomic>
#include <thread>

#include <spdlog/spdlog.h>
#include <systemd/sd-daemon.h>

#include "app/args.hpp"
#include "app/command_options.hpp"
#include "app/commands.hpp"
#include "app/server_wiring.hpp"
#include "app/settings.hpp"
#include "core/lua/call_watch.hpp"
#include "http/cors.hpp"
#include "http/trusted_proxies.hpp"

namespace guichet::app {

namespace {

// The drain's own bound is 10 s (http/server): past this, the process ends regardless.
constexpr std::chrono::seconds kStopBound{20};

// Logs once when a script call has been running past every limit, and once when it ends:
// the sign of a worker lost in C code (/healthz answers 503 meanwhile).
// Under systemd with WatchdogSec=, the same watch keeps the watchdog fed while no worker is
// stuck: a server whose workers are all lost is restarted by systemd.
void watch_script_calls(const std::atomic<bool>& stopping) {
  bool stuck = false;
  std::uint64_t watchdog_usec = 0;
  const bool watchdog = sd_watchdog_enabled(0, &watchdog_usec) > 0;
  while (!stopping) {
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
    auto running = lua::longest_running_call();
    if (watchdog && !stuck) sd_notify(0, "WATCHDOG=1");
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
  c.database_url = a.get("--database").value_or("");
  c.data_dir = a.get("--data-dir").value_or("data");
  c.scripts_dir = a.get("--scripts").value_or("scripts");
  if (auto t = a.get("--simulated-time")) c.simulated_time = *t;
  if (auto t = a.get("--threads")) c.threads = static_cast<unsigned>(std::max(1, std::atoi(t->c_str())));
  // Under systemd (its journal holds stderr: JOURNAL_STREAM) JSON lines by default, text on a
  // terminal or elsewhere.
  const std::string log_format = a.get("--log-format").value_or(std::getenv("JOURNAL_STREAM") ? "json" : "text");
  if (log_format != "text" && log_format != "json") return Error{ErrorCode::usage, "--log-format attend text ou json"};
  c.json_logs = log_format == "json";
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

std::set<std::string> serve_options() {
  std::set<std::string> names;
  for (const auto& spec : setting_specs()) names.insert(spec.flag);
  return names;
}

}  // namespace

// guichet config check: the effective settings (secrets masked), judged as `serve` judges them.
int cmd_config(int argc, char** argv) {
  if (argc < 3 || std::string(argv[2]) != "check") {
    std::fputs("usage : guichet config check [--config FICHIER] [options de serve]\n", stderr);
    return 2;
  }
  auto flags = parse_args(argc, argv, 3, [] {
    auto names = serve_options();
    names.insert(kConfigFlag);
    return names;
  }(), {});
  if (!flags.ok()) {
    std::fprintf(stderr, "config : %s\n", flags.error().message.c_str());
    return 2;
  }
  auto settings = read_settings(*flags);
  if (!settings.ok()) {
    std::fprintf(stderr, "config : %s\n", settings.error().message.c_str());
    return 2;
  }
  std::fputs(describe(*settings).c_str(), stdout);
  if (auto judged = config_from(settings->over(*flags)); !judged.ok()) {
    std::fprintf(stderr, "config : %s\n", judged.error().message.c_str());
    return 2;
  }
  std::fputs("# Configuration valide.\n", stdout);
  return 0;
}

int cmd_serve(int argc, char** argv) {
  auto args = parse_layered(argc, argv, 2, serve_options(), {});
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
  // systemd (Type=notify): ready now, the database migrated and the rules loaded. Nothing
  // happens without NOTIFY_SOCKET.
  sd_notifyf(0, "READY=1\nSTATUS=en service sur %s:%u\nMAINPID=%lu", config->host.c_str(), (*app)->port(),
             static_cast<unsigned long>(getpid()));
  std::atomic<bool> stopping{false};
  std::thread watchdog([&stopping] { watch_script_calls(stopping); });
  int sig = 0;
  sigwait(&set, &sig);
  spdlog::info("signal {} reçu : arrêt en douceur", sig);
  sd_notify(0, "STOPPING=1\nSTATUS=arrêt en douceur");
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
  auto args = parse_layered(argc, argv, 2, {}, {});
  if (!args.ok()) {
    std::fprintf(stderr, "%s\n", args.error().message.c_str());
    return 2;
  }
  auto db = open_database(*args, 1);
  if (!db.ok()) {
    std::fprintf(stderr, "migrate : %s\n", db.error().message.c_str());
    return 1;
  }
  std::printf("migrations appliquées\n");
  return 0;
}

}  // namespace guichet::app
