// Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), the second
// factor of staff logins, as every authenticator app expects them; secrets in base32 (RFC 4648).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace guichet::services {

inline constexpr int kTotpStepSeconds = 30;

// 160 random bits (RFC 4226's recommended length), base32 without padding.
std::string new_totp_secret();
std::string base32_encode(std::string_view bytes);
// Nothing when `text` is not base32 (spaces and lower case are accepted).
std::optional<std::string> base32_decode(std::string_view text);

// The time step holding `at`.
long long totp_step(Instant at);
// The 6-digit code of `secret_base32` at `step` ("" when the secret is not base32).
std::string totp_code(std::string_view secret_base32, long long step);
// The step whose code `code` is, within one step of `at` (clock drift), if any.
std::optional<long long> match_totp(std::string_view secret_base32, std::string_view code, Instant at);
// The otpauth:// URI an authenticator app reads (as a QR code) to enrol the secret.
std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view secret_base32);

}  // namespace guichet::services
