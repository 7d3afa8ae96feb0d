// Accounts on both backends: sign-up, activation and its 48 h, login and its throttle,
// sessions, password reset, "me" and the identity lock.
#include "tests/services/service_fixture.hpp"

namespace guichet::testing {
namespace {

using namespace std::chrono_literals;
class Accounts : public ServiceTest {};

TEST_P(Accounts, SignUpIsPendingAndQueuesTheActivationMail) {
  auto a = accounts_->sign_up(sign_up_input(), kClient);
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
  active_account("Elodie@Example.org");
  auto again = accounts_->sign_up(sign_up_input("  elodie@EXAMPLE.org "), kClient);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::email_taken);
  EXPECT_NE(again.error().message.find("existe déjà"), std::string::npos);
}

TEST_P(Accounts, ShortOrNamedPasswordsAreRefusedInFrench) {
  auto in = sign_up_input();
  in.password = "court";
  auto r = accounts_->sign_up(in, kClient);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::validation_failed);
  EXPECT_NE(r.error().fields.at("password").find("12 caractères"), std::string::npos);
  in.password = "martin-martin-2001";
  r = accounts_->sign_up(in, kClient);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().fields.at("password").find("nom"), std::string::npos);
  in.password = "une longue phrase sans chiffres";  // length over complexity
  EXPECT_TRUE(accounts_->sign_up(in, kClient).ok());
}

TEST_P(Accounts, MissingIdentityFieldsAreNamed) {
  auto in = sign_up_input();
  in.identity.last_name = "";
  in.identity.birth_date = "12/03/2001";
  auto r = accounts_->sign_up(in, kClient);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields.count("last_name"), 1u);
  EXPECT_EQ(r.error().fields.count("birth_date"), 1u);
}

TEST_P(Accounts, IdentityTextRefusesControlCharactersInFrench) {
  // CR, LF, TAB, NUL, DEL and a C1 control (U+0085 NEL, C2 85 in UTF-8).
  const std::vector<std::string> controls = {"Martin\r\nBcc: x", "Mar\ntin", "Mar\ttin", std::string("Mar\0tin", 7),
                                             "Mar\x7Ftin", "Mar\xC2\x85tin"};
  for (const std::string& bad : controls) {
    auto in = sign_up_input();
    in.identity.last_name = bad;
    in.identity.first_name = bad;
    in.identity.birth_place = bad;
    in.identity.phone = "06\n01";
    auto r = accounts_->sign_up(in, kClient);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::validation_failed);
    for (const char* field : {"last_name", "first_name", "birth_place", "phone"}) {
      ASSERT_EQ(r.error().fields.count(field), 1u) << field;
      EXPECT_NE(r.error().fields.at(field).find("caractère de contrôle"), std::string::npos);
    }
  }
  EXPECT_TRUE(mails().empty());
  auto email = sign_up_input("elodie\x7F@example.org");
  EXPECT_EQ(accounts_->sign_up(email, kClient).error().fields.count("email"), 1u);
  // Accents, apostrophes, hyphens and non-breaking spaces are text, not controls (U+00A0 is C2 A0).
  auto fine = sign_up_input();
  fine.identity.last_name = "N'Diaye-Lefèvre\xC2\xA0Œuvre";
  EXPECT_TRUE(accounts_->sign_up(fine, kClient).ok());
}

TEST_P(Accounts, AccountModificationRefusesControlCharacters) {
  std::string id = active_account();
  services::AccountPatch p;
  p.first_name = "Élodie\r\n";
  auto r = accounts_->update_me(id, p);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields.count("first_name"), 1u);
  p.first_name.reset();
  p.birth_place = "Niort\t";
  EXPECT_EQ(accounts_->update_me(id, p).error().fields.count("birth_place"), 1u);
  p.birth_place = "Niort";
  EXPECT_TRUE(accounts_->update_me(id, p).ok());
}

TEST_P(Accounts, ActivationWorksOnceThenTheLinkIsSpent) {
  ASSERT_TRUE(accounts_->sign_up(sign_up_input(), kClient).ok());
  std::string token = token_in_last("activation");
  ASSERT_TRUE(accounts_->activate(token).ok());
  Status again = accounts_->activate(token);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::invalid_token);
}

