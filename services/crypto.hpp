// Secrets for accounts: random tokens and ids, token hashes, Argon2id password hashes
// (libsodium). Tokens are stored only as SHA-256 hashes, so a database leak yields no
// usable session or link.
#pragma once

#include <string>

#include "core/result.hpp"

namespace guichet::services {

// 256 random bits, base64url without padding (43 characters).
std::string random_token();
// 128 random bits, hex (32 characters): opaque row ids.
std::string random_id();
std::string sha256_hex(const std::string& text);
// Constant-time comparison of two equal-length strings.
bool same_secret(const std::string& a, const std::string& b);

// Argon2id cost. "interactive" is libsodium's interactive profile (64 MiB, 2 passes);
// "minimal" exists for tests only.
struct PasswordCost {
  unsigned long long ops;
  std::size_t memory;
  static PasswordCost interactive();
  static PasswordCost moderate();
  static PasswordCost minimal();
};

Result<std::string> hash_password(const std::string& password, PasswordCost cost);
bool verify_password(const std::string& hash, const std::string& password);

}  // namespace guichet::services
