#include "services/document_service.hpp"

#include <boost/json.hpp>

#include "core/time_format.hpp"
#include "db/registrations_repository.hpp"
#include "services/crypto.hpp"
#include "services/event_log.hpp"
#include "services/registration_context.hpp"
#include "services/upload_checks.hpp"

namespace guichet::services {

namespace {

bool plain_type(const std::string& t) {
  if (t.empty() || t.size() > 40 || t == "recapitulatif") return false;
  for (char c : t)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

Error no_document() { return {ErrorCode::not_found, "Ce document n'existe pas."}; }

}  // namespace

DocumentService::DocumentService(Database& db, db::FileStore& files, const Clock& clock, EventBus& events,
                                 Rules& rules)
    : db_(db), files_(files), clock_(clock), events_(events), rules_(rules) {}

std::string document_title(const Academy* academy, const std::string& type) {
  if (academy)
    if (const DocumentType* t = academy->find_document_type(type)) return t->label;
  return DocumentService::title_of(type);
}

std::string DocumentService::title_of(const std::string& type) {
  if (type == "convocation") return "Convocation";
  if (type == "releve_notes") return "Relevé de notes";
  if (type == "attestation_reussite") return "Attestation de réussite";
  if (type == "diplome") return "Diplôme";
  std::string out = type;
  for (auto& c : out)
    if (c == '_') c = ' ';
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

Result<int> DocumentService::publish(const std::string& registration_id, const std::string& type,
                                     const std::string& pdf, const std::string& file_name,
                                     const std::string& publisher, const AlsoInTransaction& also) {
  if (!plain_type(type))
    return Error{ErrorCode::validation_failed, "Type de document invalide.", {{"type", "Lettres minuscules, chiffres et _."}}};
  if (sniff_piece_type(pdf) != "application/pdf")
    return Error{ErrorCode::unsupported_file_type, "Un document publié doit être un fichier PDF."};
  const Instant now = clock_.now();
  auto upload = files_.begin(random_id());
  if (!upload.ok()) return upload.error();
  std::string_view rest(pdf);
  while (!rest.empty()) {
    auto piece = rest.substr(0, db::FileStore::kChunkBytes);
    if (Status st = (*upload)->append(piece); !st.ok()) return st.error();
    rest.remove_prefix(piece.size());
  }
  int version = 0;
  Event published;
  auto stored = (*upload)->commit("application/pdf", [&](db::Session& s, const db::StoredFile& f) -> Status {
    auto reg = db::find_registration(s, registration_id);
    if (!reg) return registration_not_found();
    db::DocumentRow row;
    row.registration_id = registration_id;
    row.type = type;
    row.file_id = f.id;
    row.file_name = safe_file_name(file_name.empty() ? type + ".pdf" : file_name, "application/pdf");
    row.published_at = now;
    row.published_by = publisher;
    version = db::insert_document(s, row);
    if (also) also(s);
    published = make_event("document.published", "registration:" + registration_id,
                           {{"registration_id", registration_id},
                            {"academy", reg->academy},
                            {"type", type},
                            {"version", version},
                            {"sha256", f.sha256},
                            {"size", static_cast<long long>(f.size)}},
                           now);
    record_event(s, published);
    return Status::Ok();
  });
  if (!stored.ok()) return stored.error();
  events_.publish(published);
  return version;
}

Result<std::vector<DocumentEntry>> DocumentService::latest(const std::string& account_id, const std::string& registration_id) {
  auto owned = load_owned(db_, rules_, account_id, registration_id);
  if (!owned.ok()) return owned.error();
  std::vector<db::DocumentRow> rows;
  Status st = db_.with_session([&](db::Session& s) {
    rows = db::latest_documents(s, registration_id);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  std::vector<DocumentEntry> out;
  for (const auto& d : rows) {
    DocumentEntry e;
    e.registration_id = registration_id;
    e.type = d.type;
    e.title = document_title(owned->ctx.academy, d.type);
    e.version = d.version;
    e.date = d.published_at;
    e.content_type = d.content_type;
    e.size = d.size;
    e.zone = owned->ctx.academy->zone;
    out.push_back(std::move(e));
  }
  return out;
}

Result<Download> DocumentService::download(const std::string& account_id, const std::string& registration_id,
                                           const std::string& type) {
  auto row = owned_row(db_, account_id, registration_id);
  if (!row.ok()) return row.error();
  std::optional<db::DocumentRow> doc;
  Status st = db_.with_session([&](db::Session& s) {
    for (auto& d : db::latest_documents(s, registration_id))
      if (d.type == type) doc = d;
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  if (!doc) return no_document();
  auto bytes = files_.read(doc->file_id);
  if (!bytes.ok()) return bytes.error().code == ErrorCode::not_found ? Result<Download>(no_document()) : bytes.error();
  // Named by type, registration number and version, whatever the office's file was called.
  return Download{std::move(*bytes), document_file_name(type, row->registration_number, doc->version),
                  doc->content_type, doc->version};
}

Result<std::vector<db::DocumentRow>> DocumentService::history(const std::string& registration_id) {
  std::vector<db::DocumentRow> rows;
  Status st = db_.with_session([&](db::Session& s) {
    rows = db::all_documents(s, registration_id);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return rows;
}

}  // namespace guichet::services
