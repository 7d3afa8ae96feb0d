// Queues a mail in the caller's transaction: the outbox row commits with the change that
// causes it, or not at all.
#pragma once

#include <string>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "mail/message.hpp"

namespace guichet::services {

// `academy`: the académie the mail is about (its dashboard counts it), empty for an account's.
void queue_mail(db::Session& s, const mail::Message& message, const std::string& from, Instant now,
                const std::string& academy = {});

}  // namespace guichet::services
