// Accounts on both backends: sign-up, activation and its 48 h, login and its throttle,
// sessions, password reset, "me" and the identity lock.
#include "tests/services/service_fixture.hpp"

namespace guichet::testing {
namespace {

using namespace std::chrono_literals;
class Accounts : public ServiceTest {};

TEST_P(Accounts, SignUpIsPendingAndQueuesTheActivationMail) {
  auto a = accounts_->sign_up(sign_up_input());
  ASSERT_TRUE(a.ok()) << a.error().message;
  EXPECT_EQ(a->status, "pending_activation");
  auto queued = mails();
  ASSERT_EQ(queued.size(), 1u);
  EXPECT_EQ(queued[0].kind, "activation");
  EXPECT_EQ(queued[0].recipient, "elodie.martin@example.org");
  EXPECT_FALSE(token_in_last("activation").empty());
  EXPECT_NE(std::find(seen_.begin(), seen_.end(), "account.created"), seen_.end());
}

TEST_P(Accounts, AnEmailIsUniqueWhateverItsCase) {
  ASSERT_TRUE(accounts_->sign_up(sign_up_input("Elodie@Example.org")).ok());
  auto again = accounts_->sign_up(sign_up_input("  elodie@EXAMPLE.org "));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "email_taken");
  EXPECT_NE(again.error().message.find("existe déjà"), std::string::npos);
}

TEST_P(Accounts, ShortOrNamedPasswordsAreRefusedInFrench) {
  auto in = sign_up_input();
  in.password = "court";
  auto r = accounts_->sign_up(in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "validation_failed");
  EXPECT_NE(r.error().fields.at("password").find("12 caractères"), std::string::npos);
  in.password = "martin-martin-2001";
  r = accounts_->sign_up(in);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().fields.at("password").find("nom"), std::string::npos);
  in.password = "une longue phrase sans chiffres";  // length over complexity
  EXPECT_TRUE(accounts_->sign_up(in).ok());
}

TEST_P(Accounts, MissingIdentityFieldsAreNamed) {
  auto in = sign_up_input();
  in.identity.last_name = "";
  in.identity.birth_date = "12/03/2001";
  auto r = accounts_->sign_up(in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields.count("last_name"), 1u);
  EXPECT_EQ(r.error().fields.count("birth_date"), 1u);
}

TEST_P(Accounts, ActivationWorksOnceThenTheLinkIsSpent) {
  ASSERT_TRUE(accounts_->sign_up(sign_up_input()).ok());
  std::string token = token_in_last("activation");
  ASSERT_TRUE(accounts_->activate(token).ok());
  Status again = accounts_->activate(token);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "invalid_token");
}

TEST_P(Accounts, After48HoursTheLinkIsExpiredAndThePurgeFreesTheAddress) {
  ASSERT_TRUE(accounts_->sign_up(sign_up_input()).ok());
  std::string token = token_in_last("activation");
  clock_.set(clock_.now() + 48h - 1s);
  EXPECT_EQ(*accounts_->purge_unactivated(), 0);  // not yet
  clock_.set(clock_.now() + 1s);
  EXPECT_EQ(accounts_->activate(token).error().code, "token_expired");
  EXPECT_EQ(*accounts_->purge_unactivated(), 1);
  EXPECT_EQ(*accounts_->purge_unactivated(), 0);  // idempotent: safe on several servers
  // The link still says "expired" once the account is gone, and the address is free again.
  EXPECT_EQ(accounts_->activate(token).error().code, "token_expired");
  EXPECT_TRUE(accounts_->sign_up(sign_up_input()).ok());
}

TEST_P(Accounts, AnActivatedAccountIsNeverPurged) {
  active_account();
  clock_.set(clock_.now() + 24h * 30);
  EXPECT_EQ(*accounts_->purge_unactivated(), 0);
  EXPECT_TRUE(accounts_->login("elodie.martin@example.org", "une phrase de passe solide", "10.0.0.1").ok());
}

