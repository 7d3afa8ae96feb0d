// The transactional outbox: mails queued in the transaction that causes them, delivered later.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"

namespace soci {
class session;
}

namespace guichet::db {

struct OutboxRow {
  std::string id;         // also the delivery key: redelivering the same id is idempotent
  std::string kind;
  std::string recipient;
  std::string message;    // the whole RFC 5322 text, fixed at enqueue time
  Instant created_at{};
  int attempts = 0;
  Instant next_attempt_at{};
  std::optional<Instant> delivered_at;
  std::string last_error;
  std::string academy;    // the académie the mail is about; empty for an account's mail
};

void enqueue_mail(soci::session& s, const OutboxRow& row);
// Mails due at `now`, oldest first.
std::vector<OutboxRow> due_mails(soci::session& s, Instant now, int limit);
// Takes a due mail for `lease` (so another server skips it); false when someone else took it.
bool lease_mail(soci::session& s, const OutboxRow& row, Instant lease_until);
void mark_delivered(soci::session& s, const std::string& id, Instant at);
void mark_failed(soci::session& s, const std::string& id, int attempts, Instant retry_at, const std::string& error);
std::vector<OutboxRow> all_mails(soci::session& s);  // for tests and the back office

}  // namespace guichet::db
