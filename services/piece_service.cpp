#include "services/piece_service.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/time_format.hpp"
#include "db/accounts_repository.hpp"
#include "db/pieces_repository.hpp"
#include "db/registrations_repository.hpp"
#include "mail/templates.hpp"
#include "services/crypto.hpp"
#include "services/event_log.hpp"
#include "services/mail_queue.hpp"
#include "services/piece_facts.hpp"
#include "services/registration_context.hpp"
#include "services/upload_checks.hpp"

namespace guichet::services {

namespace {

const RequiredPiece* find_entry(const std::vector<RequiredPiece>& list, const std::string& code) {
  for (const auto& e : list)
    if (e.code == code) return &e;
  return nullptr;
}

std::string mime_of(const std::string& type) {
  if (type == "pdf") return "application/pdf";
  if (type == "jpeg") return "image/jpeg";
  return "image/png";
}

std::string types_text(const UploadLimits& l) {
  std::string out;
  for (size_t i = 0; i < l.types.size(); ++i) {
    if (i) out += i + 1 == l.types.size() ? " ou " : ", ";
    out += l.types[i] == "jpeg" ? "JPEG" : l.types[i] == "png" ? "PNG" : "PDF";
  }
  return out;
}

std::string mib_text(std::uint64_t bytes) { return std::to_string(bytes / (1024 * 1024)) + " Mio"; }

// Upload asked of a postal session: where and by when the file goes, in the tense of `now`.
Error postal_session(const Context& c, Instant now) {
  const auto& fr = c.session->final_registration;
  const auto& address = c.academy->postal_address_for(*c.session);
  std::string to;
  for (const auto& line : address) to += (to.empty() ? "" : ", ") + line;
  const bool past = fr.deadline && std::chrono::floor<std::chrono::seconds>(now) >= *fr.deadline;
  std::string text = "Pour cette session, les pièces justificatives ne se déposent pas en ligne : ";
  if (past)
    return {ErrorCode::postal_session, text + "elles devaient être envoyées par courrier " +
                                  format_deadline(*fr.deadline, c.academy->zone) + " ; ce délai a expiré le " +
                                  format_french_exact(*fr.deadline, c.academy->zone) + "."};
  text += "elles sont envoyées par courrier";
  if (!to.empty()) text += " (" + to + ")";
  // The instructions say the deadline in the same words ({date_limite}); say it once.
  if (!fr.instructions.empty()) return {ErrorCode::postal_session, text + ". " + fr.instructions};
  if (fr.deadline) text += " " + format_deadline(*fr.deadline, c.academy->zone);
  return {ErrorCode::postal_session, text + "."};
}

Error unknown_piece() { return {ErrorCode::unknown_piece, "Cette pièce n'est pas demandée pour cette inscription."}; }

Error frozen_error(const Context& c, bool confirmed) {
  if (confirmed)
    return {ErrorCode::pieces_frozen, "Vous avez déjà confirmé avoir fourni toutes vos pièces : elles ne peuvent plus être "
                             "modifiées, sauf si le service gestionnaire en refuse une."};
  return {ErrorCode::pieces_frozen,
          "Le dépôt des pièces a fermé le " +
              format_french_exact(*c.session->final_registration.deadline, c.academy->zone) +
              " : les pièces ne peuvent plus être modifiées."};
}

PieceFacts read_facts(db::Session& s, const db::RegistrationRow& row, const Context& c, Instant now, bool lock) {
  return read_piece_facts(s, row, c.session->final_registration.deadline, now, lock);
}

PieceFile file_of(const db::PieceFileRow& f) {
  return {f.id, f.file_name, f.content_type, f.sha256, f.size, f.uploaded_at};
}

PieceList view(const db::RegistrationRow& row, const Context& c, const PieceFacts& f) {
  const auto& fr = c.session->final_registration;
  PieceList out;
  out.registration_id = row.id;
  out.zone = c.academy->zone;
  auto files_of = [&](const std::string& code) {
    std::vector<PieceFile> list;
    for (const auto& x : f.files)
      if (x.piece_code == code) list.push_back(file_of(x));
    return list;
  };
  std::set<std::string> listed;
  for (const auto& p : f.pieces) {
    listed.insert(p.code);
    PieceState o;
    o.code = p.code;
    o.label = p.label;
    o.explanation = p.explanation;
    o.required = p.required;
    o.editable = f.editable(p.code);
    const auto* r = f.review(p.code);
    if (r && r->verdict == "accepted") o.state = "accepted";
    else if (r) {
      o.state = "rejected";
      o.reason = r->reason;
      o.replaced = f.provided(p.code);
    } else o.state = f.file_count(p.code) > 0 ? "received" : "missing";
    o.files = files_of(p.code);
    out.pieces.push_back(std::move(o));
  }
  // Files of pieces no longer required (a modification changed the list): kept, shown apart.
  for (const auto& x : f.files) {
    if (listed.count(x.piece_code)) continue;
    listed.insert(x.piece_code);
    const PieceDef* def = c.exam->find_piece(x.piece_code);
    PieceState o;
    o.code = x.piece_code;
    o.label = def ? def->label : x.piece_code;
    o.required = false;
    o.needed = false;
    o.state = "unneeded";
    o.editable = !f.frozen();
    o.files = files_of(x.piece_code);
    out.pieces.push_back(std::move(o));
  }
  for (const auto& t : fr.uploads.types) out.accepted_types.push_back(mime_of(t));
  for (const auto* m : f.missing()) out.missing.push_back(m->code);
  out.deadline = fr.deadline;
  out.deadline_passed = f.deadline_passed;
  out.confirmed_at = f.set.confirmed_at;
  out.frozen = f.frozen();
  out.max_file_bytes = fr.uploads.max_file_bytes;
  out.max_files_per_piece = fr.uploads.max_files_per_piece;
  return out;
}

}  // namespace

PieceService::PieceService(Database& db, db::FileStore& files, const Clock& clock, EventBus& events, Rules& rules,
                           CandidateConfig config)
    : db_(db), files_(files), clock_(clock), events_(events), rules_(rules), config_(std::move(config)) {}

Result<PieceList> PieceService::list(const std::string& account_id, const std::string& registration_id,
                                     Reader reader) {
  auto owned = load_owned(db_, rules_, account_id, registration_id);
  if (!owned.ok()) return owned.error();
  if (reader == Reader::candidate && owned->ctx.session->final_registration.mode == FinalMode::postal)
    return postal_session(owned->ctx, clock_.now());
  PieceFacts facts;
  Status st = db_.with_session([&](db::Session& s) {
    facts = read_facts(s, owned->row, owned->ctx, clock_.now(), false);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return view(owned->row, owned->ctx, facts);
}

Result<std::unique_ptr<PieceUpload>> PieceService::begin_upload(const std::string& account_id,
                                                                const std::string& registration_id,
                                                                const std::string& piece_code,
                                                                const std::string& file_name,
                                                                std::optional<std::uint64_t> declared_size) {
  auto owned = load_owned(db_, rules_, account_id, registration_id);
  if (!owned.ok()) return owned.error();
  const Context& c = owned->ctx;
  if (c.session->final_registration.mode == FinalMode::postal) return postal_session(c, clock_.now());
  const auto& limits = c.session->final_registration.uploads;
  PieceFacts facts;
  Status st = db_.with_session([&](db::Session& s) {
    facts = read_facts(s, owned->row, c, clock_.now(), false);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  if (!find_entry(facts.pieces, piece_code)) return unknown_piece();
  if (!facts.editable(piece_code)) return frozen_error(c, facts.set.confirmed_at.has_value());
  if (facts.file_count(piece_code) >= limits.max_files_per_piece)
    return Error{ErrorCode::too_many_files, fmt::format("Cette pièce a déjà {} fichier(s), le maximum : retirez-en un avant "
                                               "d'en déposer un autre.",
                                               limits.max_files_per_piece)};
  if (declared_size && *declared_size > limits.max_file_bytes)
    return Error{ErrorCode::file_too_large, "Le fichier dépasse la taille maximale autorisée (" +
                                       mib_text(limits.max_file_bytes) + ")."};
  auto file = files_.begin(random_id());
  if (!file.ok()) return file.error();
  std::unique_ptr<PieceUpload> up(new PieceUpload(*this, std::move(*file), limits));
  up->account_id_ = account_id;
  up->registration_id_ = registration_id;
  up->piece_code_ = piece_code;
  up->given_name_ = file_name;
  return up;
}

PieceUpload::PieceUpload(PieceService& service, std::unique_ptr<db::FileUpload> file, UploadLimits limits)
    : service_(service), file_(std::move(file)), limits_(std::move(limits)) {}

Status PieceUpload::append(std::string_view bytes) {
  if (file_->size() + bytes.size() > limits_.max_file_bytes) {
    file_->abort();
    return Error{ErrorCode::file_too_large,
                 "Le fichier dépasse la taille maximale autorisée (" + mib_text(limits_.max_file_bytes) + ")."};
  }
  if (Status st = file_->append(bytes); !st.ok()) return st;
  if (type_.empty() && file_->head().size() >= 8) {
    type_ = sniff_piece_type(file_->head());
    bool accepted = false;
    for (const auto& t : limits_.types) accepted = accepted || mime_of(t) == type_;
    if (!accepted) {
      file_->abort();
      return Error{ErrorCode::unsupported_file_type, "Ce fichier n'est pas accepté : seuls les fichiers " +
                                                types_text(limits_) + " sont acceptés (reconnus à leur contenu)."};
    }
  }
  return Status::Ok();
}

Result<PieceList> PieceUpload::finish() {
  if (type_.empty()) {
    file_->abort();
    return Error{ErrorCode::unsupported_file_type, "Ce fichier est vide ou illisible : seuls les fichiers " +
                                              types_text(limits_) + " sont acceptés."};
  }
  return service_.store(*this);
}

void PieceUpload::abort() { file_->abort(); }

Result<PieceList> PieceService::store(PieceUpload& up) {
  const Instant now = clock_.now();
  auto ctx_row = owned_row(db_, up.account_id_, up.registration_id_);
  if (!ctx_row.ok()) return ctx_row.error();
  auto c = context_for(rules_, ctx_row->academy, ctx_row->exam, ctx_row->session);
  if (!c.ok()) return c.error();
  db::PieceFileRow row;
  row.id = random_id();
  row.registration_id = up.registration_id_;
  row.piece_code = up.piece_code_;
  row.file_name = safe_file_name(up.given_name_, up.type_);
  row.uploaded_at = now;
  PieceFacts facts;
  db::RegistrationRow current;
  Event uploaded;
  auto stored = up.file_->commit(up.type_, [&](db::Session& s, const db::StoredFile& file) -> Status {
    // Checked again under the lock: the set may have been confirmed, or the registration
    // modified, while the bytes were arriving.
    auto reg = db::find_registration(s, up.registration_id_);
    if (!reg) return registration_not_found();
    facts = read_facts(s, *reg, *c, now, true);
    if (!find_entry(facts.pieces, up.piece_code_)) return unknown_piece();
    if (!facts.editable(up.piece_code_)) return frozen_error(*c, facts.set.confirmed_at.has_value());
    if (facts.file_count(up.piece_code_) >= up.limits_.max_files_per_piece)
      return Error{ErrorCode::too_many_files, "Cette pièce a déjà le nombre maximal de fichiers."};
    row.file_id = file.id;
    db::insert_piece_file(s, row);
    store_piece_state(s, *reg);
    current = *reg;
    uploaded = make_event("pieces.uploaded", "registration:" + reg->id,
                          {{"registration_id", reg->id},
                           {"academy", reg->academy},
                           {"piece", row.piece_code},
                           {"file_id", row.id},
                           {"content_type", file.content_type},
                           {"sha256", file.sha256},
                           {"size", static_cast<long long>(file.size)}},
                          now);
    record_event(s, uploaded);
    return Status::Ok();
  });
  if (!stored.ok()) return stored.error();
  row.size = static_cast<long long>(stored->size);
  row.sha256 = stored->sha256;
  row.content_type = stored->content_type;
  facts.files.push_back(row);
  events_.publish(uploaded);
  PieceList out = view(current, *c, facts);
  out.file = file_of(row);
  return out;
}

Status PieceService::remove_file(const std::string& account_id, const std::string& registration_id,
                                 const std::string& piece_code, const std::string& file_id) {
  auto owned = load_owned(db_, rules_, account_id, registration_id);
  if (!owned.ok()) return owned.error();
  const Context& c = owned->ctx;
  if (c.session->final_registration.mode == FinalMode::postal) return postal_session(c, clock_.now());
  std::string stored_id;
  Event removed;
  Status st = db_.transaction([&](db::Session& s) -> Status {
    auto facts = read_facts(s, owned->row, c, clock_.now(), true);
    const db::PieceFileRow* target = nullptr;
    for (const auto& f : facts.files)
      if (f.id == file_id && f.piece_code == piece_code) target = &f;
    if (!target) return Error{ErrorCode::not_found, "Ce fichier n'existe pas."};
    if (!facts.editable(piece_code)) return frozen_error(c, facts.set.confirmed_at.has_value());
    db::delete_piece_file(s, target->id);
    files_.forget(s, target->file_id);
    store_piece_state(s, owned->row);
    stored_id = target->file_id;
    removed = make_event("pieces.file_removed", "registration:" + registration_id,
                         {{"registration_id", registration_id},
                          {"academy", owned->row.academy},
                          {"piece", piece_code},
                          {"file_id", file_id}},
                         clock_.now());
    record_event(s, removed);
    return Status::Ok();
  });
  if (!st.ok()) return st;
  files_.release(stored_id);
  events_.publish(removed);
  return Status::Ok();
}

Result<PieceList> PieceService::confirm(const std::string& account_id, const std::string& registration_id) {
  auto owned = load_owned(db_, rules_, account_id, registration_id);
  if (!owned.ok()) return owned.error();
  const Context& c = owned->ctx;
  if (c.session->final_registration.mode == FinalMode::postal) return postal_session(c, clock_.now());
  const Instant now = clock_.now();
  PieceFacts facts;
  db::RegistrationRow current;
  Event confirmed;
  Status st = db_.transaction([&](db::Session& s) -> Status {
    auto reg = db::find_registration(s, registration_id);
    if (!reg) return registration_not_found();
    current = *reg;
    facts = read_facts(s, *reg, c, now, true);
    bool reopened = false;
    for (const auto& [code, r] : facts.reviews) reopened = reopened || r.verdict == "rejected";
    if (facts.frozen() && !reopened) return frozen_error(c, facts.set.confirmed_at.has_value());
    auto missing = facts.missing();
    if (!missing.empty()) {
      Error e{ErrorCode::pieces_missing, "Il manque encore des pièces : déposez-les avant de confirmer."};
      for (const auto* m : missing)
        e.fields[m->code] = (facts.rejected(m->code) ? "Pièce refusée, à remplacer : " : "Pièce manquante : ") + m->label;
      return e;
    }
    // Rejected pieces given again go back to the office as received.
    for (auto it = facts.reviews.begin(); it != facts.reviews.end();) {
      if (it->second.verdict == "rejected") {
        db::delete_review(s, registration_id, it->first);
        it = facts.reviews.erase(it);
      } else {
        ++it;
      }
    }
    db::set_confirmed(s, registration_id, now);
    facts.set.confirmed_at = now;
    store_piece_state(s, *reg);
    confirmed = make_event("pieces.confirmed", "registration:" + registration_id,
                           {{"registration_id", registration_id}, {"academy", reg->academy}}, now);
    record_event(s, confirmed);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  events_.publish(confirmed);
  return view(current, c, facts);
}

Status PieceService::review(const std::string& registration_id, const std::string& piece_code, bool accepted,
                            const std::string& reason, const std::string& reviewer, const AlsoInTransaction& also) {
  const Instant now = clock_.now();
  if (!accepted && reason.empty())
    return Error{ErrorCode::validation_failed, "Le motif du refus est obligatoire.", {{"reason", "Indiquez le motif du refus."}}};
  Event reviewed;
  Status st = db_.transaction([&](db::Session& s) -> Status {
    auto reg = db::find_registration(s, registration_id);
    if (!reg) return registration_not_found();
    auto c = context_for(rules_, reg->academy, reg->exam, reg->session);
    if (!c.ok()) return c.error();
    auto facts = read_facts(s, *reg, *c, now, true);
    const RequiredPiece* entry = find_entry(facts.pieces, piece_code);
    if (!entry) return unknown_piece();
    db::save_review(s, registration_id, {piece_code, accepted ? "accepted" : "rejected", reason, now, reviewer});
    store_piece_state(s, *reg);
    if (!accepted) {
      auto account = db::find_account_by_id(s, reg->account_id);
      if (account)
        queue_mail(s,
                   mail::piece_rejected_mail(account->email, account->first_name, registration_mail_data(*reg, *c),
                                             entry->label, reason),
                   config_.mail_from, now, reg->academy);
    }
    if (also) also(s);
    reviewed = make_event("pieces.reviewed", "registration:" + registration_id,
                          {{"registration_id", registration_id},
                           {"academy", reg->academy},
                           {"piece", piece_code},
                           {"verdict", accepted ? "accepted" : "rejected"}},
                          now);
    record_event(s, reviewed);
    return Status::Ok();
  });
  if (!st.ok()) return st;
  events_.publish(reviewed);
  return Status::Ok();
}

Result<int> PieceService::send_reminders() {
  const Instant now = clock_.now();
  const Seconds now_s = std::chrono::floor<std::chrono::seconds>(now);
  auto rules = rules_.current();
  if (!rules) return 0;
  int sent = 0;
  for (const auto& [academy_code, academy] : rules->catalog().academies) {
    for (const auto& session : academy.sessions) {
      const auto& fr = session.final_registration;
      if (fr.mode != FinalMode::upload || !fr.deadline || session.reminder_days <= 0) continue;
      if (now_s < *fr.deadline - std::chrono::days(session.reminder_days) || now_s >= *fr.deadline) continue;
      auto c = context_for(rules_, academy.code, session.exam, session.session);
      if (!c.ok()) continue;
      std::vector<std::string> ids;
      Status st = db_.with_session([&](db::Session& s) {
        ids = db::unreminded_registrations(s, academy.code, session.exam, session.session);
        return Status::Ok();
      });
      if (!st.ok()) return st.error();
      for (const auto& id : ids) {
        bool reminded = false;
        st = db_.transaction([&](db::Session& s) -> Status {
          reminded = false;
          auto reg = db::find_registration(s, id);
          if (!reg || reg->status != "registered") return Status::Ok();
          auto facts = read_facts(s, *reg, *c, now, false);
          auto missing = facts.missing();
          if (missing.empty() || facts.set.confirmed_at) return Status::Ok();
          // The conditional update decides, whichever server gets there first.
          if (!db::mark_reminded(s, id, now)) return Status::Ok();
          auto account = db::find_account_by_id(s, reg->account_id);
          if (!account) return Status::Ok();
          queue_mail(s, pieces_reminder(*account, *reg, *c, missing), config_.mail_from, now, reg->academy);
          reminded = true;
          return Status::Ok();
        });
        if (!st.ok()) return st.error();
        if (reminded) ++sent;
      }
    }
  }
  return sent;
}

Result<Download> PieceService::file(const std::string& account_id, const std::string& registration_id,
                                     const std::string& file_id) {
  auto row = owned_row(db_, account_id, registration_id);
  if (!row.ok()) return row.error();
  std::optional<db::PieceFileRow> found;
  Status st = db_.with_session([&](db::Session& s) {
    for (auto& f : db::piece_files(s, registration_id))
      if (f.id == file_id) found = std::move(f);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  if (!found) return Error{ErrorCode::not_found, "Ce fichier n'existe pas."};
  auto bytes = files_.read(found->file_id);
  if (!bytes.ok()) return bytes.error();
  return Download{std::move(*bytes), found->file_name, found->content_type};
}

}  // namespace guichet::services
