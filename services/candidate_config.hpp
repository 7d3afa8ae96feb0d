// Settings of the candidate space (accounts, sessions, links, mail).
#pragma once

#include <chrono>
#include <string>

#include "core/clock.hpp"
#include "services/crypto.hpp"
#include "services/login_throttle.hpp"

namespace guichet::services {

struct CandidateConfig {
  // Base of the links in mails (the candidate portal), e.g. https://candidats.ac-poitiers.fr
  std::string public_url = "http://127.0.0.1:8080";
  std::string mail_from = "Guichet des examens <ne-pas-repondre@guichet.invalid>";
  PasswordCost password_cost = PasswordCost::interactive();
  std::chrono::seconds session_lifetime = std::chrono::hours(8);
  std::chrono::seconds activation_lifetime = std::chrono::hours(48);
  std::chrono::seconds reset_lifetime = std::chrono::hours(1);
  std::chrono::seconds reset_cooldown = std::chrono::minutes(5);  // at most one reset mail per 5 min
  // Login throttling (login_throttle.hpp): per account, `account_failures` failures within
  // `window` block that account's untrusted clients (no device token) for 1 minute, doubling,
  // at most `account_block_max`; per client address, `address_failures` within `window` block
  // the address's untrusted clients for `address_block`.
  std::chrono::seconds window = std::chrono::minutes(15);
  int account_failures = 5;
  std::chrono::seconds account_block_max = std::chrono::minutes(5);
  int address_failures = 30;
  std::chrono::seconds address_block = std::chrono::minutes(15);
  // Mails a stranger can have sent to an address (the activation mail of a sign-up, its
  // re-sends, password resets): at most `mails_per_address_hour` an hour and
  // `mails_per_address_day` a day per address. Sign-ups and reset requests from one client
  // address: at most `mail_requests_per_client_hour` an hour. Beyond: 429, no mail.
  int mails_per_address_hour = 3;
  int mails_per_address_day = 10;
  int mail_requests_per_client_hour = 10;
  // The clock of accounts and their security: sessions' expiry, activation and reset links,
  // login throttles and lockouts, device tokens, sign-up and mail limits. Null: the service's
  // clock. A server on a simulated clock gives the machine's here: the simulated time is for
  // the rules and the candidates' deadlines, never for what keeps accounts safe.
  const Clock* security_clock = nullptr;
};

inline ThrottleLimits throttle_limits(const CandidateConfig& c) {
  ThrottleLimits l;
  l.window = c.window;
  l.account_failures = c.account_failures;
  l.account_block_max = c.account_block_max;
  l.address_failures = c.address_failures;
  l.address_block = c.address_block;
  return l;  // device tokens: the defaults (180 days, 10 failures, 10 per account)
}

}  // namespace guichet::services
