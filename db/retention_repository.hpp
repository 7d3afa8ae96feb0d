// What the retention job deletes (services/retention.hpp says when): a session's pieces and
// published documents, then its registrations with their history, and accounts left with
// nothing, inactive since a cutoff. Each call runs in the caller's transaction; files' bytes
// are forgotten through the FileStore (their disk copies removed after the commit).
#pragma once

#include <string>
#include <vector>

#include "core/clock.hpp"
#include "db/database.hpp"

namespace guichet::db {

class FileStore;

// The registrations of one session of an académie.
std::vector<std::string> session_registration_ids(Session& s, const std::string& academy, const std::string& exam,
                                                  const std::string& session);

// The stored files (pieces and published documents) of these registrations.
std::vector<std::string> registration_file_ids(Session& s, const std::vector<std::string>& registration_ids);

// Deletes the pieces (files, reviews, confirmation) and documents of these registrations and
// forgets their stored files; returns the files' ids (to release() after the commit).
std::vector<std::string> delete_registration_files(Session& s, FileStore& files,
                                                   const std::vector<std::string>& registration_ids);

// Deletes these registrations (after their files), their history and their derogations.
void delete_registrations(Session& s, const std::vector<std::string>& registration_ids);

// Accounts without any registration whose last activity (change, or session opened) is before
// `cutoff`.
std::vector<std::string> inactive_accounts(Session& s, Instant cutoff);

// Deletes these accounts and what hangs on them (tokens, numbers, devices, derogations).
void delete_accounts(Session& s, const std::vector<std::string>& account_ids);

}  // namespace guichet::db