TEST_P(Accounts, After48HoursTheLinkIsExpiredAndThePurgeFreesTheAddress) {
  ASSERT_TRUE(accounts_->sign_up(sign_up_input(), kClient).ok());
  std::string token = token_in_last("activation");
  clock_.set(clock_.now() + 48h - 1s);
  EXPECT_EQ(*accounts_->purge_unactivated(), 0);  // not yet
  clock_.set(clock_.now() + 1s);
  EXPECT_EQ(accounts_->activate(token).error().code, ErrorCode::token_expired);
  EXPECT_EQ(*accounts_->purge_unactivated(), 1);
  EXPECT_EQ(*accounts_->purge_unactivated(), 0);  // idempotent: safe on several servers
  // The link still says "expired" once the account is gone, and the address is free again.
  EXPECT_EQ(accounts_->activate(token).error().code, ErrorCode::token_expired);
  EXPECT_TRUE(accounts_->sign_up(sign_up_input(), kClient).ok());
}

TEST_P(Accounts, AnActivatedAccountIsNeverPurged) {
  active_account();
  clock_.set(clock_.now() + 24h * 30);
  EXPECT_EQ(*accounts_->purge_unactivated(), 0);
  EXPECT_TRUE(accounts_->login("elodie.martin@example.org", "une phrase de passe solide", "10.0.0.1").ok());
}

TEST_P(Accounts, LoginNeedsActivationAndTheRightPassword) {
  ASSERT_TRUE(accounts_->sign_up(sign_up_input(), kClient).ok());
  EXPECT_EQ(accounts_->login("elodie.martin@example.org", "une phrase de passe solide", "10.0.0.1").error().code,
            ErrorCode::account_not_activated);
  ASSERT_TRUE(accounts_->activate(token_in_last("activation")).ok());
  EXPECT_EQ(accounts_->login("elodie.martin@example.org", "mauvais mot de passe!", "10.0.0.1").error().code,
            ErrorCode::invalid_credentials);
  EXPECT_EQ(accounts_->login("personne@example.org", "une phrase de passe solide", "10.0.0.1").error().code,
            ErrorCode::invalid_credentials);
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
              ErrorCode::invalid_credentials);
  auto fifth = accounts_->login("elodie.martin@example.org", "pas le bon mot de passe", "10.0.0.1");
  ASSERT_EQ(fifth.error().code, ErrorCode::too_many_attempts);
  EXPECT_GT(fifth.error().retry_after_seconds, 0);
  EXPECT_LE(fifth.error().retry_after_seconds, 60);
  // Even the right password waits, from another address too: the account is the target.
  auto blocked = accounts_->login("elodie.martin@example.org", "une phrase de passe solide", "10.0.0.2");
  EXPECT_EQ(blocked.error().code, ErrorCode::too_many_attempts);
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
    ASSERT_EQ(r.error().code, ErrorCode::too_many_attempts) << round;
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
  EXPECT_EQ(r.error().code, ErrorCode::too_many_attempts);
  EXPECT_GT(r.error().retry_after_seconds, 60);
}

// OWASP's device cookies: behind a proxy every candidate shares one address, and a stranger's
// failures must not lock the owner out of the browser she logged in with before.
TEST_P(Accounts, AnAttackerLocksOutStrangersButNotTheOwnersDevice) {
  active_account();
  const std::string proxy = "198.51.100.1";  // owner and attacker behind the same address
  auto earlier = accounts_->login("elodie.martin@example.org", "une phrase de passe solide", proxy);
  ASSERT_TRUE(earlier.ok());
  ASSERT_GE(earlier->device_token.size(), 43u);  // 256 bits
  EXPECT_EQ(earlier->device_lifetime, std::chrono::hours(24 * 180));
  // The attacker: 5 failures on her account, then 25 on others from that address.
  for (int i = 0; i < 30; ++i)
    (void)accounts_->login(i < 5 ? "elodie.martin@example.org" : "victime" + std::to_string(i) + "@example.org",
                           "devine devine devine", proxy);
  auto stranger = accounts_->login("elodie.martin@example.org", "une phrase de passe solide", proxy);
  ASSERT_EQ(stranger.error().code, ErrorCode::too_many_attempts);  // the account and the address are blocked
  EXPECT_EQ(accounts_->login("autre@example.org", "x", proxy).error().code, ErrorCode::too_many_attempts);
  EXPECT_EQ(accounts_->login("elodie.martin@example.org", "une phrase de passe solide", "10.9.9.9").error().code,
            ErrorCode::too_many_attempts);
  // The owner, from that same address with her device token: in.
  auto owner = accounts_->login("elodie.martin@example.org", "une phrase de passe solide", proxy, earlier->device_token);
  ASSERT_TRUE(owner.ok()) << owner.error().code;
  // Her token was replaced by a new one (the old one no longer opens anything).
  EXPECT_NE(owner->device_token, earlier->device_token);
  EXPECT_EQ(accounts_->login("elodie.martin@example.org", "une phrase de passe solide", proxy, earlier->device_token)
                .error()
                .code,
            ErrorCode::too_many_attempts);
  // The lockout of untrusted clients still stands: the owner's login gave the attacker nothing.
  EXPECT_EQ(accounts_->login("elodie.martin@example.org", "devine encore", "10.9.9.9").error().code,
            ErrorCode::too_many_attempts);
  EXPECT_TRUE(
      accounts_->login("elodie.martin@example.org", "une phrase de passe solide", proxy, owner->device_token).ok());
}

