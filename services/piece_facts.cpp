#include "services/piece_facts.hpp"

#include <algorithm>

#include "db/dashboard_queries.hpp"
#include "mail/templates.hpp"

namespace guichet::services {

const db::PieceReviewRow* PieceFacts::review(const std::string& code) const {
  auto it = reviews.find(code);
  return it == reviews.end() ? nullptr : &it->second;
}

bool PieceFacts::rejected(const std::string& code) const {
  const auto* r = review(code);
  return r && r->verdict == "rejected";
}

int PieceFacts::file_count(const std::string& code) const {
  return static_cast<int>(std::count_if(files.begin(), files.end(), [&](const auto& f) { return f.piece_code == code; }));
}

bool PieceFacts::provided(const std::string& code) const {
  const auto* r = review(code);
  for (const auto& f : files)
    if (f.piece_code == code && (!r || r->verdict != "rejected" || f.uploaded_at > r->reviewed_at)) return true;
  return false;
}

std::vector<const RequiredPiece*> PieceFacts::missing() const {
  std::vector<const RequiredPiece*> out;
  for (const auto& p : pieces)
    if (p.required && !provided(p.code)) out.push_back(&p);
  return out;
}

PieceFacts read_piece_facts(db::Session& s, const db::RegistrationRow& row, std::optional<Seconds> deadline, Instant now,
                            bool lock) {
  PieceFacts f;
  f.pieces = required_pieces(row);
  f.set = lock ? db::lock_piece_set(s, row.id) : db::piece_set(s, row.id);
  f.files = db::piece_files(s, row.id);
  for (auto& r : db::piece_reviews(s, row.id)) f.reviews.emplace(r.piece_code, r);
  f.deadline_passed = deadline && std::chrono::floor<std::chrono::seconds>(now) >= *deadline;
  return f;
}

std::string_view piece_state_code(PiecesProgress state) {
  switch (state) {
    case PiecesProgress::none: return "none";
    case PiecesProgress::incomplete: return "incomplete";
    case PiecesProgress::complete: return "complete";
    case PiecesProgress::confirmed: return "confirmed";
    case PiecesProgress::refused: return "refused";
  }
  return "none";
}

std::optional<PiecesProgress> parse_piece_state(std::string_view code) {
  for (PiecesProgress s : kPiecesProgress)
    if (piece_state_code(s) == code) return s;
  return std::nullopt;
}

PiecesProgress piece_state(const PieceFacts& f) {
  for (const auto& p : f.pieces)
    if (f.rejected(p.code) && !f.provided(p.code)) return PiecesProgress::refused;
  if (f.set.confirmed_at) return PiecesProgress::confirmed;
  if (f.missing().empty()) return PiecesProgress::complete;  // nothing asked, or everything given
  return f.files.empty() ? PiecesProgress::none : PiecesProgress::incomplete;
}

mail::Message pieces_reminder(const db::AccountRow& account, const db::RegistrationRow& row, const Context& c,
                              const std::vector<const RequiredPiece*>& missing) {
  std::vector<std::string> labels;
  for (const auto* m : missing) labels.push_back(m->label);
  return mail::pieces_reminder_mail(account.email, account.first_name, registration_mail_data(row, c), labels);
}

ReviewPending review_pending(const PieceFacts& f) {
  ReviewPending out;
  std::map<std::string, Instant> oldest;  // per piece, its oldest file not judged since it came
  for (const auto& file : f.files) {
    const auto* r = f.review(file.piece_code);
    if (r && r->reviewed_at >= file.uploaded_at) continue;
    auto [it, fresh] = oldest.emplace(file.piece_code, file.uploaded_at);
    if (!fresh && file.uploaded_at < it->second) it->second = file.uploaded_at;
  }
  out.pieces = static_cast<int>(oldest.size());
  for (const auto& [code, at] : oldest)
    if (!out.since || at < *out.since) out.since = at;
  return out;
}

void store_piece_state(db::Session& s, const db::RegistrationRow& row) {
  // The deadline does not change the state: read without it.
  const PieceFacts facts = read_piece_facts(s, row, std::nullopt, Instant{}, false);
  const ReviewPending pending = review_pending(facts);
  db::set_piece_state(s, row.id, std::string(piece_state_code(piece_state(facts))), pending.pieces, pending.since);
}

}  // namespace guichet::services
