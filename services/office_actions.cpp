// The office's changes: withdrawal, identity corrections, derogations, piece reviews and
// document publication (one by one or in bulk). Each is audited in its own transaction.
#include <boost/json.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <zip.h>

#include <filesystem>
#include <fstream>

#include "core/name_key.hpp"
#include "core/time_format.hpp"
#include "db/accounts_repository.hpp"
#include "db/derogations_repository.hpp"
#include "db/documents_repository.hpp"
#include "db/registrations_repository.hpp"
#include "mail/templates.hpp"
#include "services/account_service.hpp"
#include "services/event_log.hpp"
#include "services/mail_queue.hpp"
#include "services/office_scope.hpp"
#include "services/office_service.hpp"
#include "services/text_checks.hpp"

namespace guichet::services {
namespace json = boost::json;

namespace {

constexpr std::size_t kMaxReason = 1000;
constexpr std::uint64_t kMaxBulkPdf = 20ull * 1024 * 1024;  // one document of a bulk publication
constexpr std::int64_t kMaxBulkEntries = 20000;

Status need_reason(const std::string& reason) {
  if (reason.empty() || reason.size() > kMaxReason)
    return Error{ErrorCode::validation_failed, "Le motif est obligatoire.", {{"reason", "Indiquez le motif (1000 caractères au plus)."}}};
  return Status::Ok();
}

json::value identity_json(const db::AccountRow& a) {
  return json::object{{"last_name", a.last_name},     {"first_name", a.first_name},
                      {"birth_date", a.birth_date},   {"birth_place", a.birth_place},
                      {"nationality", a.nationality}};
}

std::string lower_ascii(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

OfficeService::OfficeService(Database& db, const Clock& clock, EventBus& events, Rules& rules, PieceService& pieces,
                             DocumentService& documents, CandidateConfig config)
    : db_(db),
      clock_(clock),
      events_(events),
      rules_(rules),
      pieces_(pieces),
      documents_(documents),
      config_(std::move(config)) {}

Result<OfficeService::Scoped> OfficeService::scoped(const Actor& by, const std::string& id) {
  std::optional<db::RegistrationRow> row;
  Status st = db_.with_session([&](db::Session& s) {
    if (id.size() <= 64) row = db::find_registration(s, id);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  // Another académie's registration does not exist for this office.
  if (!row || row->academy != by.academy) return registration_not_found();
  Scoped out{std::move(*row), std::nullopt};
  if (auto c = context_for(rules_, out.row.academy, out.row.exam, out.row.session); c.ok()) out.ctx = std::move(*c);
  return out;
}

Result<RegistrationRecord> OfficeService::withdraw(const Actor& by, const std::string& id, const std::string& reason) {
  if (Status st = need(by, Right::change_registrations); !st.ok()) return st.error();
  if (Status st = need_reason(reason); !st.ok()) return st.error();
  auto sc = scoped(by, id);
  if (!sc.ok()) return sc.error();
  const Instant now = clock_.now();
  db::RegistrationRow after;
  Event withdrawn;
  Status st = db_.transaction([&](db::Session& s) -> Status {
    db::bump_version(s, id);  // takes the row: a concurrent modification waits, then sees the status
    auto row = db::find_registration(s, id);
    if (!row) return registration_not_found();
    if (row->status == "withdrawn") return Error{ErrorCode::conflict, "Cette inscription est déjà annulée."};
    row->status = "withdrawn";
    row->withdrawn_at = now;
    row->withdrawal_reason = reason;
    row->updated_at = now;
    row->changed_by = staff_author(by);
    row->change_reason = reason;
    db::save_version(s, *row);  // the withdrawal is a version of its own in the history
    db::mark_withdrawn(s, id, now, reason);
    if (sc->ctx)
      if (auto account = db::find_account_by_id(s, row->account_id))
        queue_mail(s,
                   mail::registration_withdrawn_mail(account->email, account->first_name,
                                                     registration_mail_data(*row, *sc->ctx), reason),
                   config_.mail_from, now, row->academy);
    audit(s, by, now,
          {"registration.withdraw", "registration", id, reason, json::object{{"status", "registered"}},
           json::object{{"status", "withdrawn"}, {"version", row->version}}});
    after = *row;
    withdrawn = make_event("registration.withdrawn", "registration:" + id,
                           {{"registration_id", id},
                            {"registration_number", row->registration_number},
                            {"academy", row->academy},
                            {"exam", row->exam},
                            {"session", row->session},
                            {"version", row->version},
                            {"reason", reason}},
                           now);
    record_event(s, withdrawn);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  events_.publish(withdrawn);
  auto rules = rules_.current();
  return registration_record(after, rules.get());
}

Result<CandidateIdentity> OfficeService::correct_identity(const Actor& by, const std::string& id,
                                                     const IdentityCorrection& c) {
  if (Status st = need(by, Right::change_registrations); !st.ok()) return st.error();
  if (Status st = need_reason(c.reason); !st.ok()) return st.error();
  Error faults{ErrorCode::validation_failed, "Certaines informations sont invalides."};
  auto text_field = [&](const char* name, const std::optional<std::string>& v, std::size_t max) {
    if (v && (v->empty() || v->size() > max)) faults.fields[name] = "Valeur attendue (" + std::to_string(max) + " caractères au plus).";
    else if (v && has_control_character(*v)) faults.fields[name] = kControlCharacterFault;
  };
  text_field("last_name", c.last_name, 100);
  text_field("first_name", c.first_name, 100);
  text_field("birth_place", c.birth_place, 100);
  if (c.birth_date && !parse_calendar_date(*c.birth_date).ok())
    faults.fields["birth_date"] = "Date invalide (format attendu : AAAA-MM-JJ).";
  if (c.nationality && *c.nationality != "francaise" && *c.nationality != "ue" && *c.nationality != "autre")
    faults.fields["nationality"] = "Valeur attendue : francaise, ue ou autre.";
  if (!faults.fields.empty()) return faults;
  auto sc = scoped(by, id);
  if (!sc.ok()) return sc.error();
  const Instant now = clock_.now();
  CandidateIdentity after;
  Status st = db_.transaction([&](db::Session& s) -> Status {
    auto account = db::find_account_by_id(s, sc->row.account_id);
    if (!account) return registration_not_found();
    json::value before = identity_json(*account);
    if (c.last_name) account->last_name = *c.last_name;
    if (c.first_name) account->first_name = *c.first_name;
    if (c.birth_date) account->birth_date = *c.birth_date;
    if (c.birth_place) account->birth_place = *c.birth_place;
    if (c.nationality) account->nationality = *c.nationality;
    account->updated_at = now;
    db::update_account(s, *account);
    db::update_name_keys(s, account->id, person_key(account->last_name, account->first_name));
    after = {account->last_name, account->first_name, account->birth_date, account->birth_place, account->nationality};
    audit(s, by, now, {"candidate.correct_identity", "account", account->id, c.reason, before, identity_json(*account)});
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return after;
}

Result<GrantedDerogation> OfficeService::grant_derogation(const Actor& by, const DerogationRequest& d) {
  if (Status st = need(by, Right::change_registrations); !st.ok()) return st.error();
  if (Status st = need_reason(d.reason); !st.ok()) return st.error();
  const Instant now = clock_.now();
  auto ctx = context_for(rules_, by.academy, d.exam, d.session);
  if (!ctx.ok()) return ctx.error();
  if (d.until <= now || d.until > now + std::chrono::days(92))
    return Error{ErrorCode::validation_failed, "Date de fin invalide.",
                 {{"until", "Une date à venir, dans les trois mois."}}};
  const std::string key = email_key(d.email);
  GrantedDerogation out;
  Status st = db_.transaction([&](db::Session& s) -> Status {
    auto account = db::find_account_by_email_key(s, key);
    if (!account) return Error{ErrorCode::not_found, "Aucun compte candidat n'a cette adresse mail."};
    db::DerogationRow row{account->id, by.academy, d.exam, d.session, d.until, d.reason, staff_author(by), now};
    auto before = db::find_derogation(s, account->id, by.academy, d.exam, d.session);
    db::save_derogation(s, row);
    const auto until = format_rfc3339(std::chrono::floor<std::chrono::seconds>(d.until), ctx->academy->zone);
    out = {account->id, account->email, d.exam, d.session, d.until, d.reason, ctx->academy->zone};
    json::value before_json = nullptr;
    if (before)
      before_json = json::object{
          {"until", format_rfc3339(std::chrono::floor<std::chrono::seconds>(before->until), ctx->academy->zone)}};
    audit(s, by, now,
          {"registration.derogation", "account", account->id, d.reason, before_json,
           json::object{{"exam", d.exam}, {"session", d.session}, {"until", until}}});
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return out;
}

Result<PieceList> OfficeService::pieces(const Actor& by, const std::string& id) {
  if (Status st = need(by, Right::read_registrations); !st.ok()) return st.error();
  auto sc = scoped(by, id);
  if (!sc.ok()) return sc.error();
  // The office reviews pieces of postal sessions too (received by post): it sees them listed.
  return pieces_.list(sc->row.account_id, id, PieceService::Reader::office);
}

Result<Download> OfficeService::piece_file(const Actor& by, const std::string& id, const std::string& file_id) {
  if (Status st = need(by, Right::read_registrations); !st.ok()) return st.error();
  auto sc = scoped(by, id);
  if (!sc.ok()) return sc.error();
  auto file = pieces_.file(sc->row.account_id, id, file_id);
  if (!file.ok()) return file;
  // A candidate's document seen by the office: recorded, as every access to a piece is.
  Status st = db_.transaction([&](db::Session& s) {
    audit(s, by, clock_.now(), {"piece.download", "registration", id, "", nullptr, json::object{{"file_id", file_id}}});
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return file;
}

Status OfficeService::review_piece(const Actor& by, const std::string& id, const std::string& piece_code,
                                   bool accepted, const std::string& reason) {
  if (Status st = need(by, Right::change_registrations); !st.ok()) return st;
  if (reason.size() > kMaxReason) return need_reason("");
  auto sc = scoped(by, id);
  if (!sc.ok()) return sc.error();
  const Instant now = clock_.now();
  return pieces_.review(id, piece_code, accepted, reason, staff_author(by), [&](db::Session& s) {
    audit(s, by, now,
          {"piece.review", "registration", id, reason, nullptr,
           json::object{{"piece", piece_code}, {"verdict", accepted ? "accepted" : "rejected"}}});
  });
}

Status OfficeService::check_document_type(const Actor& by, const std::string& type) {
  auto rules = rules_.current();
  const Academy* academy = rules ? rules->academy(by.academy) : nullptr;
  // An académie the rules do not describe (none of its registrations can be found either)
  // is held to the default list.
  const std::vector<DocumentType> types = academy ? academy->document_types : default_document_types();
  for (const auto& t : types)
    if (t.code == type) return Status::Ok();
  std::string list, codes;
  for (const auto& t : types) {
    list += (list.empty() ? "" : ", ") + t.code + " (" + t.label + ")";
    codes += (codes.empty() ? "" : ", ") + t.code;
  }
  return Error{ErrorCode::validation_failed,
               "Type de document inconnu « " + type + " ». Types déclarés pour l'académie : " + list + ".",
               {{"type", "Types possibles : " + codes + "."}}};
}

Result<int> OfficeService::publish(const Actor& by, const std::string& id, const std::string& type,
                                   const std::string& pdf, const std::string& file_name) {
  if (Status st = need(by, Right::change_registrations); !st.ok()) return st.error();
  auto sc = scoped(by, id);
  if (!sc.ok()) return sc.error();
  if (Status st = check_document_type(by, type); !st.ok()) return st.error();
  const Instant now = clock_.now();
  const DocumentType* doc_type = sc->ctx ? sc->ctx->academy->find_document_type(type) : nullptr;
  return documents_.publish(id, type, pdf, file_name, staff_author(by), [&](db::Session& s) {
    audit(s, by, now,
          {"document.publish", "registration", id, "", nullptr,
           json::object{{"type", type}, {"file_name", file_name}, {"size", pdf.size()}}});
    // The candidate hears of it, in the same transaction: a mail for every publication.
    if (!sc->ctx) return;
    int version = 0;
    for (const auto& d : db::latest_documents(s, id))
      if (d.type == type) version = d.version;
    if (auto account = db::find_account_by_id(s, sc->row.account_id))
      queue_mail(s,
                 mail::document_published_mail(account->email, account->first_name,
                                               registration_mail_data(sc->row, *sc->ctx),
                                               doc_type ? doc_type->label : type, version,
                                               sc->ctx->session->portal_url),
                 config_.mail_from, now, sc->row.academy);
  });
}

Result<OfficeDocuments> OfficeService::documents(const Actor& by, const std::string& id) {
  if (Status st = need(by, Right::read_registrations); !st.ok()) return st.error();
  auto sc = scoped(by, id);
  if (!sc.ok()) return sc.error();
  auto rows = documents_.history(id);
  if (!rows.ok()) return rows.error();
  OfficeDocuments out;
  out.zone = sc->ctx ? sc->ctx->academy->zone : *find_zone("Europe/Paris");
  for (const auto& d : *rows)
    out.documents.push_back({d.type, document_title(sc->ctx ? sc->ctx->academy : nullptr, d.type), d.version,
                             d.file_name, d.size, d.published_at, d.published_by});
  return out;
}

void OfficeService::publish_one(const Actor& by, const std::string& type, const std::string& name,
                                Result<std::string> bytes, BulkPublication& report) {
  auto refuse = [&](const std::string& message) { report.refused.push_back({name, message}); };
  // A fault of the server (storage, database) is refused in the words a client may read; its
  // own message, which may name a path or a driver's text, goes to the log only.
  auto refuse_error = [&](const Error& e) {
    const ErrorCodeInfo& code = info(e.code);
    if (code.exposure == Exposure::shown) return refuse(e.message.empty() ? std::string(code.message) : e.message);
    spdlog::error("publication groupée : {} : {} ({})", name, e.message, code.name);
    refuse(std::string(info(ErrorCode::internal_error).message));
  };
  if (!bytes.ok()) return refuse_error(bytes.error());
  std::string base = std::filesystem::path(name).filename().string();
  if (base.size() < 5 || lower_ascii(base.substr(base.size() - 4)) != ".pdf")
    return refuse("Nom attendu : <numéro d'inscription>.pdf");
  std::string number = base.substr(0, base.size() - 4);
  std::optional<std::string> id;
  Status st = db_.with_session([&](db::Session& s) {
    if (number.size() <= 64) id = db::find_registration_id_by_number(s, by.academy, number);
    return Status::Ok();
  });
  if (!st.ok()) return refuse_error(st.error());
  if (!id) return refuse("Aucune inscription de l'académie ne porte le numéro " + number + ".");
  auto version = publish(by, *id, type, *bytes, base);
  if (!version.ok()) return refuse_error(version.error());
  report.published.push_back({name, number, *version});
}

Result<BulkPublication> OfficeService::publish_zip(const Actor& by, const std::string& type,
                                                const std::string& zip_path) {
  if (Status st = need(by, Right::change_registrations); !st.ok()) return st.error();
  if (Status st = check_document_type(by, type); !st.ok()) return st.error();
  int err = 0;
  zip_t* archive = zip_open(zip_path.c_str(), ZIP_RDONLY, &err);
  if (!archive) return Error{ErrorCode::validation_failed, "Le fichier envoyé n'est pas une archive ZIP lisible."};
  std::unique_ptr<zip_t, decltype(&zip_discard)> guard(archive, zip_discard);
  zip_int64_t entries = zip_get_num_entries(archive, 0);
  if (entries > kMaxBulkEntries)
    return Error{ErrorCode::validation_failed, fmt::format("L'archive contient trop de fichiers ({} au plus).", kMaxBulkEntries)};
  BulkPublication report;
  for (zip_int64_t i = 0; i < entries; ++i) {
    const char* raw_name = zip_get_name(archive, static_cast<zip_uint64_t>(i), 0);
    std::string name = raw_name ? raw_name : "";
    if (name.empty() || name.back() == '/') continue;  // folders
    if (name.rfind("__MACOSX/", 0) == 0) continue;    // macOS resource forks, not documents
    // Read at most the limit plus one byte: the declared size of an entry is not trusted.
    Result<std::string> bytes = std::string();
    zip_file_t* f = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
    if (!f) {
      bytes = Error{ErrorCode::validation_failed, "Fichier illisible dans l'archive (chiffré ou endommagé)."};
    } else {
      char buf[64 * 1024];
      zip_int64_t n;
      while ((n = zip_fread(f, buf, sizeof buf)) > 0) {
        bytes->append(buf, static_cast<std::size_t>(n));
        if (bytes->size() > kMaxBulkPdf) break;
      }
      if (n < 0) bytes = Error{ErrorCode::validation_failed, "Fichier endommagé dans l'archive."};
      else if (bytes->size() > kMaxBulkPdf) bytes = Error{ErrorCode::validation_failed, "Document trop volumineux (20 Mio au plus)."};
      zip_fclose(f);
    }
    publish_one(by, type, name, std::move(bytes), report);
  }
  return report;
}

Result<BulkPublication> OfficeService::publish_folder(const Actor& by, const std::string& type,
                                                   const std::string& folder) {
  if (Status st = need(by, Right::change_registrations); !st.ok()) return st.error();
  if (Status st = check_document_type(by, type); !st.ok()) return st.error();
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (auto it = std::filesystem::directory_iterator(folder, ec); !ec && it != std::filesystem::directory_iterator();
       it.increment(ec))
    if (it->is_regular_file()) files.push_back(it->path());
  if (ec) return Error{ErrorCode::validation_failed, "Dossier illisible : " + folder};
  std::sort(files.begin(), files.end());
  BulkPublication report;
  for (const auto& p : files) {
    Result<std::string> bytes = std::string();
    if (std::filesystem::file_size(p, ec) > kMaxBulkPdf || ec) {
      bytes = Error{ErrorCode::validation_failed, "Document trop volumineux (20 Mio au plus)."};
    } else {
      std::ifstream in(p, std::ios::binary);
      bytes->assign(std::istreambuf_iterator<char>(in), {});
      if (!in && !in.eof()) bytes = Error{ErrorCode::validation_failed, "Fichier illisible."};
    }
    publish_one(by, type, p.filename().string(), std::move(bytes), report);
  }
  return report;
}

}  // namespace guichet::services