TEST_P(Accounts, ADeviceTokenIsBoundToItsAccount) {
  active_account();
  active_account("mallory@example.org");
  auto mallory = accounts_->login("mallory@example.org", "une phrase de passe solide", kClient);
  ASSERT_TRUE(mallory.ok());
  // Mallory's own token does not exempt her guesses on Élodie's account.
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(accounts_->login("elodie.martin@example.org", "devine", kClient, mallory->device_token).error().code,
              ErrorCode::invalid_credentials);
  EXPECT_EQ(accounts_->login("elodie.martin@example.org", "devine", kClient, mallory->device_token).error().code,
            ErrorCode::too_many_attempts);
  EXPECT_EQ(accounts_->login("elodie.martin@example.org", "une phrase de passe solide", kClient, mallory->device_token)
                .error()
                .code,
            ErrorCode::too_many_attempts);
  // Nor does a made-up one.
  EXPECT_EQ(accounts_->login("elodie.martin@example.org", "une phrase de passe solide", kClient, "inventé").error().code,
            ErrorCode::too_many_attempts);
}

TEST_P(Accounts, FailuresWithADeviceTokenCountOnTheTokenWhichThenDies) {
  active_account();
  auto first = accounts_->login("elodie.martin@example.org", "une phrase de passe solide", kClient);
  ASSERT_TRUE(first.ok());
  const std::string device = first->device_token;
  // Ten wrong passwords with the token: never blocked, and the account's counter is untouched.
  for (int i = 0; i < 10; ++i)
    EXPECT_EQ(accounts_->login("elodie.martin@example.org", "pas le bon mot de passe", kClient, device).error().code,
              ErrorCode::invalid_credentials)
        << i;
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(accounts_->login("elodie.martin@example.org", "pas le bon", "10.0.0.2").error().code, ErrorCode::invalid_credentials);
  // The token died at its tenth failure: now it is an untrusted client like any other, so the
  // account's lockout (the fifth untrusted failure above makes it) applies to it.
  EXPECT_EQ(accounts_->login("elodie.martin@example.org", "pas le bon", "10.0.0.2").error().code, ErrorCode::too_many_attempts);
  EXPECT_EQ(accounts_->login("elodie.martin@example.org", "une phrase de passe solide", kClient, device).error().code,
            ErrorCode::too_many_attempts);
  // Once the block is served, the right password gives a fresh token.
  clock_.set(clock_.now() + 61s);
  auto again = accounts_->login("elodie.martin@example.org", "une phrase de passe solide", kClient, device);
  ASSERT_TRUE(again.ok());
  EXPECT_NE(again->device_token, device);
}

