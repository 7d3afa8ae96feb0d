// Documents the office publishes to a registration (convocation, relevé de notes, ...): every
// version is kept; candidates see the latest of each type.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"

namespace soci {
class session;
}

namespace guichet::db {

struct DocumentRow {
  std::string registration_id;
  std::string type;  // e.g. "convocation"
  int version = 1;
  std::string file_id;
  std::string file_name;
  Instant published_at{};
  std::string published_by;
  long long size = 0;  // from stored_files
  std::string content_type;
};

// Inserts the next version of (registration, type); returns that version.
int insert_document(soci::session& s, DocumentRow row);
// The latest version of each type, by type.
std::vector<DocumentRow> latest_documents(soci::session& s, const std::string& registration_id);
// Every version (the office's view), by type then version.
std::vector<DocumentRow> all_documents(soci::session& s, const std::string& registration_id);

}  // namespace guichet::db
