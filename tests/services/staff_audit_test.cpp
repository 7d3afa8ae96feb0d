// Staff accounts and the audit log on both backends, below HTTP: creation, login with the
// second factor, the admin's management scoped to its académie; the log read by auditors,
// filtered, paged and kept to their académie.
#include <date/tz.h>

#include "services/totp.hpp"
#include "tests/services/office_fixture.hpp"

namespace guichet::testing {
namespace {

using Staff = OfficeTest;
using Audit = OfficeTest;

const services::Actor kCli{"cli", "Administrateur (ligne de commande)", "testia", services::kAdmin};

TEST_P(Staff, AUserCreatedWithAPasswordLogsInWithAFreshCodeOnce) {
  auto made = staff_->create_user(kCli, {"testia", "Chef@Example.org", "Chef de bureau", services::kManager,
                                         std::string("un mot de passe solide")});
  ASSERT_TRUE(made.ok()) << made.error().message;
  EXPECT_EQ(made->user.academy, "testia");
  EXPECT_EQ(made->user.status, "active");
  EXPECT_EQ(made->user.roles, unsigned(services::kManager));
  ASSERT_FALSE(made->totp_secret.empty());
  EXPECT_EQ(made->otpauth_uri.rfind("otpauth://totp/", 0), 0u);
  auto twice = staff_->create_user(kCli, {"testia", "chef@example.org", "Doublon", services::kManager,
                                          std::string("un mot de passe solide")});
  ASSERT_EQ(twice.error().code, ErrorCode::validation_failed);
  EXPECT_EQ(twice.error().fields.count("email"), 1u);

  const std::string code = services::totp_code(made->totp_secret, services::totp_step(clock_.now()));
  EXPECT_EQ(staff_->login("chef@example.org", "mauvais", code, kClient).error().code, ErrorCode::invalid_credentials);
  auto in = staff_->login("chef@example.org", "un mot de passe solide", code, kClient);
  ASSERT_TRUE(in.ok()) << in.error().message;
  EXPECT_EQ(in->user.id, made->user.id);
  EXPECT_FALSE(in->token.empty());
  // The same code a second time (seen over a shoulder) does not open a session.
  EXPECT_FALSE(staff_->login("chef@example.org", "un mot de passe solide", code, kClient).ok());

  auto caller = staff_->authenticate(in->token);
  ASSERT_TRUE(caller.ok()) << caller.error().message;
  EXPECT_EQ(caller->actor.academy, "testia");
  EXPECT_EQ(caller->actor.roles, unsigned(services::kManager));
  ASSERT_TRUE(staff_->logout(caller->token_hash).ok());
  EXPECT_EQ(staff_->authenticate(in->token).error().code, ErrorCode::unauthenticated);
}

TEST_P(Staff, AnAdminManagesOnlyItsAcademysStaff) {
  services::Actor admin = staff("admin@example.org", services::kAdmin);
  services::Actor manager = staff("gestion@example.org", services::kManager);
  services::Actor other = staff("autre@example.org", services::kManager, "ailleurs");
  services::Actor other_admin = staff("admin-ailleurs@example.org", services::kAdmin, "ailleurs");

  auto list = staff_->list_users(admin);
  ASSERT_TRUE(list.ok()) << list.error().message;
  EXPECT_EQ(list->size(), 2u);
  for (const auto& u : *list) EXPECT_EQ(u.academy, "testia");
  EXPECT_EQ(staff_->list_users(manager).error().code, ErrorCode::forbidden);

  services::StaffPatch patch;
  patch.roles = services::kManager | services::kAuditor;
  auto updated = staff_->update_user(admin, manager.id, patch);
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(updated->roles, unsigned(services::kManager | services::kAuditor));
  EXPECT_EQ(staff_->update_user(admin, other.id, patch).error().code, ErrorCode::not_found);
  EXPECT_EQ(staff_->update_user(other_admin, manager.id, patch).error().code, ErrorCode::not_found);
  // An invitation by an admin: no password, a mail, the user waits for its enrolment.
  auto invited = staff_->create_user(admin, {"testia", "nouveau@example.org", "Nouveau", services::kAuditor, std::nullopt});
  ASSERT_TRUE(invited.ok()) << invited.error().message;
  EXPECT_TRUE(invited->totp_secret.empty());
  EXPECT_EQ(mails().back().kind, "staff_invitation");
  EXPECT_EQ(staff_->create_user(admin, {"ailleurs", "x@example.org", "X", services::kAuditor, std::nullopt}).error().code,
            ErrorCode::forbidden);
}

TEST_P(Audit, AuditorsReadTheirAcademysLogFilteredAndPaged) {
  std::string one = registered("a@example.org");
  std::string two = registered("b@example.org");
  clock_.set(at("2024-11-03T15:00:00+01:00"));
  ASSERT_TRUE(office_->withdraw(manager_, one, "Demande").ok());
  ASSERT_TRUE(office_->withdraw(manager_, two, "Doublon").ok());
  services::IdentityCorrection c;
  c.first_name = "Élise";
  c.reason = "Prénom d'usage";
  ASSERT_TRUE(office_->correct_identity(manager_, two, c).ok());

  services::AuditFilter f;
  f.action = "registration.";
  f.limit = 1;
  auto first = audit_->query(auditor_, f);
  ASSERT_TRUE(first.ok()) << first.error().message;
  ASSERT_EQ(first->entries.size(), 1u);
  EXPECT_EQ(first->entries[0].action, "registration.withdraw");
  EXPECT_EQ(first->entries[0].target_id, one);
  EXPECT_EQ(first->entries[0].actor, "Gestion testia");
  EXPECT_EQ(first->entries[0].at, at("2024-11-03T15:00:00+01:00"));
  EXPECT_EQ(first->zone->name(), "Europe/Paris");
  ASSERT_TRUE(first->next.has_value());
  f.after = *first->next;
  f.limit = 10;
  auto rest = audit_->query(auditor_, f);
  ASSERT_TRUE(rest.ok());
  ASSERT_EQ(rest->entries.size(), 1u);  // the correction is not a registration action
  EXPECT_EQ(rest->entries[0].target_id, two);
  EXPECT_FALSE(rest->next.has_value());

  services::AuditFilter wildcard;
  wildcard.action = "%egistration";  // LIKE's wildcards are the caller's letters, not patterns
  EXPECT_TRUE(audit_->query(auditor_, wildcard)->entries.empty());
  services::AuditFilter underscore;
  underscore.action = "candidate.correct_identity";  // an action with an underscore of its own
  EXPECT_EQ(audit_->query(auditor_, underscore)->entries.size(), 1u);
  underscore.action = "candidate.correct_";
  EXPECT_EQ(audit_->query(auditor_, underscore)->entries.size(), 1u);
  underscore.action = "candidate.correctXidentity";
  EXPECT_TRUE(audit_->query(auditor_, underscore)->entries.empty());
  services::AuditFilter by_target;
  by_target.target = two;  // the correction's target is the account
  EXPECT_EQ(audit_->query(auditor_, by_target)->entries.size(), 1u);

  services::Actor other_auditor{"a3", "Audit ailleurs", "ailleurs", services::kAuditor};
  EXPECT_TRUE(audit_->query(other_auditor, {})->entries.empty());
  EXPECT_EQ(audit_->query(manager_, {}).error().code, ErrorCode::forbidden);
  services::AuditFilter bad;
  bad.limit = 1001;
  EXPECT_EQ(audit_->query(auditor_, bad).error().code, ErrorCode::validation_failed);

  auto csv = audit_->export_csv(auditor_, {});
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ(csv->file_name, "journal-audit-testia.csv");
  EXPECT_NE(csv->bytes.find("03/11/2024 15:00:00;+01:00;Gestion testia"), std::string::npos) << csv->bytes;
}

INSTANTIATE_TEST_SUITE_P(Backends, Staff, ::testing::Values(Backend::sqlite, Backend::postgresql), backend_name);
INSTANTIATE_TEST_SUITE_P(Backends, Audit, ::testing::Values(Backend::sqlite, Backend::postgresql), backend_name);

}  // namespace
}  // namespace guichet::testing
