#include "core/secret_file.hpp"

#include <fstream>

namespace guichet {

Result<std::string> read_secret_file(const std::filesystem::path& path) {
  constexpr std::uintmax_t kMaxSecret = 4096;
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return Error{ErrorCode::usage, "fichier secret illisible : " + path.string()};
  if (size > kMaxSecret) return Error{ErrorCode::usage, "fichier secret trop grand (plus de 4 Kio) : " + path.string()};
  std::ifstream in(path, std::ios::binary);
  std::string secret;
  std::getline(in, secret);
  while (!secret.empty() && (secret.back() == '\r' || secret.back() == ' ')) secret.pop_back();
  if (secret.empty()) return Error{ErrorCode::usage, "fichier secret vide : " + path.string()};
  return secret;
}

}  // namespace guichet