TEST_P(Accounts, DeviceTokensExpireAndAnAccountKeepsItsTenNewest) {
  active_account();
  std::vector<std::string> tokens;
  for (int i = 0; i < 11; ++i) {
    auto l = accounts_->login("elodie.martin@example.org", "une phrase de passe solide", kClient);
    ASSERT_TRUE(l.ok());
    tokens.push_back(l->device_token);
    clock_.set(clock_.now() + 1s);
  }
  // Block untrusted clients, then see which tokens still open the door.
  for (int i = 0; i < 5; ++i) (void)accounts_->login("elodie.martin@example.org", "devine", "203.0.113.1");
  auto trusted = [&](const std::string& t) {
    auto r = accounts_->login("elodie.martin@example.org", "pas le bon mot de passe", kClient, t);
    return r.error().code == ErrorCode::invalid_credentials;  // counted on the token, not blocked
  };
  EXPECT_FALSE(trusted(tokens[0]));  // the oldest went when the eleventh came
  EXPECT_TRUE(trusted(tokens[1]));
  EXPECT_TRUE(trusted(tokens[10]));
  clock_.set(clock_.now() + std::chrono::hours(24 * 180));
  for (int i = 0; i < 5; ++i) (void)accounts_->login("elodie.martin@example.org", "devine", "203.0.113.1");
  EXPECT_FALSE(trusted(tokens[10]));  // expired
  EXPECT_GE(*accounts_->purge_expired_limits(), 9);
}

TEST_P(Accounts, SessionsExpireAndDieAtLogout) {
  active_account();
  auto a = accounts_->login("elodie.martin@example.org", "une phrase de passe solide", "10.0.0.1");
  auto b = accounts_->login("elodie.martin@example.org", "une phrase de passe solide", "10.0.0.1");
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_TRUE(accounts_->logout(accounts_->authenticate(a->token)->token_hash).ok());
  EXPECT_EQ(accounts_->authenticate(a->token).error().code, ErrorCode::unauthenticated);
  EXPECT_TRUE(accounts_->authenticate(b->token).ok());
  clock_.set(clock_.now() + config_.session_lifetime);
  EXPECT_EQ(accounts_->authenticate(b->token).error().code, ErrorCode::unauthenticated);
}

TEST_P(Accounts, PasswordResetSaysNothingAboutUnknownAddressesAndWorksOnce) {
  active_account();
  size_t before = mails().size();
  EXPECT_TRUE(accounts_->request_password_reset("inconnu@example.org", kClient).ok());
  EXPECT_EQ(mails().size(), before);
  auto session = accounts_->login("elodie.martin@example.org", "une phrase de passe solide", "10.0.0.1");
  ASSERT_TRUE(accounts_->request_password_reset("Elodie.Martin@example.org", kClient).ok());
  EXPECT_EQ(mails().size(), before + 1);
  std::string token = token_in_last("password_reset");
  ASSERT_FALSE(token.empty());
  EXPECT_EQ(accounts_->confirm_password_reset(token, "court").error().code, ErrorCode::validation_failed);
  ASSERT_TRUE(accounts_->confirm_password_reset(token, "un tout nouveau secret").ok());
  EXPECT_EQ(accounts_->confirm_password_reset(token, "encore un autre secret").error().code, ErrorCode::invalid_token);
  EXPECT_EQ(accounts_->authenticate(session->token).error().code, ErrorCode::unauthenticated);  // sessions died
  EXPECT_TRUE(accounts_->login("elodie.martin@example.org", "un tout nouveau secret", "10.0.0.1").ok());
}

TEST_P(Accounts, ResetRequestsCannotFloodAMailbox) {
  active_account();
  size_t before = mails().size();
  // One mail per 5 minutes; the other requests within them send nothing, and say nothing.
  for (int i = 0; i < 2; ++i) ASSERT_TRUE(accounts_->request_password_reset("elodie.martin@example.org", kClient).ok());
  EXPECT_EQ(mails().size(), before + 1);
  std::string first = token_in_last("password_reset");
  clock_.set(clock_.now() + 1h);
  ASSERT_TRUE(accounts_->request_password_reset("elodie.martin@example.org", kClient).ok());
  EXPECT_EQ(mails().size(), before + 2);
  // The newer link voids the older one.
  EXPECT_EQ(accounts_->confirm_password_reset(first, "un tout nouveau secret").error().code, ErrorCode::invalid_token);
  EXPECT_TRUE(accounts_->confirm_password_reset(token_in_last("password_reset"), "un tout nouveau secret").ok());
}

