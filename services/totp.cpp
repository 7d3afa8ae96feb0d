#include "services/totp.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <fmt/format.h>

#include <cctype>

namespace guichet::services {
namespace {

constexpr const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

std::string uri_escape(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') out += static_cast<char>(c);
    else out += fmt::format("%{:02X}", c);
  }
  return out;
}

}  // namespace

std::string new_totp_secret() {
  unsigned char bytes[20];
  randombytes_buf(bytes, sizeof bytes);
  return base32_encode(std::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes));
}

std::string base32_encode(std::string_view bytes) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 5) {
      out += kAlphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 31];
  return out;
}

std::optional<std::string> base32_decode(std::string_view text) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char ch : text) {
    if (ch == ' ' || ch == '=') continue;
    char c = ch >= 'a' && ch <= 'z' ? static_cast<char>(ch - 'a' + 'A') : ch;
    int value = c >= 'A' && c <= 'Z' ? c - 'A' : c >= '2' && c <= '7' ? c - '2' + 26 : -1;
    if (value < 0) return std::nullopt;
    buffer = (buffer << 5) | static_cast<unsigned>(value);
    bits += 5;
    if (bits >= 8) {
      out += static_cast<char>((buffer >> (bits - 8)) & 0xFF);
      bits -= 8;
    }
  }
  return out;
}

long long totp_step(Instant at) {
  auto seconds = std::chrono::floor<std::chrono::seconds>(at).time_since_epoch().count();
  return seconds / kTotpStepSeconds;
}

std::string totp_code(std::string_view secret_base32, long long step) {
  auto key = base32_decode(secret_base32);
  if (!key || key->empty()) return "";
  unsigned char counter[8];
  for (int i = 7; i >= 0; --i) {
    counter[i] = static_cast<unsigned char>(step & 0xFF);
    step >>= 8;
  }
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  HMAC(EVP_sha1(), key->data(), static_cast<int>(key->size()), counter, sizeof counter, mac, &mac_len);
  int offset = mac[mac_len - 1] & 0x0F;
  unsigned binary = (static_cast<unsigned>(mac[offset] & 0x7F) << 24) | (static_cast<unsigned>(mac[offset + 1]) << 16) |
                    (static_cast<unsigned>(mac[offset + 2]) << 8) | static_cast<unsigned>(mac[offset + 3]);
  return fmt::format("{:06}", binary % 1000000);
}

std::optional<long long> match_totp(std::string_view secret_base32, std::string_view code, Instant at) {
  if (code.size() != 6) return std::nullopt;
  const long long now = totp_step(at);
  for (long long step : {now, now - 1, now + 1}) {
    std::string expected = totp_code(secret_base32, step);
    if (!expected.empty() && sodium_memcmp(expected.data(), code.data(), 6) == 0) return step;
  }
  return std::nullopt;
}

std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view secret_base32) {
  return fmt::format("otpauth://totp/{}:{}?secret={}&issuer={}&algorithm=SHA1&digits=6&period={}", uri_escape(issuer),
                     uri_escape(account), secret_base32, uri_escape(issuer), kTotpStepSeconds);
}

}  // namespace guichet::services
