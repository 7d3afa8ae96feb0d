// Builds the running server from its configuration: clock, database, rules, folder watch,
// HTTP. `main` and the integration tests both start it through here.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "plugins/host/plugin_host.hpp"
#include "services/event_delivery.hpp"

namespace guichet::app {

struct ServeConfig {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;
  std::string data_dir = "data";
  std::string scripts_dir = "scripts";
  std::string database_url;              // empty: SQLite in data_dir
  std::optional<std::string> simulated_time;
  unsigned threads = 0;                  // 0: one per core
  bool json_logs = false;
  bool watch_scripts = true;
  // Candidate space.
  std::string public_url = "http://127.0.0.1:8080";  // base of the links in mails
  std::string backoffice_url;                         // base of staff invitation links; empty: public_url
  std::string mail_from = "Guichet des examens <ne-pas-repondre@guichet.invalid>";
  std::string outbox_dir;                             // empty: <data_dir>/outbox
  std::string password_cost = "interactive";          // interactive | moderate | minimal (tests)
  unsigned blocking_threads = 8;                      // database and hashing work
  int max_uploads = 64;                               // bodies streaming at once; then 503
  // The session cookie's Secure attribute: on, unless the portal is plain HTTP on loopback
  // (see secure_cookie_for), where a browser would drop a Secure cookie.
  bool secure_cookie = true;
  // The portal's built files served at "/" (web/dist); empty: no portal, the API only.
  std::string web_dir;
  // Origins of portals elsewhere allowed to call the API (CORS), comma-separated; empty: none.
  std::string cors_origins;
  std::chrono::milliseconds outbox_period{1000};
  // How often scheduled activations, and other servers' activations (a fallback for
  // PostgreSQL's NOTIFY), are looked for.
  std::chrono::milliseconds rules_period{500};
  std::chrono::seconds staff_idle{15 * 60};  // a staff session without a request ends after this
  std::string plugins_dir;  // shared libraries and their <name>.json configuration; empty: none
  // Reverse proxies whose X-Forwarded-For names the client: addresses and CIDR ranges,
  // comma-separated; empty: nobody's (the TCP peer is the client).
  std::string trusted_proxies;
  plugins::CallTimeouts plugin_timeouts;
  services::EventDeliveryConfig event_delivery;
};

// Secure unless the public address is plain HTTP on a loopback host (development, tests).
bool secure_cookie_for(const std::string& public_url);

class ServerApp {
 public:
  static Result<std::unique_ptr<ServerApp>> start(const ServeConfig& config);
  virtual ~ServerApp() = default;
  virtual unsigned short port() const = 0;
  // Graceful drain, then release everything.
  virtual void stop() = 0;
};

}  // namespace guichet::app
