// Everything known about one registration's pieces, read in one place, and the one word the
// dashboard counts it by (none sent, incomplete, complete, confirmed, one refused).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/domain.hpp"
#include "db/accounts_repository.hpp"
#include "db/database.hpp"
#include "db/pieces_repository.hpp"
#include "db/registrations_repository.hpp"
#include "mail/message.hpp"
#include "services/registration_context.hpp"

namespace guichet::services {

struct PieceFacts {
  std::vector<RequiredPiece> pieces;
  std::vector<db::PieceFileRow> files;
  std::map<std::string, db::PieceReviewRow> reviews;
  db::PieceSetRow set;
  bool deadline_passed = false;

  bool frozen() const { return set.confirmed_at.has_value() || deadline_passed; }
  const db::PieceReviewRow* review(const std::string& code) const;
  bool rejected(const std::string& code) const;
  // A rejected piece reopens alone, whatever the freeze.
  bool editable(const std::string& code) const { return !frozen() || rejected(code); }
  int file_count(const std::string& code) const;
  // A rejected piece counts as given again only with a file newer than the rejection.
  bool provided(const std::string& code) const;
  std::vector<const RequiredPiece*> missing() const;
};

// `deadline`: the session's pieces deadline, if any (frozen once passed).
PieceFacts read_piece_facts(db::Session& s, const db::RegistrationRow& row, std::optional<Seconds> deadline, Instant now,
                            bool lock);

// In the order a manager acts on them: a refused piece first, whatever else holds.
enum class PiecesProgress { none, incomplete, complete, confirmed, refused };
inline constexpr PiecesProgress kPiecesProgress[] = {PiecesProgress::none, PiecesProgress::incomplete, PiecesProgress::complete,
                                              PiecesProgress::confirmed, PiecesProgress::refused};
std::string_view piece_state_code(PiecesProgress state);
std::optional<PiecesProgress> parse_piece_state(std::string_view code);
PiecesProgress piece_state(const PieceFacts& facts);

// The reminder mail of the pieces still `missing` (PieceFacts::missing): the one the automatic
// reminder, a manager's reminder and its preview all send or show.
mail::Message pieces_reminder(const db::AccountRow& account, const db::RegistrationRow& row, const Context& c,
                              const std::vector<const RequiredPiece*>& missing);

// Pieces with a file the office has not judged since it arrived, and the oldest such file.
struct ReviewPending {
  int pieces = 0;
  std::optional<Instant> since;
};
ReviewPending review_pending(const PieceFacts& facts);

// Recomputes the registration's piece state and review figures and stores them, in the caller's
// transaction: every change to pieces, reviews, confirmation or the required list calls it.
void store_piece_state(db::Session& s, const db::RegistrationRow& row);

}  // namespace guichet::services
