// Where rendered mails go. The default transport drops RFC 5322 files into an outbox folder.
#pragma once

#include <string>

#include "core/result.hpp"

namespace guichet::mail {

class Transport {
 public:
  virtual ~Transport() = default;
  // Delivers `rfc5322` under a stable `key` (the outbox row id). Must be idempotent per key:
  // delivering the same key twice must not produce two mails.
  virtual Status deliver(const std::string& key, const std::string& rfc5322) = 0;
  // The same, knowing the envelope recipient (what an SMTP transport needs); by default the
  // recipient is in the message's own headers only.
  virtual Status deliver_to(const std::string& key, const std::string& recipient, const std::string& rfc5322) {
    (void)recipient;
    return deliver(key, rfc5322);
  }
};

// Writes <dir>/<key>.eml: a hidden temp file in the same folder, fsync, rename over the final
// name, fsync of the folder. A crash never leaves half a `.eml`; a redelivery of the same key
// replaces the same file. The folder is created when missing.
// Errors: "mail_key" for a key outside [A-Za-z0-9_-]{1,64}; "mail_io" for a file-system failure.
class EmlFileTransport : public Transport {
 public:
  explicit EmlFileTransport(std::string dir);
  Status deliver(const std::string& key, const std::string& rfc5322) override;

  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
};

// True for a key of 1 to 64 characters out of [A-Za-z0-9_-].
bool valid_mail_key(const std::string& key);

}  // namespace guichet::mail