TEST_P(Accounts, SignUpsAreLimitedPerEmailAddressAndNoMailGoesBeyond) {
  // Three activation mails an hour to one address (each sign-up replaces the pending account).
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(accounts_->sign_up(sign_up_input(), "198.51.100." + std::to_string(i)).ok()) << i;
  EXPECT_EQ(mails().size(), 3u);
  auto fourth = accounts_->sign_up(sign_up_input(), "198.51.100.99");
  ASSERT_FALSE(fourth.ok());
  EXPECT_EQ(fourth.error().code, ErrorCode::too_many_attempts);
  EXPECT_NE(fourth.error().message.find("Réessayez"), std::string::npos);
  EXPECT_GT(fourth.error().retry_after_seconds, 0);
  EXPECT_LE(fourth.error().retry_after_seconds, 3600);
  EXPECT_EQ(mails().size(), 3u);
  // Within the day, ten at most.
  for (int hour = 1; hour <= 3; ++hour) {
    clock_.set(clock_.now() + 1h);
    for (int i = 0; i < 3; ++i) (void)accounts_->sign_up(sign_up_input(), "198.51.100." + std::to_string(10 * hour + i));
  }
  EXPECT_EQ(mails().size(), 10u);
  clock_.set(clock_.now() + 1h);
  auto day = accounts_->sign_up(sign_up_input(), "198.51.100.200");
  ASSERT_FALSE(day.ok());
  EXPECT_EQ(day.error().code, ErrorCode::too_many_attempts);
  EXPECT_GT(day.error().retry_after_seconds, 3600);
  EXPECT_EQ(mails().size(), 10u);
  // Other addresses are not concerned.
  EXPECT_TRUE(accounts_->sign_up(sign_up_input("autre@example.org"), "198.51.100.200").ok());
}

TEST_P(Accounts, SignUpsAreLimitedPerClientAddress) {
  for (int i = 0; i < 10; ++i)
    ASSERT_TRUE(accounts_->sign_up(sign_up_input("c" + std::to_string(i) + "@example.org"), "203.0.113.7").ok()) << i;
  auto eleventh = accounts_->sign_up(sign_up_input("c10@example.org"), "203.0.113.7");
  ASSERT_FALSE(eleventh.ok());
  EXPECT_EQ(eleventh.error().code, ErrorCode::too_many_attempts);
  EXPECT_GT(eleventh.error().retry_after_seconds, 0);
  EXPECT_EQ(mails().size(), 10u);
  // Refused sign-ups are neither stored nor counted; another client is not concerned.
  EXPECT_TRUE(accounts_->sign_up(sign_up_input("c10@example.org"), "203.0.113.8").ok());
  clock_.set(clock_.now() + 1h);
  EXPECT_TRUE(accounts_->sign_up(sign_up_input("c11@example.org"), "203.0.113.7").ok());
}

TEST_P(Accounts, ResetRequestsShareTheLimitsWhateverTheAddressAndTellNothing) {
  active_account("connu@example.org");
  // A known and an unknown address answer alike, up to the limit and beyond it.
  for (const char* email : {"connu@example.org", "inconnu@example.org"}) {
    for (int i = 0; i < 2; ++i) EXPECT_TRUE(accounts_->request_password_reset(email, "198.51.100." + std::to_string(i)).ok());
    auto third = accounts_->request_password_reset(email, "198.51.100.3");
    auto fourth = accounts_->request_password_reset(email, "198.51.100.4");
    EXPECT_TRUE(third.ok() || std::string(email) == "connu@example.org") << email;  // the sign-up mail counted
    ASSERT_FALSE(fourth.ok()) << email;
    EXPECT_EQ(fourth.error().code, ErrorCode::too_many_attempts);
    EXPECT_GT(fourth.error().retry_after_seconds, 0);
  }
  // One client asking for many addresses is limited too.
  for (int i = 0; i < 10; ++i)
    EXPECT_TRUE(accounts_->request_password_reset("x" + std::to_string(i) + "@example.org", "203.0.113.9").ok());
  EXPECT_EQ(accounts_->request_password_reset("x10@example.org", "203.0.113.9").error().code, ErrorCode::too_many_attempts);
}

