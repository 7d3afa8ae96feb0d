// The portal's built files (web/dist) served at "/", beside the API: hashed assets cached for a
// year, the HTML never cached and sent with a strict Content-Security-Policy whose nonce is
// fresh for each answer, and the client's routes (/connexion, /activation?token=…) answered with
// the application's page so that a link from a mail opens it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "http/json_error.hpp"

namespace guichet::http {

class WebFiles {
 public:
  explicit WebFiles(std::filesystem::path root);

  // Whether a path belongs to the portal rather than to the API or the operations endpoints.
  static bool is_portal_path(std::string_view path);

  // Answers a GET for `path` (without its query; the connection drops the body of a HEAD).
  // `accept_encoding` is the request's header: a file's precompressed copy (name.br, name.gz,
  // written by the build) is sent to a browser that takes it.
  void serve(std::string_view path, std::string_view accept_encoding, Response& res);

  const std::filesystem::path& root() const { return root_; }

 private:
  struct Cached {
    std::shared_ptr<const std::string> bytes;
    std::filesystem::file_time_type modified;
    std::uintmax_t size = 0;
  };
  // The file's bytes, from memory while its size and time are unchanged; false when it is not
  // a regular file under the root or is larger than the cache takes.
  bool read(const std::filesystem::path& file, std::string& out);
  void send_page(Response& res);

  std::filesystem::path root_;
  std::mutex mutex_;
  std::unordered_map<std::string, Cached> cache_;
  std::uintmax_t cached_bytes_ = 0;
};

}  // namespace guichet::http
