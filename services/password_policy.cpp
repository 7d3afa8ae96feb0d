#include "services/password_policy.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

namespace guichet::services {
namespace {

constexpr std::size_t kMinLength = 12;
constexpr std::size_t kMaxLength = 128;

std::size_t utf8_length(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The most common passwords long enough to pass the length rule.
constexpr std::array<std::string_view, 16> kCommon = {
    "123456789012", "1234567890123", "12345678901234", "azertyuiopqs", "azertyuiop123", "motdepasse12",
    "motdepasse123", "password1234", "passwordpassword", "qwertyuiop12", "qwertyuiop123", "000000000000",
    "111111111111", "iloveyou1234", "soleil123456", "bonjour12345"};

}  // namespace

std::optional<std::string> password_problem(const std::string& password, const PasswordContext& who) {
  std::size_t length = utf8_length(password);
  if (length < kMinLength)
    return "Le mot de passe doit contenir au moins 12 caractères. Une phrase de passe facile à retenir convient "
           "très bien.";
  if (length > kMaxLength) return "Le mot de passe ne doit pas dépasser 128 caractères.";
  std::string l = lower(password);
  if (std::all_of(l.begin(), l.end(), [&](char c) { return c == l[0]; }))
    return "Le mot de passe ne peut pas être un seul caractère répété.";
  for (auto common : kCommon)
    if (l == common) return "Ce mot de passe est trop courant. Choisissez-en un autre.";
  std::string local = lower(who.email.substr(0, who.email.find('@')));
  if (local.size() >= 4 && l.find(local) != std::string::npos)
    return "Le mot de passe ne doit pas contenir votre adresse mail.";
  for (const std::string& name : {lower(who.first_name), lower(who.last_name)})
    if (name.size() >= 4 && l.find(name) != std::string::npos)
      return "Le mot de passe ne doit pas contenir votre nom ou votre prénom.";
  return std::nullopt;
}

}  // namespace guichet::services
