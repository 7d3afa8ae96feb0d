// Uploads of pieces, streamed: PUT /api/v1/registrations/{id}/pieces/{code} with the file as
// the body, or POST of multipart/form-data (browsers). The body goes chunk by chunk to the
// blocking pool and into the file store; memory stays flat whatever the file's size.
#pragma once

#include <atomic>
#include <functional>
#include <memory>

#include "http/blocking_pool.hpp"
#include "http/body_sink.hpp"
#include "services/account_service.hpp"
#include "services/piece_service.hpp"

namespace guichet::http {

class PieceUploadRouter {
 public:
  // `on_change`: after an upload (events, mail).
  // At most `max_uploads` bodies stream at once (each holds two 256 KiB buffers and a
  // database or disk writer); the next ones get 503 with Retry-After.
  PieceUploadRouter(services::AccountService& accounts, services::PieceService& pieces, BlockingPool& pool,
                    std::function<void()> on_change, int max_uploads = 64);
  // The sink for an upload (PUT/POST on a piece's address, see http/routes.cpp).
  std::shared_ptr<BodySink> open(const RequestHeader& header, const std::string& registration_id,
                                 const std::string& piece_code);

  // The largest body any script allows, with room for multipart framing: what the server
  // refuses before asking the rules (each session's own limit is checked at open).
  static constexpr std::uint64_t kMaxBody = 100ull * 1024 * 1024 + 64 * 1024;

 private:
  services::AccountService& accounts_;
  services::PieceService& pieces_;
  BlockingPool& pool_;
  std::function<void()> on_change_;
  int max_uploads_;
  std::shared_ptr<std::atomic<int>> active_ = std::make_shared<std::atomic<int>>(0);
};

}  // namespace guichet::http
