#include "services/outbox_delivery.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "db/outbox_repository.hpp"

namespace guichet::services {

OutboxDelivery::OutboxDelivery(Database& db, const Clock& clock, mail::Transport& transport,
                               std::chrono::seconds lease)
    : db_(db), clock_(clock), transport_(transport), lease_(lease) {}

Result<int> OutboxDelivery::deliver_due(int limit) {
  Instant now = clock_.now();
  std::vector<db::OutboxRow> due;
  Status st = db_.with_session([&](db::Session& s) {
    due = db::due_mails(s, now, limit);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  int delivered = 0;
  for (const auto& mail : due) {
    bool leased = false;
    st = db_.transaction([&](db::Session& s) {
      leased = db::lease_mail(s, mail, now + lease_);
      return Status::Ok();
    });
    if (!st.ok()) return st.error();
    if (!leased) continue;  // another server has it
    Status sent = transport_.deliver_to(mail.id, mail.recipient, mail.message);
    st = db_.transaction([&](db::Session& s) {
      if (sent.ok()) {
        db::mark_delivered(s, mail.id, clock_.now());
      } else {
        int attempts = mail.attempts + 1;
        // 30 s, 1 min, 2 min ... at most one hour between attempts.
        auto wait = std::min<std::chrono::seconds>(std::chrono::seconds(30) * (1 << std::min(attempts - 1, 10)),
                                                   std::chrono::hours(1));
        db::mark_failed(s, mail.id, attempts, clock_.now() + wait, sent.error().message);
      }
      return Status::Ok();
    });
    if (!st.ok()) return st.error();
    if (sent.ok()) ++delivered;
    else spdlog::warn("mail {} non remis (nouvel essai plus tard) : {}", mail.id, sent.error().message);
  }
  return delivered;
}

}  // namespace guichet::services
