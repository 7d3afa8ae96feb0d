// The office's reads: search, CSV export, one registration, its history.
#include <boost/json.hpp>
#include <fmt/format.h>
#include <date/tz.h>

#include <set>

#include "core/time_format.hpp"
#include "services/academy_zone.hpp"
#include "services/answer_text.hpp"
#include "services/csv.hpp"
#include "db/accounts_repository.hpp"
#include "db/registrations_repository.hpp"
#include "db/office_queries.hpp"
#include "db/staff_repository.hpp"
#include "services/office_scope.hpp"
#include "services/office_service.hpp"
#include "services/registration_context.hpp"

namespace guichet::services {
namespace json = boost::json;

namespace {

using Hit = db::RegistrationHit;

Status check_filter(const RegistrationFilter& f) {
  Error e{ErrorCode::validation_failed, "Critères de recherche invalides."};
  static const std::set<std::string> pieces = {"", "confirmed", "unconfirmed", "rejected", "to_review"};
  static const std::set<std::string> statuses = {"", "registered", "withdrawn"};
  static const std::set<std::string> sorts = {"", "number", "name", "updated"};
  if (!sorts.count(f.sort)) e.fields["sort"] = "Valeurs possibles : number, name, updated.";
  if (!pieces.count(f.pieces)) e.fields["pieces"] = "Valeurs possibles : confirmed, unconfirmed, rejected, to_review.";
  if (!statuses.count(f.status)) e.fields["status"] = "Valeurs possibles : registered, withdrawn.";
  if (f.limit < 1 || f.limit > 500) e.fields["limit"] = "Entre 1 et 500.";
  for (const auto* v : {&f.exam, &f.session, &f.speciality, &f.pole, &f.text})
    if (v->size() > 100) e.fields["q"] = "Critère trop long.";
  if (f.after.size() > 300) e.fields["after"] = "Curseur invalide.";
  if (!e.fields.empty()) return e;
  return Status::Ok();
}

// One page of the académie's registrations matching `f`, by registration number.
std::vector<Hit> find_page(db::Session& s, const std::string& academy, const RegistrationFilter& f) {
  return db::search_registrations(s, {academy, f.exam, f.session, f.speciality, f.pole, f.status, f.pieces, f.text,
                                      f.sort, f.after, f.limit});
}

RegistrationSummary summary(const Hit& h) {
  const auto& r = h.row;
  return {r.id,      r.registration_number, r.candidate_number, h.last_name, h.first_name, h.birth_date,
          h.email,   r.exam,                r.session,          r.speciality, r.pole,      r.status,
          r.version, h.pieces_confirmed_at, r.created_at,       r.updated_at};
}

const date::time_zone* zone_of(Rules& rules, const std::string& academy) { return academy_zone(rules, academy); }

}  // namespace

Result<RegistrationPage> OfficeService::search(const Actor& by, const RegistrationFilter& filter) {
  if (Status st = need(by, Right::read_registrations); !st.ok()) return st.error();
  if (Status st = check_filter(filter); !st.ok()) return st.error();
  std::vector<Hit> hits;
  Status st = db_.with_session([&](db::Session& s) {
    hits = find_page(s, by.academy, filter);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  RegistrationPage page;
  page.zone = zone_of(rules_, by.academy);
  for (const auto& h : hits) page.registrations.push_back(summary(h));
  if (static_cast<int>(hits.size()) == filter.limit) page.next = db::sort_cursor(filter.sort, hits.back().row);
  return page;
}

Result<Download> OfficeService::export_csv(const Actor& by, RegistrationFilter filter) {
  if (Status st = need(by, Right::read_registrations); !st.ok()) return st.error();
  filter.limit = 500;
  if (Status st = check_filter(filter); !st.ok()) return st.error();
  auto rules = rules_.current();
  const Academy* academy = rules ? rules->academy(by.academy) : nullptr;
  const date::time_zone* zone = academy ? academy->zone : *find_zone("Europe/Paris");
  // One date format, the French one, in the académie's zone: the file is for French
  // spreadsheets, which read JJ/MM/AAAA (and JJ/MM/AAAA HH:MM) as dates they can sort and
  // filter, where ISO 8601 with an offset stays text.
  auto local = [&](std::optional<Instant> t) {
    if (!t) return std::string();
    return date::format("%d/%m/%Y %H:%M", date::make_zoned(zone, std::chrono::floor<std::chrono::seconds>(*t)));
  };
  auto day = [](const std::string& iso) {
    auto d = parse_calendar_date(iso);
    return d.ok() ? date::format("%d/%m/%Y", *d) : iso;
  };
  std::string out = kCsvBom;  // the BOM: spreadsheets then read the file as UTF-8
  // A code for filters and merges, its label beside it for a person; the postal address and
  // phone for convocations.
  out += "Numéro d'inscription;Numéro de candidat;Nom;Prénom;Date de naissance;Mail;Téléphone;Adresse;"
         "Complément d'adresse;Code postal;Commune;Code examen;Examen;Session;Code spécialité;Spécialité;"
         "Code pôle;Pôle;Code statut;Statut;Version;Pièces confirmées le;Inscrit le;Modifié le\r\n";
  for (;;) {
    std::vector<Hit> hits;
    Status st = db_.with_session([&](db::Session& s) {
      hits = find_page(s, by.academy, filter);
      return Status::Ok();
    });
    if (!st.ok()) return st.error();
    for (const auto& h : hits) {
      const auto& r = h.row;
      const Exam* exam = rules ? rules->exam(r.exam) : nullptr;
      const Speciality* speciality = exam ? exam->find_speciality(r.speciality) : nullptr;
      const Pole* pole = academy ? academy->find_pole(r.pole) : nullptr;
      json::object answers;
      if (auto parsed = json::parse(r.answers_json); parsed.is_object()) answers = std::move(parsed.as_object());
      const std::string answered_phone = answer_string(answers, "phone");
      for (const std::string& v :
           {r.registration_number, r.candidate_number, h.last_name, h.first_name, day(h.birth_date), h.email,
            answered_phone.empty() ? h.phone : answered_phone, answer_string(answers, "address"),
            answer_string(answers, "address_complement"), answer_string(answers, "postal_code"),
            answer_string(answers, "city"), r.exam, exam ? exam->name : std::string(), r.session, r.speciality,
            speciality ? speciality->label : std::string(), r.pole, pole ? pole->name : std::string(), r.status,
            std::string(r.status == "withdrawn" ? "désinscrit" : "inscrit"), std::to_string(r.version),
            local(h.pieces_confirmed_at), local(r.created_at)})
        out += csv_cell(v) + ";";
      out += csv_cell(local(r.updated_at)) + "\r\n";
    }
    if (static_cast<int>(hits.size()) < filter.limit) break;
    filter.after = db::sort_cursor(filter.sort, hits.back().row);
  }
  // Personal data leaving the system in bulk: who took it, and with which filter.
  Status st = db_.transaction([&](db::Session& s) {
    audit(s, by, clock_.now(),
          {"registration.export", "academy", by.academy, "", nullptr,
           json::object{{"exam", filter.exam}, {"session", filter.session}, {"speciality", filter.speciality},
                        {"pole", filter.pole}, {"status", filter.status}, {"pieces", filter.pieces}, {"q", filter.text},
                        {"bytes", out.size()}}});
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  const std::string stamp =
      date::format("%Y-%m-%d-%H%M", date::make_zoned(zone, std::chrono::floor<std::chrono::minutes>(clock_.now())));
  return Download{std::move(out), "inscriptions-" + by.academy + "-" + stamp + ".csv", "text/csv; charset=utf-8"};
}

Result<OfficeRegistration> OfficeService::get(const Actor& by, const std::string& id) {
  if (Status st = need(by, Right::read_registrations); !st.ok()) return st.error();
  auto sc = scoped(by, id);
  if (!sc.ok()) return sc.error();
  std::optional<db::AccountRow> account;
  Status st = db_.with_session([&](db::Session& s) {
    account = db::find_account_by_id(s, sc->row.account_id);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  auto rules = rules_.current();
  return OfficeRegistration{registration_record(sc->row, rules.get()), std::move(account)};
}

Result<RegistrationHistory> OfficeService::history(const Actor& by, const std::string& id) {
  if (Status st = need(by, Right::read_registrations); !st.ok()) return st.error();
  auto sc = scoped(by, id);
  if (!sc.ok()) return sc.error();
  std::vector<db::RegistrationVersionRow> versions;
  std::map<std::string, std::string> staff_names;
  Status st = db_.with_session([&](db::Session& s) {
    versions = db::list_versions(s, id);
    for (const auto& v : versions)
      if (v.changed_by.rfind("staff:", 0) == 0 && !staff_names.count(v.changed_by))
        if (auto u = db::find_staff_user(s, v.changed_by.substr(6))) staff_names[v.changed_by] = u->display_name;
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  RegistrationHistory out;
  out.zone = zone_of(rules_, by.academy);
  for (auto& v : versions) {
    const std::string changed_by = v.changed_by;
    RegistrationVersion version = registration_version(std::move(v));
    if (auto it = staff_names.find(changed_by); it != staff_names.end()) {
      version.staff_id = changed_by.substr(6);
      version.staff_name = it->second;
    }
    out.versions.push_back(std::move(version));
  }
  return out;
}

RegistrationVersion registration_version(db::RegistrationVersionRow row) {
  RegistrationVersion version;
  version.version = row.version;
  version.saved_at = row.saved_at;
  version.by_candidate = row.changed_by == "candidate";
  version.reason = std::move(row.reason);
  version.answers_json = std::move(row.answers_json);
  version.pieces_json = std::move(row.pieces_json);
  version.pole = std::move(row.pole);
  version.rule_set_version = std::move(row.rule_set_version);
  return version;
}

}  // namespace guichet::services
