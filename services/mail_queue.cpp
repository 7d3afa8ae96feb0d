#include "services/mail_queue.hpp"

#include "db/outbox_repository.hpp"
#include "services/crypto.hpp"

namespace guichet::services {

void queue_mail(db::Session& s, const mail::Message& message, const std::string& from, Instant now,
                const std::string& academy) {
  db::OutboxRow row;
  row.id = random_id();
  row.kind = message.kind;
  row.recipient = message.to;
  std::string domain = from.substr(from.rfind('@') + 1);
  if (!domain.empty() && domain.back() == '>') domain.pop_back();
  // Message-ID and Date are fixed now, so a redelivery is byte for byte the same mail.
  row.message = mail::to_rfc5322(message, from, row.id + "@" + domain, now);
  row.created_at = now;
  row.next_attempt_at = now;
  row.academy = academy;
  db::enqueue_mail(s, row);
}

}  // namespace guichet::services
