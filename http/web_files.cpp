#include "http/web_files.hpp"

#include <boost/beast/http.hpp>

#include <fstream>
#include <iterator>
#include <memory>

#include "services/crypto.hpp"

namespace guichet::http {
namespace bhttp = boost::beast::http;
namespace fs = std::filesystem;

namespace {

constexpr std::uintmax_t kMaxFile = 8u << 20;    // no portal file is near this
constexpr std::uintmax_t kMaxCache = 64u << 20;  // the whole built portal is a few MiB

std::string_view content_type_of(std::string_view name) {
  auto dot = name.rfind('.');
  std::string_view ext = dot == std::string_view::npos ? "" : name.substr(dot + 1);
  if (ext == "html") return "text/html; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
  if (ext == "ico") return "image/x-icon";
  if (ext == "woff2") return "font/woff2";
  if (ext == "woff") return "font/woff";
  if (ext == "json" || ext == "webmanifest") return "application/json";
  if (ext == "txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

// Percent-decodes a path; false on a malformed escape or a NUL.
bool decode_path(std::string_view in, std::string& out) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  out.clear();
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      int h = hex(in[i + 1]), l = hex(in[i + 2]);
      if (h < 0 || l < 0) return false;
      c = static_cast<char>(h * 16 + l);
      i += 2;
    }
    if (c == '\0') return false;
    out += c;
  }
  return true;
}

// The file a path names under the root, or empty when the path could leave it or names a
// hidden file: no "..", no segment starting with a dot, no backslash.
fs::path file_for(const fs::path& root, std::string_view decoded) {
  fs::path out = root;
  std::size_t start = 0;
  while (start <= decoded.size()) {
    auto slash = decoded.find('/', start);
    std::string_view seg = decoded.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (!seg.empty()) {
      if (seg.front() == '.' || seg.find('\\') != std::string_view::npos) return {};
      out /= std::string(seg);
    }
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return out;
}

// Whether Accept-Encoding lists `coding` without refusing it (q=0).
bool accepts(std::string_view header, std::string_view coding) {
  while (!header.empty()) {
    auto comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    std::string_view name = item.substr(0, item.find(';'));
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (name == coding) {
      auto q = item.find("q=");
      return q == std::string_view::npos || item.substr(q + 2).find_first_not_of("0.") != std::string_view::npos;
    }
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return false;
}

void common_headers(Response& res) {
  res.set("X-Content-Type-Options", "nosniff");
  // Mail links carry tokens in their query: never hand the address to another site.
  res.set("Referrer-Policy", "no-referrer");
  res.set("X-Frame-Options", "DENY");
  res.set("Cross-Origin-Opener-Policy", "same-origin");
  res.set("Cross-Origin-Resource-Policy", "same-origin");
}

}  // namespace

WebFiles::WebFiles(fs::path root) : root_(std::move(root)) {}

bool WebFiles::is_portal_path(std::string_view path) {
  auto starts = [&](std::string_view p) {
    return path.substr(0, p.size()) == p && (path.size() == p.size() || path[p.size()] == '/');
  };
  return !(starts("/api") || starts("/healthz") || starts("/readyz") || starts("/metrics"));
}

bool WebFiles::read(const fs::path& file, std::string& out) {
  std::error_code ec;
  auto status = fs::status(file, ec);
  if (ec || !fs::is_regular_file(status)) return false;
  auto size = fs::file_size(file, ec);
  if (ec || size > kMaxFile) return false;
  auto modified = fs::last_write_time(file, ec);
  if (ec) return false;
  const std::string key = file.string();
  // Every worker shares the cache: only the pointer is taken under the lock, the bytes are
  // copied into the answer outside it.
  std::shared_ptr<const std::string> cached;
  {
    std::lock_guard lock(mutex_);
    auto it = cache_.find(key);
    if (it != cache_.end() && it->second.size == size && it->second.modified == modified) cached = it->second.bytes;
  }
  if (cached) {
    out = *cached;
    return true;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return false;
  auto bytes = std::make_shared<const std::string>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) return false;
  out = *bytes;
  std::lock_guard lock(mutex_);
  auto it = cache_.find(key);
  if (it != cache_.end()) {
    cached_bytes_ -= it->second.bytes->size();
    cache_.erase(it);
  }
  if (cached_bytes_ + bytes->size() <= kMaxCache) {
    cached_bytes_ += bytes->size();
    cache_.emplace(key, Cached{std::move(bytes), modified, size});
  }
  return true;
}

void WebFiles::send_page(Response& res) {
  std::string page;
  if (!read(root_ / "index.html", page)) {
    write_json_error(res, ErrorCode::not_found, "Le portail n'est pas installé sur ce serveur.");
    return;
  }
  // A fresh 256-bit token per answer (base64url, which CSP nonces accept).
  const std::string nonce = services::random_token();
  static constexpr std::string_view kPlaceholder = "__CSP_NONCE__";
  for (auto at = page.find(kPlaceholder); at != std::string::npos; at = page.find(kPlaceholder, at + nonce.size()))
    page.replace(at, kPlaceholder.size(), nonce);
  res.result(bhttp::status::ok);
  res.set(bhttp::field::content_type, "text/html; charset=utf-8");
  res.set(bhttp::field::cache_control, "no-cache");
  // No inline script at all; the one inline <style> react-dsfr writes carries the nonce.
  res.set("Content-Security-Policy",
          "default-src 'self'; script-src 'self'; style-src 'self' 'nonce-" + nonce +
              "'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
              "base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
  common_headers(res);
  res.body() = std::move(page);
}

void WebFiles::serve(std::string_view path, std::string_view accept_encoding, Response& res) {
  std::string decoded;
  if (!decode_path(path, decoded)) {
    write_json_error(res, ErrorCode::bad_request);
    return;
  }
  if (decoded.empty() || decoded == "/" || decoded == "/index.html") return send_page(res);
  const fs::path file = file_for(root_, decoded);
  std::string bytes;
  if (!file.empty() && read(file, bytes)) {
    res.result(bhttp::status::ok);
    res.set(bhttp::field::content_type, content_type_of(decoded));
    const bool compressible = bytes.size() > 1024;
    if (compressible) res.set(bhttp::field::vary, "Accept-Encoding");
    std::string packed;
    for (std::string_view coding : {"br", "gzip"}) {
      if (!compressible || !accepts(accept_encoding, coding)) continue;
      fs::path copy = file;
      copy += coding == "br" ? ".br" : ".gz";
      if (read(copy, packed)) {
        res.set(bhttp::field::content_encoding, coding);
        bytes = std::move(packed);
        break;
      }
    }
    // Vite names every built asset by its content's hash: it never changes under its name.
    const bool hashed = decoded.rfind("/assets/", 0) == 0;
    res.set(bhttp::field::cache_control, hashed ? "public, max-age=31536000, immutable" : "no-cache");
    common_headers(res);
    res.body() = std::move(bytes);
    return;
  }
  // A client route (no extension in its last segment) is the application's page; a missing
  // asset is a 404, so that a stale page does not run HTML as a script.
  auto last = decoded.substr(decoded.rfind('/') + 1);
  if (decoded.rfind("/assets/", 0) != 0 && last.find('.') == std::string::npos) return send_page(res);
  write_json_error(res, ErrorCode::not_found, "Ce fichier n'existe pas.");
}

}  // namespace guichet::http
