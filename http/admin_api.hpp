// The back office's endpoints, /api/v1/admin/...: staff login with a second factor, the
// académie's staff, registrations, pieces, documents, derogations and the audit log. Staff
// sessions are bearer tokens only (no cookie, hence no CSRF surface). Every request runs on the
// blocking pool; every right is checked in the services, scoped to the caller's académie.
#pragma once

#include <functional>

#include "http/admin_request.hpp"
#include "http/blocking_pool.hpp"
#include "http/server.hpp"
#include "services/audit_reader.hpp"
#include "services/office_service.hpp"
#include "services/rules_lifecycle.hpp"
#include "services/staff_service.hpp"

namespace guichet::api {

class AdminApi {
 public:
  // `on_change` runs after a request that may have queued mail (to wake the delivery).
  AdminApi(services::StaffService& staff, services::OfficeService& office, services::AuditReader& audit,
           services::RulesLifecycle& rules, http::BlockingPool& pool, std::function<void()> on_change);

  bool handle(const http::Request& req, http::Response& res, http::RequestContext& ctx);
  // What GET /api/v1/admin/plugins answers (runs on the blocking pool; may query).
  void set_plugins_status(std::function<boost::json::value()> status) { plugins_status_ = std::move(status); }

 private:
  Error dispatch(AdminRequest& r);
  RouteOutcome public_routes(const http::Request& req, http::Response& res, http::RequestContext& ctx,
                             const std::vector<std::string>& path);
  RouteOutcome session_routes(AdminRequest& r);
  RouteOutcome staff_routes(AdminRequest& r);
  RouteOutcome registration_routes(AdminRequest& r);
  RouteOutcome audit_routes(AdminRequest& r);
  RouteOutcome rules_routes(AdminRequest& r);
  RouteOutcome plugin_routes(AdminRequest& r);

  services::StaffService& staff_;
  services::OfficeService& office_;
  services::AuditReader& audit_;
  services::RulesLifecycle& rules_;
  http::BlockingPool& pool_;
  std::function<void()> on_change_;
  std::function<boost::json::value()> plugins_status_;
};

}  // namespace guichet::api
