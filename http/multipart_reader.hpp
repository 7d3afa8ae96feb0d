// Reads a multipart/form-data body (RFC 7578) as it streams in and hands over the bytes of
// its one file part, never holding more than a delimiter's length of it. Browsers send pieces
// this way; other parts (text fields) are skipped.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace guichet::http {

class MultipartFileReader {
 public:
  // `boundary` from the Content-Type; see boundary_of().
  explicit MultipartFileReader(std::string boundary);

  // Feeds the next bytes of the body; the file part's content goes to `on_file`, in order.
  // Errors: "malformed_multipart" (400), or whatever `on_file` returned.
  Status feed(std::string_view bytes, const std::function<Status(std::string_view)>& on_file);
  // The closing delimiter was seen and a file part was found.
  bool complete() const { return state_ == State::epilogue && has_file_; }
  bool has_file() const { return has_file_; }
  const std::string& file_name() const { return file_name_; }

  // The boundary parameter of a multipart/form-data Content-Type, or "" when it is not one.
  static std::string boundary_of(std::string_view content_type);

 private:
  enum class State { preamble, headers, body, after_delimiter, epilogue };
  Status on_headers(std::string_view headers);

  std::string delimiter_;  // "\r\n--" + boundary
  std::string buffer_;     // bytes not yet decided (at most a delimiter's length, or headers)
  State state_ = State::preamble;
  bool in_file_ = false, has_file_ = false;
  std::size_t skipped_ = 0;  // preamble bytes: a body without a delimiter is refused early
  std::string file_name_;
};

}  // namespace guichet::http
