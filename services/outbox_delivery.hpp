// Delivers the outbox: each due mail is leased (so another server skips it), handed to the
// transport under its row id, then marked delivered. A crash between delivery and the mark
// only means the lease expires and the same id is delivered again, which the transport
// treats as the same mail (the .eml file of that id is rewritten, not duplicated).
#pragma once

#include <chrono>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "mail/transport.hpp"

namespace guichet::services {

class OutboxDelivery {
 public:
  OutboxDelivery(Database& db, const Clock& clock, mail::Transport& transport,
                 std::chrono::seconds lease = std::chrono::seconds(60));
  // One pass over what is due; returns how many were delivered.
  Result<int> deliver_due(int limit = 100);

 private:
  Database& db_;
  const Clock& clock_;
  mail::Transport& transport_;
  std::chrono::seconds lease_;
};

}  // namespace guichet::services
