#include "http/multipart_reader.hpp"

#include <algorithm>
#include <cctype>

namespace guichet::http {
namespace {

constexpr std::size_t kMaxHeaders = 8 * 1024;

Error malformed(std::string why) {
  return {ErrorCode::malformed_multipart, "Le formulaire envoyé (multipart/form-data) est mal formé : " + why};
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The value of parameter `name` in a header like `form-data; name="file"; filename="a.pdf"`.
std::string parameter(std::string_view header, std::string_view name) {
  std::string low = lower(header);
  std::string key = std::string(name) + "=";
  for (std::size_t at = low.find(key); at != std::string::npos; at = low.find(key, at + 1)) {
    // Whole parameter names only ("filename" must not match "name").
    if (at > 0 && low[at - 1] != ' ' && low[at - 1] != ';') continue;
    std::string_view v = header.substr(at + key.size());
    if (!v.empty() && v.front() == '"') {
      v.remove_prefix(1);
      return std::string(v.substr(0, v.find('"')));
    }
    return std::string(v.substr(0, std::min(v.find(';'), v.size())));
  }
  return "";
}

}  // namespace

MultipartFileReader::MultipartFileReader(std::string boundary) : delimiter_("\r\n--" + boundary) {
  // The body starts with the first delimiter without its CRLF: pretend it had one.
  buffer_ = "\r\n";
}

std::string MultipartFileReader::boundary_of(std::string_view content_type) {
  std::string low = lower(content_type);
  if (low.rfind("multipart/form-data", 0) != 0) return "";
  std::string b = parameter(content_type, "boundary");
  if (b.empty() || b.size() > 70) return "";
  return b;
}

Status MultipartFileReader::on_headers(std::string_view headers) {
  std::string disposition;
  std::size_t at = 0;
  while (at < headers.size()) {
    std::size_t end = headers.find("\r\n", at);
    if (end == std::string_view::npos) end = headers.size();
    std::string_view line = headers.substr(at, end - at);
    if (lower(line.substr(0, 20)) == "content-disposition:") disposition = std::string(line.substr(20));
    at = end + 2;
  }
  std::string file = parameter(disposition, "filename");
  in_file_ = !file.empty() || parameter(disposition, "name") == "file";
  if (!in_file_) return Status::Ok();
  if (has_file_) return malformed("un seul fichier par envoi.");
  has_file_ = true;
  file_name_ = file.empty() ? "fichier" : file;
  return Status::Ok();
}

Status MultipartFileReader::feed(std::string_view bytes, const std::function<Status(std::string_view)>& on_file) {
  buffer_.append(bytes);
  std::size_t pos = 0;
  for (;;) {
    std::string_view rest = std::string_view(buffer_).substr(pos);
    switch (state_) {
      case State::preamble:
      case State::body: {
        std::size_t found = rest.find(delimiter_);
        if (found == std::string_view::npos) {
          // Keep what could be the start of a delimiter; the rest is decided.
          std::size_t keep = std::min(rest.size(), delimiter_.size() - 1);
          std::string_view decided = rest.substr(0, rest.size() - keep);
          if (state_ == State::body && in_file_ && !decided.empty())
            if (Status st = on_file(decided); !st.ok()) return st;
          if (state_ == State::preamble && (skipped_ += decided.size()) > 64 * 1024)
            return malformed("délimiteur introuvable.");
          buffer_.erase(0, pos + decided.size());
          return Status::Ok();
        }
        if (state_ == State::body && in_file_ && found > 0)
          if (Status st = on_file(rest.substr(0, found)); !st.ok()) return st;
        pos += found + delimiter_.size();
        state_ = State::after_delimiter;
        break;
      }
      case State::after_delimiter: {
        if (rest.size() < 2) {
          buffer_.erase(0, pos);
          return Status::Ok();
        }
        if (rest.substr(0, 2) == "--") {
          state_ = State::epilogue;
          in_file_ = false;
          pos += 2;
          break;
        }
        // Transport padding (spaces, tabs) may precede the CRLF.
        std::size_t eol = rest.find("\r\n");
        if (eol == std::string_view::npos) {
          if (rest.size() > 256) return malformed("délimiteur invalide.");
          buffer_.erase(0, pos);
          return Status::Ok();
        }
        if (rest.substr(0, eol).find_first_not_of(" \t") != std::string_view::npos)
          return malformed("délimiteur invalide.");
        pos += eol + 2;
        state_ = State::headers;
        break;
      }
      case State::headers: {
        std::size_t end = rest.find("\r\n\r\n");
        if (rest.substr(0, 2) == "\r\n") end = 0;  // a part without headers
        if (end == std::string_view::npos) {
          if (rest.size() > kMaxHeaders) return malformed("en-têtes de partie trop longs.");
          buffer_.erase(0, pos);
          return Status::Ok();
        }
        if (Status st = on_headers(rest.substr(0, end)); !st.ok()) return st;
        pos += end == 0 ? 2 : end + 4;
        state_ = State::body;
        break;
      }
      case State::epilogue:
        buffer_.clear();
        return Status::Ok();
    }
  }
}

}  // namespace guichet::http