TEST_P(Accounts, LoginNeedsActivationAndTheRightPassword) {
  ASSERT_TRUE(accounts_->sign_up(sign_up_input()).ok());
  EXPECT_EQ(accounts_->login("elodie.martin@example.org", "une phrase de passe solide", "10.0.0.1").error().code,
            "account_not_activated");
  ASSERT_TRUE(accounts_->activate(token_in_last("activation")).ok());
  EXPECT_EQ(accounts_->login("elodie.martin@example.org", "mauvais mot de passe!", "10.0.0.1").error().code,
            "invalid_credentials");
  EXPECT_EQ(accounts_->login("personne@example.org", "une phrase de passe solide", "10.0.0.1").error().code,
            "invalid_credentials");
  auto ok = accounts_->login("ELODIE.martin@example.org", "une phrase de passe solide", "10.0.0.1");
  ASSERT_TRUE(ok.ok());
  EXPECT_GE(ok->token.size(), 43u);  // 256 bits
  EXPECT_NE(ok->token, ok->csrf_token);
  auto caller = accounts_->authenticate(ok->token);
  ASSERT_TRUE(caller.ok());
  EXPECT_EQ(caller->account_id, ok->account.id);
}

TEST_P(Accounts, RepeatedFailuresBlockTheAccountBrieflyThenItWorksAgain) {
  active_account();
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(accounts_->login("elodie.martin@example.org", "pas le bon mot de passe", "10.0.0.1").error().code,
              "invalid_credentials");
  auto fifth = accounts_->login("elodie.martin@example.org", "pas le bon mot de passe", "10.0.0.1");
  ASSERT_EQ(fifth.error().code, "too_many_attempts");
  EXPECT_GT(fifth.error().retry_after_seconds, 0);
  EXPECT_LE(fifth.error().retry_after_seconds, 60);
  // Even the right password waits, from another address too: the account is the target.
  auto blocked = accounts_->login("elodie.martin@example.org", "une phrase de passe solide", "10.0.0.2");
  EXPECT_EQ(blocked.error().code, "too_many_attempts");
  clock_.set(clock_.now() + 61s);
  EXPECT_TRUE(accounts_->login("elodie.martin@example.org", "une phrase de passe solide", "10.0.0.2").ok());
}

TEST_P(Accounts, TheAccountBlockDoublesButNeverExceedsFiveMinutes) {
  active_account();
  auto fail = [&](int i) {
    return accounts_->login("elodie.martin@example.org", "pas le bon mot de passe", "10.0.0." + std::to_string(i));
  };
  for (int i = 0; i < 4; ++i) (void)fail(i);
  int waits[4];
  for (int round = 0; round < 4; ++round) {
    auto r = fail(10 + round);
    ASSERT_EQ(r.error().code, "too_many_attempts") << round;
    waits[round] = r.error().retry_after_seconds;
    clock_.set(clock_.now() + std::chrono::seconds(waits[round]));  // serve the block, then fail again
  }
  EXPECT_EQ(waits[0], 60);
  EXPECT_EQ(waits[1], 120);
  EXPECT_EQ(waits[2], 240);
  EXPECT_EQ(waits[3], 300);  // capped: an attacker cannot lock a candidate out for long
}

TEST_P(Accounts, OneAddressGuessingManyAccountsIsBlocked) {
  for (int i = 0; i < 30; ++i)
    (void)accounts_->login("victime" + std::to_string(i) + "@example.org", "devine devine devine", "203.0.113.7");
  auto r = accounts_->login("autre@example.org", "devine devine devine", "203.0.113.7");
  EXPECT_EQ(r.error().code, "too_many_attempts");
  EXPECT_GT(r.error().retry_after_seconds, 60);
}

TEST_P(Accounts, SessionsExpireAndDieAtLogout) {
  active_account();
  auto a = accounts_->login("elodie.martin@example.org", "une phrase de passe solide", "10.0.0.1");
  auto b = accounts_->login("elodie.martin@example.org", "une phrase de passe solide", "10.0.0.1");
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_TRUE(accounts_->logout(accounts_->authenticate(a->token)->token_hash).ok());
  EXPECT_EQ(accounts_->authenticate(a->token).error().code, "unauthenticated");
  EXPECT_TRUE(accounts_->authenticate(b->token).ok());
  clock_.set(clock_.now() + config_.session_lifetime);
  EXPECT_EQ(accounts_->authenticate(b->token).error().code, "unauthenticated");
}

