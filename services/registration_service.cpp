#include "services/registration_service.hpp"

#include <boost/json.hpp>
#include <date/date.h>
#include <date/tz.h>
#include <fmt/format.h>

#include <cctype>
#include <set>

#include "core/time_format.hpp"
#include "db/accounts_repository.hpp"
#include "db/pieces_repository.hpp"
#include "db/registrations_repository.hpp"
#include "core/name_key.hpp"
#include "db/derogations_repository.hpp"
#include "documents/calendar_ics.hpp"
#include "documents/summary_pdf.hpp"
#include "services/answer_text.hpp"
#include "mail/templates.hpp"
#include "services/crypto.hpp"
#include "services/event_log.hpp"
#include "services/mail_queue.hpp"
#include "services/piece_facts.hpp"
#include "services/registration_context.hpp"
#include "services/office_service.hpp"
#include "services/academy_zone.hpp"

namespace guichet::services {
namespace json = boost::json;

namespace {

std::string local_text(Seconds t, const Academy& a, bool with_time = true) {
  return format_french(t, a.zone, with_time);
}

std::string upper_code(const std::string& exam) {
  std::string out;
  for (char c : exam)
    if (c != '_') out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

json::object identity_of(const db::AccountRow& a) {
  return {{"birth_date", a.birth_date}, {"nationality", a.nationality}};
}

json::array pieces_json(const Verdict& v) {
  json::array out;
  for (const auto& p : v.pieces)
    out.push_back({{"code", p.code}, {"label", p.label}, {"explanation", p.explanation}, {"required", p.required}});
  return out;
}

// A modification that adds a required piece to a confirmed set reopens the set: the new
// piece must be given and the set confirmed again. Pieces no longer required keep their files.
void reopen_pieces_if_new_ones(db::Session& s, const std::string& id, const std::vector<RequiredPiece>& previous,
                               const Verdict& v) {
  std::set<std::string> before;
  for (const auto& p : previous) before.insert(p.code);
  bool added = false;
  for (const auto& p : v.pieces) added = added || (p.required && !before.count(p.code));
  if (added && db::piece_set(s, id).confirmed_at) db::set_confirmed(s, id, std::nullopt);
}

// The verdict's refusals as contract errors.
std::optional<Error> refusal(const Verdict& v) {
  if (v.wrong_academy) {
    Error e{ErrorCode::wrong_academy, "Vous devez vous inscrire dans l'académie de votre résidence."};
    for (const auto& [field, fe] : v.errors) e.fields[field] = fe.message;
    return e;
  }
  if (!v.valid) {
    Error e{ErrorCode::validation_failed, "Certaines réponses sont manquantes ou invalides."};
    for (const auto& [field, fe] : v.errors) e.fields[field] = fe.message;
    return e;
  }
  return std::nullopt;
}

std::string speciality_of(const json::object& answers) {
  const json::value* v = answers.if_contains("speciality");
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

Error registration_withdrawn() {
  return {ErrorCode::registration_withdrawn, "Cette inscription a été annulée par le service des examens : elle ne peut "
                                    "plus être modifiée."};
}

// Until when an office's derogation lets the candidate register or modify, if it does.
Result<std::optional<Instant>> derogation_until(Database& db, const std::string& account_id,
                                                const std::string& academy, const std::string& exam,
                                                const std::string& session) {
  std::optional<db::DerogationRow> d;
  Status st = db.with_session([&](db::Session& s) {
    d = db::find_derogation(s, account_id, academy, exam, session);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return d ? std::optional<Instant>(d->until) : std::nullopt;
}

// The window's refusal, in the tense of `now`: what will be, or what was.
Error closed(const Academy& a, const Session& s, const Exam& x, bool edits, Seconds now) {
  const std::string what = fmt::format("à l'examen {} (session {})", x.name, s.session);
  if (edits) {
    if (now >= s.edits_close)
      return {ErrorCode::service_closed, fmt::format("Les modifications d'inscription {} ne sont plus possibles : elles ont "
                                            "fermé le {}.",
                                            what, format_french_exact(s.edits_close, a.zone))};
    return {ErrorCode::service_closed, fmt::format("Les modifications d'inscription {} seront possibles à partir du {}, et "
                                          "{}.",
                                          what, format_french_moment(s.opens, a.zone),
                                          format_deadline(s.edits_close, a.zone))};
  }
  if (now >= s.closes)
    return {ErrorCode::service_closed, fmt::format("Le service d'inscription {} a fermé le {} : aucune inscription n'est plus "
                                          "reçue.",
                                          what, format_french_exact(s.closes, a.zone))};
  return {ErrorCode::service_closed, fmt::format("Le service d'inscription {} n'est pas encore ouvert : il ouvrira le {} ; les "
                                        "inscriptions seront reçues {}.",
                                        what, format_french_moment(s.opens, a.zone),
                                        format_deadline(s.closes, a.zone))};
}

// The answers kept with a registration: those of the fields the form showed (a hidden
// field's answer was neither checked nor seen by the rules, so it is not kept either).
json::object kept_answers(const json::object& answers, const Verdict& verdict) {
  json::object kept = answers;
  for (const auto& id : verdict.hidden_answers) kept.erase(id);
  return kept;
}

}  // namespace

RegistrationService::RegistrationService(Database& db, const Clock& clock, EventBus& events, Rules& rules,
                                         CandidateConfig config)
    : db_(db), clock_(clock), events_(events), rules_(rules), config_(std::move(config)) {}

Result<RegistrationRecord> RegistrationService::create(const std::string& account_id,
                                                      const RegistrationRequest& req, unsigned worker) {
  Instant now = clock_.now();
  Seconds now_s = std::chrono::floor<std::chrono::seconds>(now);
  auto ctx = context_for(rules_, req.academy, req.exam, req.session);
  if (!ctx.ok()) return ctx.error();
  std::optional<db::AccountRow> account;
  Status st = db_.with_session([&](db::Session& s) {
    account = db::find_account_by_id(s, account_id);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  if (!account) return Error{ErrorCode::unauthenticated, "Vous devez vous connecter."};

  // After the close, an office's derogation lets this candidate in until its time; the rules
  // then judge the answers as at the window's last open second.
  Seconds judged_at = now_s;
  if (now_s >= ctx->session->closes && now_s >= ctx->session->opens) {
    auto until = derogation_until(db_, account_id, req.academy, req.exam, req.session);
    if (!until.ok()) return until.error();
    if (*until && now < **until) judged_at = ctx->session->closes - std::chrono::seconds(1);
  }
  auto verdict = ctx->rules->evaluate(worker, req.academy, req.exam, req.session, judged_at, req.answers,
                                      identity_of(*account));
  if (!verdict.ok()) return verdict.error();
  if (verdict->phase != Phase::open) return closed(*ctx->academy, *ctx->session, *ctx->exam, false, judged_at);
  if (auto e = refusal(*verdict)) return *e;

  db::RegistrationRow row;
  row.id = random_id();
  row.account_id = account_id;
  row.academy = req.academy;
  row.exam = req.exam;
  row.session = req.session;
  row.version = 1;
  row.status = "registered";
  row.pole = verdict->pole.value_or("");
  const json::object answers = kept_answers(req.answers, *verdict);
  row.answers_json = json::serialize(answers);
  row.pieces_json = json::serialize(pieces_json(*verdict));
  row.rule_set_version = verdict->rule_set_version;
  row.created_at = row.updated_at = now;
  row.name_key = person_key(account->last_name, account->first_name);
  row.speciality = speciality_of(answers);
  Event created;
  st = db_.transaction([&](db::Session& s) -> Status {
    if (db::registration_exists_for(s, account_id, req.academy, req.exam, req.session))
      return Error{ErrorCode::already_registered, "Vous êtes déjà inscrit à cette session : consultez ou modifiez votre "
                                         "inscription dans « Mes inscriptions »."};
    // The first registration freezes the identity for good (even after a withdrawal).
    account->personal_data_locked = true;
    account->updated_at = now;
    db::update_account(s, *account);
    // The académie's and the session's counter rows stay locked from their increment to the
    // commit, across every registration: only what needs the numbers comes after them.
    row.candidate_number =
        db::candidate_number(s, req.academy, account_id, fmt::format("{:02}", ctx->academy->number));
    long long seq = db::next_counter(s, "registration:" + req.academy + ":" + req.exam + ":" + req.session);
    row.registration_number =
        fmt::format("A{:02}-{}-{}-{:05}", ctx->academy->number, upper_code(req.exam), req.session, seq);
    db::insert_registration(s, row);
    store_piece_state(s, row);
    queue_mail(s, mail::registration_saved_mail(account->email, account->first_name, registration_mail_data(row, *ctx)),
               config_.mail_from, now, row.academy);
    created = make_event("registration.created", "registration:" + row.id,
                         {{"registration_id", row.id},
                          {"registration_number", row.registration_number},
                          {"account_id", row.account_id},
                          {"academy", row.academy},
                          {"exam", row.exam},
                          {"session", row.session},
                          {"version", row.version}},
                         now);
    record_event(s, created);
    return Status::Ok();
  });
  if (!st.ok()) {
    if (st.error().code == ErrorCode::constraint_violation)
      return Error{ErrorCode::already_registered, "Vous êtes déjà inscrit à cette session."};
    return st.error();
  }
  events_.publish(created);
  return registration_record(row, ctx->rules.get());
}

Result<std::vector<RegistrationRecord>> RegistrationService::list(const std::string& account_id) {
  std::vector<db::RegistrationRow> rows;
  Status st = db_.with_session([&](db::Session& s) {
    rows = db::list_registrations(s, account_id);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  auto rules = rules_.current();
  std::vector<RegistrationRecord> out;
  for (const auto& r : rows) out.push_back(registration_record(r, rules.get()));
  return out;
}

Result<RegistrationRecord> RegistrationService::get(const std::string& account_id, const std::string& id) {
  auto row = owned_row(db_, account_id, id);
  if (!row.ok()) return row.error();
  auto rules = rules_.current();
  return registration_record(*row, rules.get());
}

Result<RegistrationHistory> RegistrationService::history(const std::string& account_id, const std::string& id) {
  auto row = owned_row(db_, account_id, id);
  if (!row.ok()) return row.error();
  std::vector<db::RegistrationVersionRow> rows;
  Status st = db_.with_session([&](db::Session& s) {
    rows = db::list_versions(s, id);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  RegistrationHistory out;
  out.zone = academy_zone(rules_, row->academy);
  for (auto& v : rows) out.versions.push_back(registration_version(std::move(v)));
  return out;
}

Result<RegistrationRecord> RegistrationService::modify(const std::string& account_id, const std::string& id,
                                                      const json::object& answers, std::optional<int> if_match,
                                                      unsigned worker) {
  Instant now = clock_.now();
  Seconds now_s = std::chrono::floor<std::chrono::seconds>(now);
  std::optional<db::RegistrationRow> current;
  std::optional<db::AccountRow> account;
  Status st = db_.with_session([&](db::Session& s) {
    current = db::find_registration(s, id);
    if (current) account = db::find_account_by_id(s, account_id);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  if (!current || current->account_id != account_id || !account) return registration_not_found();
  auto ctx = context_for(rules_, current->academy, current->exam, current->session);
  if (!ctx.ok()) return ctx.error();
  if (current->status == "withdrawn") return registration_withdrawn();
  if (now_s < ctx->session->opens) return closed(*ctx->academy, *ctx->session, *ctx->exam, true, now_s);
  if (now_s >= ctx->session->edits_close) {
    auto until = derogation_until(db_, account_id, current->academy, current->exam, current->session);
    if (!until.ok()) return until.error();
    if (!*until || now >= **until) return closed(*ctx->academy, *ctx->session, *ctx->exam, true, now_s);
  }
  if (if_match && *if_match != current->version)
    return Error{ErrorCode::stale_version, fmt::format("Cette inscription a été modifiée entre-temps (version {}). "
                                              "Rechargez-la avant de la modifier.",
                                              current->version)};
  // The edit is judged as at the window's last open second when the window has closed but
  // edits are still allowed: the answers must still satisfy the rules.
  Seconds judged_at = now_s < ctx->session->closes ? now_s : ctx->session->closes - std::chrono::seconds(1);
  auto verdict = ctx->rules->evaluate(worker, current->academy, current->exam, current->session, judged_at, answers,
                                      identity_of(*account));
  if (!verdict.ok()) return verdict.error();
  if (auto e = refusal(*verdict)) return *e;

  db::RegistrationRow saved;
  Event modified;
  st = db_.transaction([&](db::Session& s) -> Status {
    // Take the row first (an UPDATE locks it in both backends), then read what we hold.
    db::bump_version(s, id);
    auto row = db::find_registration(s, id);
    if (!row) return registration_not_found();
    if (row->status == "withdrawn") return registration_withdrawn();
    if (if_match && row->version - 1 != *if_match)
      return Error{ErrorCode::stale_version, fmt::format("Cette inscription a été modifiée entre-temps (version {}). "
                                                "Rechargez-la avant de la modifier.",
                                                row->version - 1)};
    const json::object kept = kept_answers(answers, *verdict);
    row->answers_json = json::serialize(kept);
    row->speciality = speciality_of(kept);
    const std::vector<RequiredPiece> previous_pieces = required_pieces(*row);
    row->pieces_json = json::serialize(pieces_json(*verdict));
    reopen_pieces_if_new_ones(s, id, previous_pieces, *verdict);
    row->pole = verdict->pole.value_or(row->pole);
    row->rule_set_version = verdict->rule_set_version;
    row->updated_at = now;
    db::save_version(s, *row);
    store_piece_state(s, *row);
    queue_mail(s, mail::registration_modified_mail(account->email, account->first_name, registration_mail_data(*row, *ctx)),
               config_.mail_from, now, row->academy);
    saved = *row;
    modified = make_event("registration.modified", "registration:" + row->id,
                          {{"registration_id", row->id},
                           {"registration_number", row->registration_number},
                           {"academy", row->academy},
                           {"exam", row->exam},
                           {"session", row->session},
                           {"version", row->version}},
                          now);
    record_event(s, modified);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  events_.publish(modified);
  return registration_record(saved, ctx->rules.get());
}

Error RegistrationService::withdraw(const std::string& account_id, const std::string& id) {
  auto found = get(account_id, id);
  if (!found.ok()) return found.error();
  std::string office = "le service des examens de votre académie";
  std::string email;
  if (const Pole* who = found->contact ? &*found->contact : found->pole ? &*found->pole : nullptr) {
    office = who->name;
    email = who->email;
  }
  return {ErrorCode::withdrawal_by_office_only,
          fmt::format("La désinscription n'est pas possible depuis l'espace candidat : adressez-vous à {}{}.", office,
                      email.empty() ? "" : " (" + email + ")")};
}

Result<Download> RegistrationService::summary_pdf(const std::string& account_id, const std::string& id) {
  Instant now = clock_.now();
  std::optional<db::RegistrationRow> row;
  std::optional<db::AccountRow> account;
  Status st = db_.with_session([&](db::Session& s) {
    row = db::find_registration(s, id);
    if (row) account = db::find_account_by_id(s, row->account_id);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  if (!row || row->account_id != account_id || !account) return registration_not_found();
  auto ctx = context_for(rules_, row->academy, row->exam, row->session);
  if (!ctx.ok()) return ctx.error();
  if (std::chrono::floor<std::chrono::seconds>(now) >= ctx->session->closes && !ctx->session->summary_after_close)
    return Error{ErrorCode::document_unavailable, "Le récapitulatif d'inscription n'est plus téléchargeable depuis la "
                                         "clôture des inscriptions, le " +
                                             format_french_exact(ctx->session->closes, ctx->academy->zone) + "."};
  documents::SummaryData d;
  d.academy_name = ctx->academy->name;
  d.exam_name = ctx->exam->name;
  d.session_label = ctx->session->session;
  auto m = registration_mail_data(*row, *ctx);
  d.speciality_label = m.speciality_label;
  d.last_name = account->last_name;
  d.first_name = account->first_name;
  if (auto bd = parse_calendar_date(account->birth_date); bd.ok())
    d.birth_date = date::format("%d/%m/%Y", *bd);
  d.birth_place = account->birth_place;
  d.email = account->email;
  const auto answers = json::parse(row->answers_json).as_object();
  auto answer = [&](const char* k) { return answer_string(answers, k); };
  // The postal address as an envelope shows it: street, complement, postal code and city.
  for (const std::string& line :
       {answer("address"), answer("address_complement"), answer("postal_code") + " " + answer("city")}) {
    if (line.empty() || line == " ") continue;
    d.address_lines += (d.address_lines.empty() ? "" : "\n") + line;
  }
  d.phone = answer("phone").empty() ? account->phone : answer("phone");
  for (auto& tab : answers_by_tab(*ctx->exam, answers)) {
    documents::SummaryTab t{std::move(tab.title), {}};
    for (auto& line : tab.lines) t.answers.push_back({std::move(line.label), std::move(line.value)});
    d.tabs.push_back(std::move(t));
  }
  d.registration_number = row->registration_number;
  d.candidate_number = row->candidate_number;
  d.version = row->version;
  d.saved_at = local_text(std::chrono::floor<std::chrono::seconds>(row->updated_at), *ctx->academy);
  d.pole = {m.pole_name, m.pole_phones, m.pole_email};
  d.final_mode = ctx->session->final_registration.mode == FinalMode::postal ? "postal" : "upload";
  d.final_deadline = m.pieces_deadline_text;
  d.postal_address = m.postal_address;
  d.portal_url = ctx->session->portal_url;
  for (auto& p : required_pieces(*row)) d.pieces.push_back({std::move(p.label), std::move(p.explanation)});
  auto pdf = documents::render_summary_pdf(d);
  if (!pdf.ok()) return pdf.error();
  return Download{std::move(*pdf), summary_file_name(row->registration_number, row->version), "application/pdf",
                  row->version};
}

Result<Download> RegistrationService::calendar(const std::string& account_id, const std::string& id) {
  auto owned = load_owned(db_, rules_, account_id, id);
  if (!owned.ok()) return owned.error();
  const db::RegistrationRow* row = &owned->row;
  const Context* ctx = &owned->ctx;
  const Session& s = *ctx->session;
  const std::string what = ctx->exam->name + " (session " + s.session + ")";
  const std::string uid = row->id + "-";
  const date::time_zone* zone = ctx->academy->zone;
  // Each event says what the date is for and what to do, with the registration and where.
  const std::string where =
      s.portal_url.empty() ? std::string(" dans votre espace candidat") : " dans votre espace candidat (" + s.portal_url + ")";
  const std::string reg = "Inscription " + row->registration_number + " — " + what + ".\n";
  std::optional<Instant> pieces_confirmed;
  if (Status st = db_.with_session([&](db::Session& ss) {
        pieces_confirmed = db::piece_set(ss, row->id).confirmed_at;
        return Status::Ok();
      });
      !st.ok())
    return st.error();
  std::vector<documents::CalendarEvent> events;
  events.push_back({uid + "closes@guichet", "Fin des inscriptions : " + what,
                    reg + "Le service d'inscription ferme : téléchargez votre récapitulatif " +
                        format_deadline(s.closes, zone) + ". Plus aucune inscription n'est reçue ensuite.",
                    s.closes, true});
  events.push_back({uid + "edits@guichet", "Fin des modifications d'inscription : " + what,
                    reg + "L'inscription peut être vérifiée, complétée ou corrigée" + where + " " +
                        format_deadline(s.edits_close, zone) + ", plus ensuite.",
                    s.edits_close, true});
  if (s.final_registration.deadline) {
    const bool postal = s.final_registration.mode == FinalMode::postal;
    const std::string by = format_deadline(*s.final_registration.deadline, zone);
    std::string address;
    for (const auto& line : ctx->academy->postal_address_for(s)) address += (address.empty() ? "" : ", ") + line;
    documents::CalendarEvent e{uid + "pieces@guichet",
                               (postal ? "Date limite d'envoi du dossier : " : "Date limite de dépôt des pièces : ") + what,
                               reg + (postal ? "Envoyez le récapitulatif daté et signé avec les pièces justificatives " +
                                                   by + (address.empty() ? std::string(".") : " à : " + address + ".")
                                             : "Déposez vos pièces justificatives" + where +
                                                   " puis confirmez « J'ai fourni toutes mes pièces » " + by + "."),
                               *s.final_registration.deadline, true};
    if (!postal && pieces_confirmed) {
      // Nothing left to do: no reminder; the event stays, saying so.
      e.reminder = false;
      e.description = reg + "Vous avez confirmé vos pièces le " +
                      date::format("%d/%m/%Y", date::make_zoned(zone, std::chrono::floor<std::chrono::seconds>(
                                                                          *pieces_confirmed))) +
                      " : rien d'autre à faire, sauf si le service gestionnaire vous demande une pièce.";
    }
    events.push_back(std::move(e));
  }
  std::sort(events.begin(), events.end(), [](const auto& a, const auto& b) { return a.at < b.at; });
  std::string ics = documents::render_calendar(events, ctx->academy->zone, ctx->academy->timezone,
                                              std::chrono::floor<std::chrono::seconds>(clock_.now()));
  return Download{std::move(ics), "inscription-" + row->registration_number + ".ics", "text/calendar; charset=utf-8",
                  row->version};
}

Result<std::vector<DocumentEntry>> RegistrationService::documents(const std::string& account_id,
                                                                  const std::string& id) {
  auto owned = load_owned(db_, rules_, account_id, id);
  if (!owned.ok()) return owned.error();
  const db::RegistrationRow& row = owned->row;
  const Context& ctx = owned->ctx;
  DocumentEntry summary;
  summary.registration_id = row.id;
  summary.type = "recapitulatif";
  summary.title = "Récapitulatif d'inscription";
  summary.version = row.version;
  summary.date = row.updated_at;
  summary.content_type = "application/pdf";
  summary.available = std::chrono::floor<std::chrono::seconds>(clock_.now()) < ctx.session->closes ||
                      ctx.session->summary_after_close;
  summary.zone = ctx.academy->zone;
  return std::vector<DocumentEntry>{std::move(summary)};
}

}  // namespace guichet::services
