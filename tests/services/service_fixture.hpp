// Services over a real database (each backend), the minimal fixture rules and a manual clock.
#pragma once

#include <soci/soci.h>

#include <boost/json.hpp>

#include "core/clock.hpp"
#include "core/events.hpp"
#include "core/rules.hpp"
#include "core/sources.hpp"
#include "core/time_format.hpp"
#include "db/migrations.hpp"
#include "db/outbox_repository.hpp"
#include "http/views/document_view.hpp"
#include "http/views/pieces_view.hpp"
#include "http/views/registration_view.hpp"
#include "services/account_service.hpp"
#include "services/registration_service.hpp"
#include "tests/db/backend_fixture.hpp"
#include "tests/mail/mail_test_util.hpp"

namespace guichet::testing {

inline Instant at(const char* rfc3339) { return Instant(*parse_rfc3339(rfc3339)); }

// A service's typed answer as the API shows it (http/views): the tests assert the JSON the
// candidate reads.
inline boost::json::object view_of(const services::RegistrationRecord& r) { return views::registration(r); }
inline boost::json::object view_of(const services::PieceList& l) { return views::pieces(l); }
inline boost::json::array view_of(const std::vector<services::DocumentEntry>& l) { return views::documents(l); }
template <class T>
auto shown(const Result<T>& r) -> Result<decltype(view_of(*r))> {
  if (!r.ok()) return r.error();
  return view_of(*r);
}

// The client address the services' callers give (documentation range, RFC 5737).
inline const std::string kClient = "192.0.2.10";

class ServiceTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    db_ = open(4);
    ASSERT_TRUE(migrate(*db_).ok());
    config_.password_cost = services::PasswordCost::minimal();
    accounts_ = std::make_unique<services::AccountService>(*db_, clock_, events_, config_);
    rules_ = std::make_unique<Rules>(RuleSetOptions{{}, 1}, clock_, nullptr);
    auto sources = read_sources(std::string(GUICHET_SOURCE_DIR) + "/tests/fixtures/minimal");
    ASSERT_TRUE(sources.ok());
    ASSERT_TRUE(rules_->load(*sources).activated);
    registrations_ = std::make_unique<services::RegistrationService>(*db_, clock_, events_, *rules_, config_);
    events_.subscribe("", [this](const Event& e) { seen_.push_back(e.type); });
  }

  std::vector<db::OutboxRow> mails() {
    std::vector<db::OutboxRow> out;
    EXPECT_TRUE(db_->with_session([&](soci::session& s) {
      out = db::all_mails(s);
      return Status::Ok();
    }).ok());
    return out;
  }
  // The token=… of the last mail of `kind`.
  std::string token_in_last(const std::string& kind) {
    std::string token;
    for (const auto& m : mails())
      if (m.kind == kind) token = mail::testing::link_token(m.message);
    return token;
  }

  services::SignUpInput sign_up_input(const std::string& email = "elodie.martin@example.org") {
    return {email, "une phrase de passe solide", {"Martin", "Élodie", "2001-03-12", "Poitiers", "francaise", "0601020304"}};
  }

  // An active account; returns its id.
  std::string active_account(const std::string& email = "elodie.martin@example.org") {
    auto a = accounts_->sign_up(sign_up_input(email), kClient);
    EXPECT_TRUE(a.ok()) << (a.ok() ? "" : a.error().message);
    EXPECT_TRUE(accounts_->activate(token_in_last("activation")).ok());
    return a.ok() ? a->id : "";
  }

  ManualClock clock_{at("2024-11-01T10:00:00+01:00")};
  EventBus events_;
  std::vector<std::string> seen_;
  std::unique_ptr<Database> db_;
  services::CandidateConfig config_;
  std::unique_ptr<services::AccountService> accounts_;
  std::unique_ptr<Rules> rules_;
  std::unique_ptr<services::RegistrationService> registrations_;
};

}  // namespace guichet::testing
