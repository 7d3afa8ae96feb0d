#include "services/registration_context.hpp"

#include <boost/json.hpp>

#include "core/time_format.hpp"

namespace guichet::services {

Error registration_not_found() { return {ErrorCode::not_found, "Cette inscription n'existe pas."}; }

Result<Context> context_for(Rules& rules, const std::string& academy, const std::string& exam,
                            const std::string& session) {
  Context c;
  c.rules = rules.current();
  if (!c.rules) return Error{ErrorCode::not_ready, "Les règles ne sont pas encore chargées."};
  c.academy = c.rules->academy(academy);
  c.exam = c.rules->exam(exam);
  c.session = c.academy ? c.academy->find_session(exam, session) : nullptr;
  if (!c.academy || !c.exam || !c.session)
    return Error{ErrorCode::unknown_session, "Cette session d'examen n'existe pas dans cette académie."};
  return c;
}

Result<db::RegistrationRow> owned_row(Database& db, const std::string& account_id, const std::string& id) {
  std::optional<db::RegistrationRow> row;
  Status st = db.with_session([&](db::Session& s) {
    row = db::find_registration(s, id);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  if (!row || row->account_id != account_id) return registration_not_found();
  return std::move(*row);
}

Result<Owned> load_owned(Database& db, Rules& rules, const std::string& account_id, const std::string& id) {
  auto row = owned_row(db, account_id, id);
  if (!row.ok()) return row.error();
  auto ctx = context_for(rules, row->academy, row->exam, row->session);
  if (!ctx.ok()) return ctx.error();
  return Owned{std::move(*row), std::move(*ctx)};
}

namespace json = boost::json;

mail::RegistrationMailData registration_mail_data(const db::RegistrationRow& r, const Context& c) {
  mail::RegistrationMailData d;
  d.academy_name = c.academy->name;
  d.exam_name = c.exam->name;
  d.session_label = c.session->session;
  const json::value answers = json::parse(r.answers_json);
  const json::value* speciality = answers.as_object().if_contains("speciality");
  const Speciality* sp = speciality && speciality->is_string()
                             ? c.exam->find_speciality(std::string(speciality->get_string()))
                             : nullptr;
  d.speciality_label = sp ? sp->label : "";
  // The option the candidate chose, by its label: "…, option A : énergie électrique".
  const json::value* option = answers.as_object().if_contains("speciality_option");
  if (sp && option && option->is_string())
    if (const SpecialityOption* o = sp->find_option(std::string(option->get_string())))
      d.speciality_label += " — " + o->label;
  d.registration_number = r.registration_number;
  d.candidate_number = r.candidate_number;
  if (const Pole* p = c.academy->contact_for(*c.session, r.pole)) {
    d.pole_name = p->name;
    d.pole_email = p->email;
    d.pole_phones = p->phones;
  }
  d.version = r.version;
  d.closes_text = format_deadline(c.session->closes, c.academy->zone);
  d.edits_deadline_text = format_deadline(c.session->edits_close, c.academy->zone);
  if (c.session->final_registration.deadline)
    d.pieces_deadline_text = format_deadline(*c.session->final_registration.deadline, c.academy->zone);
  d.postal = c.session->final_registration.mode == FinalMode::postal;
  if (d.postal) d.postal_address = c.academy->postal_address_for(*c.session);
  return d;
}


std::vector<RequiredPiece> required_pieces(const db::RegistrationRow& r) {
  std::vector<RequiredPiece> out;
  const json::value stored = json::parse(r.pieces_json);  // kept alive for the loop
  for (const auto& p : stored.as_array()) {
    const auto& o = p.as_object();
    RequiredPiece e;
    e.code = std::string(o.at("code").as_string());
    e.label = std::string(o.at("label").as_string());
    if (const auto* x = o.if_contains("explanation"); x && x->is_string()) e.explanation = std::string(x->get_string());
    if (const auto* q = o.if_contains("required"); q && q->is_bool()) e.required = q->get_bool();
    out.push_back(std::move(e));
  }
  return out;
}

RegistrationRecord registration_record(const db::RegistrationRow& r, const RuleSet* rules) {
  RegistrationRecord out;
  out.id = r.id;
  out.academy = r.academy;
  out.exam = r.exam;
  out.session = r.session;
  out.registration_number = r.registration_number;
  out.candidate_number = r.candidate_number;
  out.version = r.version;
  out.status = r.status;
  out.rule_set_version = r.rule_set_version;
  out.pole_code = r.pole;
  const Academy* academy = rules ? rules->academy(r.academy) : nullptr;
  const Pole* pole = academy ? academy->find_pole(r.pole) : nullptr;
  if (pole) out.pole = *pole;
  // The office the candidate contacts: the session's own when its notice names one.
  const Session* session = academy ? academy->find_session(r.exam, r.session) : nullptr;
  if (const Pole* contact = session ? academy->contact_for(*session, r.pole) : pole) out.contact = *contact;
  if (session) out.session_title = session->title;
  if (const Exam* exam = rules ? rules->exam(r.exam) : nullptr) out.exam_name = exam->name;
  out.pieces = required_pieces(r);
  out.answers = json::parse(r.answers_json).as_object();
  out.created_at = r.created_at;
  out.updated_at = r.updated_at;
  out.withdrawn_at = r.withdrawn_at;
  out.withdrawal_reason = r.withdrawal_reason;
  out.zone = academy ? academy->zone : *find_zone("Europe/Paris");
  return out;
}

}  // namespace guichet::services
