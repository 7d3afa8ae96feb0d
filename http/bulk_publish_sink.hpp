// POST /api/v1/admin/documents/{type}/bulk: a ZIP of PDFs named by registration number,
// streamed to a temporary file (never whole in memory), then published one by one.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>

#include "http/blocking_pool.hpp"
#include "http/body_sink.hpp"
#include "services/office_service.hpp"
#include "services/staff_service.hpp"

namespace guichet::http {

class BulkPublishRouter {
 public:
  // `tmp_dir`: where archives wait while they arrive (removed after, whatever happens).
  BulkPublishRouter(services::StaffService& staff, services::OfficeService& office, BlockingPool& pool,
                    std::filesystem::path tmp_dir, std::function<void()> on_change);
  // The sink for POST /api/v1/admin/documents/{type}/bulk (see http/routes.cpp).
  std::shared_ptr<BodySink> open(const RequestHeader& header, const std::string& type);

  static constexpr std::uint64_t kMaxArchive = 1ull << 30;  // 1 GiB: a whole session's convocations

 private:
  services::StaffService& staff_;
  services::OfficeService& office_;
  BlockingPool& pool_;
  std::filesystem::path tmp_dir_;
  std::function<void()> on_change_;
};

}  // namespace guichet::http
