// Pieces of registrations: the files given for each piece, the office's reviews, and each
// registration's piece set (confirmed? reminded?). Files' bytes are in the FileStore.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"

namespace soci {
class session;
}

namespace guichet::db {

struct PieceFileRow {
  std::string id;  // the piece file's id (what a candidate removes)
  std::string registration_id;
  std::string piece_code;
  std::string file_id;  // stored_files
  std::string file_name;
  Instant uploaded_at{};
  // From stored_files.
  long long size = 0;
  std::string sha256, content_type;
};

struct PieceReviewRow {
  std::string piece_code;
  std::string verdict;  // accepted | rejected
  std::string reason;   // French, for the candidate
  Instant reviewed_at{};
  std::string reviewed_by;
};

struct PieceSetRow {
  std::optional<Instant> confirmed_at;
  std::optional<Instant> reminded_at;
};

std::vector<PieceFileRow> piece_files(soci::session& s, const std::string& registration_id);
void insert_piece_file(soci::session& s, const PieceFileRow& row);
void delete_piece_file(soci::session& s, const std::string& id);

std::vector<PieceReviewRow> piece_reviews(soci::session& s, const std::string& registration_id);
void save_review(soci::session& s, const std::string& registration_id, const PieceReviewRow& row);
void delete_review(soci::session& s, const std::string& registration_id, const std::string& piece_code);

PieceSetRow piece_set(soci::session& s, const std::string& registration_id);
// Creates the set row if needed and locks it (PostgreSQL row lock; SQLite's writer lock is
// already held): uploads, removals and the confirmation of one registration then queue.
PieceSetRow lock_piece_set(soci::session& s, const std::string& registration_id);
void set_confirmed(soci::session& s, const std::string& registration_id, std::optional<Instant> at);
// Marks the set reminded at `at`; false when it already was (another server got there first).
bool mark_reminded(soci::session& s, const std::string& registration_id, Instant at);

// Registrations of a session (status registered) not yet reminded nor confirmed.
std::vector<std::string> unreminded_registrations(soci::session& s, const std::string& academy,
                                                  const std::string& exam, const std::string& session);

}  // namespace guichet::db
