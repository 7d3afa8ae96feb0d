// Queues a mail in the caller's transaction: the outbox row commits with the change that
// causes it, or not at all.
#pragma once

#include <string>

#include "core/clock.hpp"
#include "mail/message.hpp"

namespace soci {
class session;
}

namespace guichet::services {

void queue_mail(soci::session& s, const mail::Message& message, const std::string& from, Instant now);

}  // namespace guichet::services
