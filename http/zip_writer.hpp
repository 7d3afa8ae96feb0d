// A ZIP archive built in memory (libzip): a candidate's export is a few files of at most a few
// MiB each. Stored entries for files already compressed (PDF, JPEG, PNG), deflated for text.
#pragma once

#include <deque>
#include <string>

#include "core/result.hpp"

namespace guichet::http {

class ZipWriter {
 public:
  // `name` is the entry's path inside the archive (UTF-8, '/' separated).
  void add(std::string name, std::string bytes, bool compress);
  std::size_t total_bytes() const { return total_; }
  // The archive; an "internal" error when libzip fails.
  Result<std::string> finish();

 private:
  struct Entry {
    std::string name, bytes;
    bool compress = false;
  };
  std::deque<Entry> entries_;  // stable addresses: libzip reads them at finish()
  std::size_t total_ = 0;
};

}  // namespace guichet::http
