// What the retention job deletes (services/retention.hpp says when): a session's pieces and
// published documents, then its registrations with their history, and accounts left with
// nothing, inactive since a cutoff. Whole sets per session, by the (academy, exam, session)
// index: the job looks at every past session each time it runs. Each call runs in the
// caller's transaction; files' bytes are forgotten through the FileStore (their disk copies
// removed after the commit).
#pragma once

#include <string>
#include <vector>

#include "core/clock.hpp"
#include "db/database.hpp"

namespace guichet::db {

class FileStore;

struct SessionKey {
  std::string academy, exam, session;
};

// The stored files (pieces and published documents) of the session's registrations.
std::vector<std::string> session_file_ids(Session& s, const SessionKey& key);

// Deletes the pieces (files, reviews, confirmations) and documents of the session's
// registrations and forgets their stored files; returns the files' ids (to release() after the
// commit).
std::vector<std::string> delete_session_files(Session& s, FileStore& files, const SessionKey& key);

long long count_session_registrations(Session& s, const SessionKey& key);

// Deletes the session's registrations (their files first), their history and the session's
// derogations.
std::vector<std::string> delete_session_registrations(Session& s, FileStore& files, const SessionKey& key);

// Accounts without any registration whose last activity (change, or session opened) is before
// `cutoff`.
std::vector<std::string> inactive_accounts(Session& s, Instant cutoff);

// Deletes these accounts and what hangs on them (tokens, numbers, devices, derogations).
void delete_accounts(Session& s, const std::vector<std::string>& account_ids);

}  // namespace guichet::db
