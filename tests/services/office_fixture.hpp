// The back office's services over a real database (each backend): the candidate side of
// service_fixture.hpp, plus pieces, documents, the office, staff and the audit reader.
#pragma once

#include <filesystem>
#include <fstream>

#include "db/file_store.hpp"
#include "services/audit_reader.hpp"
#include "services/document_service.hpp"
#include "services/office_service.hpp"
#include "services/piece_service.hpp"
#include "services/staff_roles.hpp"
#include "services/staff_service.hpp"
#include "tests/services/service_fixture.hpp"

namespace guichet::testing {

class OfficeTest : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    files_ = std::make_unique<db::FileStore>(*db_, dir_.path() / "files");
    pieces_ = std::make_unique<services::PieceService>(*db_, *files_, clock_, events_, *rules_, config_);
    documents_ = std::make_unique<services::DocumentService>(*db_, *files_, clock_, events_, *rules_);
    office_ = std::make_unique<services::OfficeService>(*db_, clock_, events_, *rules_, *pieces_, *documents_, config_);
    services::StaffConfig sc;
    sc.password_cost = services::PasswordCost::minimal();
    staff_ = std::make_unique<services::StaffService>(*db_, clock_, sc);
    audit_ = std::make_unique<services::AuditReader>(*db_, rules_.get());
  }

  // A staff member of `academy` created from the command line, as the office's actor.
  services::Actor staff(const std::string& email, unsigned roles, const std::string& academy = "testia") {
    services::Actor cli{"cli", "Administrateur (ligne de commande)", academy, services::kAdmin};
    auto made = staff_->create_user(cli, {academy, email, "Agent " + email, roles, std::string("un mot de passe solide")});
    EXPECT_TRUE(made.ok()) << (made.ok() ? "" : made.error().message);
    return {made.ok() ? made->user.id : "?", "Agent " + email, academy, roles};
  }

  // A registration of a new candidate of testia (demo 2025); returns its id, found as the
  // office finds it.
  std::string registered(const std::string& email, const char* answers = R"({"speciality": "cuisine", "postal_code": "86000"})") {
    std::string account = active_account(email);
    auto r = registrations_->create(account, {"testia", "demo", "2025", boost::json::parse(answers).as_object()}, 0);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    for (const auto& hit : all(manager_))
      if (hit.email == email) return hit.id;
    ADD_FAILURE() << "no registration for " << email;
    return "";
  }

  std::vector<services::RegistrationSummary> all(const services::Actor& by, services::RegistrationFilter f = {}) {
    f.limit = 500;
    auto page = office_->search(by, f);
    EXPECT_TRUE(page.ok()) << (page.ok() ? "" : page.error().message);
    return page.ok() ? page->registrations : std::vector<services::RegistrationSummary>{};
  }

  // Audit entries of `action` in testia.
  std::vector<services::AuditEntry> audited(const std::string& action) {
    services::AuditFilter f;
    f.action = action;
    f.limit = 1000;
    auto page = audit_->query(auditor_, f);
    EXPECT_TRUE(page.ok()) << (page.ok() ? "" : page.error().message);
    return page.ok() ? page->entries : std::vector<services::AuditEntry>{};
  }

  std::unique_ptr<db::FileStore> files_;
  std::unique_ptr<services::PieceService> pieces_;
  std::unique_ptr<services::DocumentService> documents_;
  std::unique_ptr<services::OfficeService> office_;
  std::unique_ptr<services::StaffService> staff_;
  std::unique_ptr<services::AuditReader> audit_;
  // Actors that need no staff row (the office checks roles and académie, not the row).
  services::Actor manager_{"m1", "Gestion testia", "testia", services::kManager};
  services::Actor auditor_{"a1", "Audit testia", "testia", services::kAuditor};
  services::Actor elsewhere_{"m2", "Gestion ailleurs", "ailleurs", services::kManager | services::kAuditor};
};

}  // namespace guichet::testing
