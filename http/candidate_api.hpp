// The candidate's endpoints of api.md: Accounts and Registrations. Every request runs on the
// blocking pool (database work, Argon2id), never on an I/O thread.
#pragma once

#include <string>
#include <vector>

#include "http/api_helpers.hpp"
#include "http/blocking_pool.hpp"
#include "http/server.hpp"
#include "services/account_service.hpp"
#include "services/document_service.hpp"
#include "services/piece_service.hpp"
#include "services/registration_service.hpp"

namespace guichet::api {

class CandidateApi {
 public:
  // `on_change` runs after a request that may have queued mail (to wake the delivery).
  CandidateApi(services::AccountService& accounts, services::RegistrationService& registrations,
               services::PieceService& pieces, services::DocumentService& documents, http::BlockingPool& pool,
               std::function<void()> on_change, bool secure_cookie = true);

  // True when `req` is one of this API's routes (the answer may come later, deferred).
  bool handle(const http::Request& req, http::Response& res, http::RequestContext& ctx);

 private:
  Error handle_pieces(const http::Request& req, http::Response& res, const std::vector<std::string>& path,
                      const std::string& me);

  services::AccountService& accounts_;
  services::RegistrationService& registrations_;
  services::PieceService& pieces_;
  services::DocumentService& documents_;
  http::BlockingPool& pool_;
  std::function<void()> on_change_;
  bool secure_cookie_;
};


}  // namespace guichet::api