TEST_P(Accounts, PasswordResetSaysNothingAboutUnknownAddressesAndWorksOnce) {
  active_account();
  size_t before = mails().size();
  EXPECT_TRUE(accounts_->request_password_reset("inconnu@example.org").ok());
  EXPECT_EQ(mails().size(), before);
  auto session = accounts_->login("elodie.martin@example.org", "une phrase de passe solide", "10.0.0.1");
  ASSERT_TRUE(accounts_->request_password_reset("Elodie.Martin@example.org").ok());
  EXPECT_EQ(mails().size(), before + 1);
  std::string token = token_in_last("password_reset");
  ASSERT_FALSE(token.empty());
  EXPECT_EQ(accounts_->confirm_password_reset(token, "court").error().code, "validation_failed");
  ASSERT_TRUE(accounts_->confirm_password_reset(token, "un tout nouveau secret").ok());
  EXPECT_EQ(accounts_->confirm_password_reset(token, "encore un autre secret").error().code, "invalid_token");
  EXPECT_EQ(accounts_->authenticate(session->token).error().code, "unauthenticated");  // sessions died
  EXPECT_TRUE(accounts_->login("elodie.martin@example.org", "un tout nouveau secret", "10.0.0.1").ok());
}

TEST_P(Accounts, ResetRequestsCannotFloodAMailbox) {
  active_account();
  size_t before = mails().size();
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(accounts_->request_password_reset("elodie.martin@example.org").ok());
  EXPECT_EQ(mails().size(), before + 1);
  std::string first = token_in_last("password_reset");
  clock_.set(clock_.now() + 5min);
  ASSERT_TRUE(accounts_->request_password_reset("elodie.martin@example.org").ok());
  EXPECT_EQ(mails().size(), before + 2);
  // The newer link voids the older one.
  EXPECT_EQ(accounts_->confirm_password_reset(first, "un tout nouveau secret").error().code, "invalid_token");
  EXPECT_TRUE(accounts_->confirm_password_reset(token_in_last("password_reset"), "un tout nouveau secret").ok());
}

TEST_P(Accounts, AResetLinkExpiresWithinTheHour) {
  active_account();
  ASSERT_TRUE(accounts_->request_password_reset("elodie.martin@example.org").ok());
  std::string token = token_in_last("password_reset");
  clock_.set(clock_.now() + 1h);
  EXPECT_EQ(accounts_->confirm_password_reset(token, "un tout nouveau secret").error().code, "token_expired");
}

TEST_P(Accounts, EmailChangeNeedsThePasswordAndTellsTheOldAddress) {
  std::string id = active_account();
  services::AccountPatch p;
  p.email = "nouvelle@example.org";
  EXPECT_EQ(accounts_->update_me(id, p).error().fields.count("current_password"), 1u);
  p.current_password = "pas le bon";
  EXPECT_EQ(accounts_->update_me(id, p).error().fields.count("current_password"), 1u);
  p.current_password = "une phrase de passe solide";
  auto r = accounts_->update_me(id, p);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->email, "nouvelle@example.org");
  auto last = mails().back();
  EXPECT_EQ(last.kind, "email_changed");
  EXPECT_EQ(last.recipient, "elodie.martin@example.org");
  EXPECT_TRUE(accounts_->login("nouvelle@example.org", "une phrase de passe solide", "10.0.0.1").ok());
}

TEST_P(Accounts, IdentityIsEditableUntilTheFirstRegistrationThenLockedForGood) {
  std::string id = active_account();
  services::AccountPatch p;
  p.birth_place = "Niort";
  ASSERT_TRUE(accounts_->update_me(id, p).ok());
  clock_.set(at("2024-11-13T18:00:00+01:00"));
  ASSERT_TRUE(registrations_->create(id, {"testia", "demo", "2025", boost::json::parse(
      R"({"speciality": "cuisine", "postal_code": "86000"})").as_object()}, 0).ok());
  p.birth_place = "Châtellerault";
  EXPECT_EQ(accounts_->update_me(id, p).error().code, "personal_data_locked");
  services::AccountPatch pw;
  pw.password = "un tout nouveau secret";
  pw.current_password = "une phrase de passe solide";
  EXPECT_TRUE(accounts_->update_me(id, pw).ok());  // email and password always
}

INSTANTIATE_TEST_SUITE_P(Backends, Accounts, ::testing::Values(Backend::sqlite, Backend::postgresql), backend_name);

}  // namespace
}  // namespace guichet::testing