TEST_P(Accounts, ASignUpReplacesAnAccountNeverActivated) {
  auto squatter = sign_up_input();
  squatter.identity.last_name = "Usurpateur";
  squatter.password = "le mot de passe du squatteur";
  auto first = accounts_->sign_up(squatter, "203.0.113.66");
  ASSERT_TRUE(first.ok());
  std::string squatter_link = token_in_last("activation");
  // The owner of the mailbox signs up: accepted, a new account and a new activation mail.
  auto owner = accounts_->sign_up(sign_up_input(), kClient);
  ASSERT_TRUE(owner.ok()) << owner.error().message;
  EXPECT_NE(owner->id, first->id);
  EXPECT_EQ(owner->status, "pending_activation");
  std::string owner_link = token_in_last("activation");
  EXPECT_NE(owner_link, squatter_link);
  EXPECT_EQ(mails().size(), 2u);
  // The squatter's link is dead, the owner's activates the owner's data and password.
  EXPECT_EQ(accounts_->activate(squatter_link).error().code, ErrorCode::invalid_token);
  ASSERT_TRUE(accounts_->activate(owner_link).ok());
  auto me = accounts_->me(owner->id);
  EXPECT_EQ(me->identity.last_name, "Martin");
  EXPECT_FALSE(accounts_->me(first->id).ok());
  EXPECT_EQ(accounts_->login("elodie.martin@example.org", "le mot de passe du squatteur", kClient).error().code,
            ErrorCode::invalid_credentials);
  EXPECT_TRUE(accounts_->login("elodie.martin@example.org", "une phrase de passe solide", kClient).ok());
  // Activated, the address is taken for good.
  auto again = accounts_->sign_up(squatter, "203.0.113.66");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::email_taken);
}

TEST_P(Accounts, ForgottenPasswordOnAPendingAccountSendsANewActivationLink) {
  auto a = accounts_->sign_up(sign_up_input(), kClient);
  ASSERT_TRUE(a.ok());
  std::string first_link = token_in_last("activation");
  // Right after the sign-up mail, nothing more (the cooldown), and nothing said about it.
  ASSERT_TRUE(accounts_->request_password_reset("elodie.martin@example.org", kClient).ok());
  EXPECT_EQ(mails().size(), 1u);
  clock_.set(clock_.now() + 10min);
  ASSERT_TRUE(accounts_->request_password_reset("Elodie.Martin@example.org", kClient).ok());
  auto all = mails();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all.back().kind, "activation");
  EXPECT_EQ(all.back().recipient, "elodie.martin@example.org");
  EXPECT_NE(mail::testing::plain_text(all.back().message).find("pas encore activé"), std::string::npos);
  EXPECT_EQ(token_in_last("password_reset"), "");  // no reset link for an account never activated
  std::string second_link = token_in_last("activation");
  EXPECT_NE(second_link, first_link);
  EXPECT_EQ(accounts_->activate(first_link).error().code, ErrorCode::invalid_token);  // one live link
  ASSERT_TRUE(accounts_->activate(second_link).ok());
  EXPECT_TRUE(accounts_->login("elodie.martin@example.org", "une phrase de passe solide", kClient).ok());
  // Past the account's 48 h, nothing is sent: the purge deletes it.
  auto late = accounts_->sign_up(sign_up_input("tard@example.org"), kClient);
  ASSERT_TRUE(late.ok());
  clock_.set(clock_.now() + 48h);
  size_t before = mails().size();
  ASSERT_TRUE(accounts_->request_password_reset("tard@example.org", kClient).ok());
  EXPECT_EQ(mails().size(), before);
}

TEST_P(Accounts, AResetLinkExpiresWithinTheHour) {
  active_account();
  ASSERT_TRUE(accounts_->request_password_reset("elodie.martin@example.org", kClient).ok());
  std::string token = token_in_last("password_reset");
  clock_.set(clock_.now() + 1h);
  EXPECT_EQ(accounts_->confirm_password_reset(token, "un tout nouveau secret").error().code, ErrorCode::token_expired);
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
  // The same value sent back (a form returns the whole identity) changes nothing: accepted.
  p.birth_place = "Niort";
  p.last_name = "Martin";
  EXPECT_TRUE(accounts_->update_me(id, p).ok());
  p.birth_place = "Châtellerault";
  EXPECT_EQ(accounts_->update_me(id, p).error().code, ErrorCode::personal_data_locked);
  services::AccountPatch pw;
  pw.password = "un tout nouveau secret";
  pw.current_password = "une phrase de passe solide";
  EXPECT_TRUE(accounts_->update_me(id, pw).ok());  // email and password always
}

INSTANTIATE_TEST_SUITE_P(Backends, Accounts, ::testing::Values(Backend::sqlite, Backend::postgresql), backend_name);

}  // namespace
}  // namespace guichet::testing
