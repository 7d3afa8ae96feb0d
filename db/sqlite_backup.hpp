// A consistent copy of the live SQLite database while the server writes to it: SQLite's online
// backup API reads one snapshot, page by page, whatever the other connections do. And the
// stored files that copy refers to, so a backup holds every file of every row it holds.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace guichet::db {

// Copies `source` (a database file in use) into `target` (a new file).
Status sqlite_online_backup(const std::filesystem::path& source, const std::filesystem::path& target);

struct StoredFileEntry {
  std::string id, sha256;
  std::uint64_t size = 0;
};

// The stored_files rows of a database file (a backup's copy).
Result<std::vector<StoredFileEntry>> sqlite_stored_files(const std::filesystem::path& database);

}  // namespace guichet::db
