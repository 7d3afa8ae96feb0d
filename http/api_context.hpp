// What the route handlers work with: the services, the blocking pool, the streamed bodies'
// routers and a few settings. Made once by app/server_wiring.cpp; handlers only read it (the
// rules routes' counters and caches are in RulesState, which is thread-safe per worker).
#pragma once

#include <boost/json/value.hpp>

#include <functional>
#include <string>

#include "core/clock.hpp"
#include "core/rules.hpp"

namespace guichet::services {
class AccountService;
class RegistrationService;
class PieceService;
class DocumentService;
class StaffService;
class OfficeService;
class AuditReader;
class RulesLifecycle;
class PilotageService;
}  // namespace guichet::services
namespace guichet::plugins {
class PluginHost;
}

namespace guichet::http {

class BlockingPool;
class PieceUploadRouter;
class BulkPublishRouter;
class RulesState;  // http/rules_state.hpp
class WebFiles;    // http/web_files.hpp
class CorsPolicy;  // http/cors.hpp

struct ApiContext {
  Rules* rules = nullptr;
  const Clock* clock = nullptr;
  RulesState* rules_state = nullptr;
  std::function<bool()> database_ok;  // /readyz; null: no database to check

  services::AccountService* accounts = nullptr;
  services::RegistrationService* registrations = nullptr;
  services::PieceService* pieces = nullptr;
  services::DocumentService* documents = nullptr;
  services::StaffService* staff = nullptr;
  services::OfficeService* office = nullptr;
  services::AuditReader* audit = nullptr;
  services::RulesLifecycle* lifecycle = nullptr;
  services::PilotageService* pilotage = nullptr;
  plugins::PluginHost* plugins = nullptr;

  BlockingPool* pool = nullptr;
  PieceUploadRouter* uploads = nullptr;
  BulkPublishRouter* bulk = nullptr;

  // After a request that may have queued mail or events (wakes the delivery).
  std::function<void()> on_change;
  // GET /api/v1/admin/plugins (runs on the blocking pool; may query).
  std::function<boost::json::value()> plugins_status;
  // GET /metrics: every component's Prometheus lines.
  std::function<std::string()> metrics_text;
  // The session cookie's Secure attribute (off only for plain HTTP on loopback).
  bool secure_cookie = true;
  // The portal's files at "/" (null: no portal); the origins allowed to call the API.
  WebFiles* web = nullptr;
  const CorsPolicy* cors = nullptr;
};

}  // namespace guichet::http
