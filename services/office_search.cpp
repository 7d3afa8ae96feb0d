// The office's reads: search, CSV export, one registration, its history.
#include <boost/json.hpp>
#include <fmt/format.h>
#include <date/tz.h>
#include <soci/soci.h>

#include <set>

#include "core/name_key.hpp"
#include "core/time_format.hpp"
#include "services/academy_zone.hpp"
#include "services/answer_text.hpp"
#include "services/csv.hpp"
#include "db/accounts_repository.hpp"
#include "db/registrations_repository.hpp"
#include "db/row_codec.hpp"
#include "db/staff_repository.hpp"
#include "services/office_scope.hpp"
#include "services/office_service.hpp"
#include "services/registration_context.hpp"

namespace guichet::services {
namespace json = boost::json;
using db_detail::maybe_instant;
using db_detail::text;

namespace {

struct Hit {
  db::RegistrationRow row;
  std::string last_name, first_name, birth_date, email, phone;
  std::optional<Instant> pieces_confirmed_at;
};

Status check_filter(const RegistrationFilter& f) {
  Error e{"validation_failed", "Critères de recherche invalides."};
  static const std::set<std::string> pieces = {"", "confirmed", "unconfirmed", "rejected", "to_review"};
  static const std::set<std::string> statuses = {"", "registered", "withdrawn"};
  if (!pieces.count(f.pieces)) e.fields["pieces"] = "Valeurs possibles : confirmed, unconfirmed, rejected, to_review.";
  if (!statuses.count(f.status)) e.fields["status"] = "Valeurs possibles : registered, withdrawn.";
  if (f.limit < 1 || f.limit > 500) e.fields["limit"] = "Entre 1 et 500.";
  for (const auto* v : {&f.exam, &f.session, &f.speciality, &f.pole, &f.text, &f.after})
    if (v->size() > 100) e.fields["q"] = "Critère trop long.";
  if (!e.fields.empty()) return e;
  return Status::Ok();
}

// One page of the académie's registrations matching `f`, by registration number. Only the
// filters given become SQL conditions, so each query can use its index.
std::vector<Hit> find_page(soci::session& s, const std::string& academy, const RegistrationFilter& f) {
  std::string sql = std::string("SELECT ") + db::registration_columns("r") +
                    ", a.last_name, a.first_name, a.birth_date, a.email, ps.confirmed_at, a.phone "
                    "FROM registrations r JOIN accounts a ON a.id = r.account_id "
                    "LEFT JOIN piece_sets ps ON ps.registration_id = r.id WHERE r.academy = :academy";
  std::vector<std::string> values;
  values.reserve(12);  // bound by reference: no reallocation once bound
  values.push_back(academy);
  auto where = [&](const std::string& condition, const std::string& value) {
    sql += " AND " + condition;
    values.push_back(value);
  };
  if (!f.exam.empty()) where("r.exam = :exam", f.exam);
  if (!f.session.empty()) where("r.session = :session", f.session);
  if (!f.speciality.empty()) where("r.speciality = :speciality", f.speciality);
  if (!f.pole.empty()) where("r.pole = :pole", f.pole);
  if (!f.status.empty()) where("r.status = :status", f.status);
  if (!f.after.empty()) where("r.registration_number > :after", f.after);
  if (!f.text.empty()) {
    // One kind of search per text, each on its own index (an OR of the three would make the
    // database walk the whole académie): "A13-..." a registration number, digits a candidate
    // number, anything else the start of a name, folded like the stored key.
    std::string number;
    for (char c : f.text)
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '-')
        number += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const bool registration = number.size() >= 2 && number[0] == 'A' && std::isdigit(static_cast<unsigned char>(number[1]));
    const bool candidate = !number.empty() && number.find_first_not_of("0123456789") == std::string::npos;
    if (registration) where("r.registration_number LIKE :number", number + "%");
    else if (candidate) where("r.candidate_number LIKE :candidate", number + "%");
    else where("r.name_key LIKE :name", name_key(f.text) + "%");
  }
  // EXISTS rather than a condition on the joined row: the database then walks the académie's
  // registrations in number order and stops at the page's end.
  if (f.pieces == "confirmed")
    sql += " AND EXISTS (SELECT 1 FROM piece_sets p2 WHERE p2.registration_id = r.id AND p2.confirmed_at IS NOT NULL)";
  if (f.pieces == "unconfirmed")
    sql += " AND NOT EXISTS (SELECT 1 FROM piece_sets p2 WHERE p2.registration_id = r.id AND p2.confirmed_at IS NOT NULL)";
  if (f.pieces == "rejected")
    sql += " AND EXISTS (SELECT 1 FROM piece_reviews pr WHERE pr.registration_id = r.id AND pr.verdict = 'rejected')";
  if (f.pieces == "to_review")
    // A file the office has not judged since it arrived.
    sql += " AND EXISTS (SELECT 1 FROM piece_files pf WHERE pf.registration_id = r.id AND NOT EXISTS ("
           "SELECT 1 FROM piece_reviews pr WHERE pr.registration_id = r.id AND pr.piece_code = pf.piece_code "
           "AND pr.reviewed_at >= pf.uploaded_at))";
  sql += fmt::format(" ORDER BY r.registration_number LIMIT {}", f.limit);

  auto query = (s.prepare << sql);
  for (const auto& v : values) query, soci::use(v);
  soci::rowset<soci::row> rows(query);
  std::vector<Hit> out;
  for (const auto& r : rows) {
    Hit h;
    h.row = db::registration_from_row(r);
    constexpr std::size_t k = db::kRegistrationColumnCount;
    h.last_name = text(r, k);
    h.first_name = text(r, k + 1);
    h.birth_date = text(r, k + 2);
    h.email = text(r, k + 3);
    h.pieces_confirmed_at = maybe_instant(r, k + 4);
    h.phone = text(r, k + 5);
    out.push_back(std::move(h));
  }
  return out;
}

std::string when(Instant t, const date::time_zone* zone) {
  return format_rfc3339(std::chrono::floor<std::chrono::seconds>(t), zone);
}

json::object hit_json(const Hit& h, const date::time_zone* zone) {
  const auto& r = h.row;
  return {{"id", r.id},
          {"registration_number", r.registration_number},
          {"candidate_number", r.candidate_number},
          {"last_name", h.last_name},
          {"first_name", h.first_name},
          {"birth_date", h.birth_date},
          {"email", h.email},
          {"exam", r.exam},
          {"session", r.session},
          {"speciality", r.speciality},
          {"pole", r.pole},
          {"status", r.status},
          {"version", r.version},
          {"pieces_confirmed_at", h.pieces_confirmed_at ? json::value(when(*h.pieces_confirmed_at, zone)) : nullptr},
          {"created_at", when(r.created_at, zone)},
          {"updated_at", when(r.updated_at, zone)}};
}


const date::time_zone* zone_of(Rules& rules, const std::string& academy) { return academy_zone(rules, academy); }

}  // namespace

Result<json::object> OfficeService::search(const Actor& by, const RegistrationFilter& filter) {
  if (Status st = need(by, Right::read_registrations); !st.ok()) return st.error();
  if (Status st = check_filter(filter); !st.ok()) return st.error();
  std::vector<Hit> hits;
  Status st = db_.with_session([&](soci::session& s) {
    hits = find_page(s, by.academy, filter);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  const date::time_zone* zone = zone_of(rules_, by.academy);
  json::array items;
  for (const auto& h : hits) items.push_back(hit_json(h, zone));
  json::value next = nullptr;
  if (static_cast<int>(hits.size()) == filter.limit) next = json::string(hits.back().row.registration_number);
  return json::object{{"registrations", std::move(items)}, {"next", std::move(next)}};
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
    Status st = db_.with_session([&](soci::session& s) {
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
    filter.after = hits.back().row.registration_number;
  }
  // Personal data leaving the system in bulk: who took it, and with which filter.
  Status st = db_.transaction([&](soci::session& s) {
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
  Status st = db_.with_session([&](soci::session& s) {
    account = db::find_account_by_id(s, sc->row.account_id);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  auto rules = rules_.current();
  return OfficeRegistration{registration_record(sc->row, rules.get()), std::move(account)};
}

Result<json::array> OfficeService::history(const Actor& by, const std::string& id) {
  if (Status st = need(by, Right::read_registrations); !st.ok()) return st.error();
  auto sc = scoped(by, id);
  if (!sc.ok()) return sc.error();
  std::vector<db::RegistrationVersionRow> versions;
  std::map<std::string, std::string> staff_names;
  Status st = db_.with_session([&](soci::session& s) {
    versions = db::list_versions(s, id);
    for (const auto& v : versions)
      if (v.changed_by.rfind("staff:", 0) == 0 && !staff_names.count(v.changed_by))
        if (auto u = db::find_staff_user(s, v.changed_by.substr(6))) staff_names[v.changed_by] = u->display_name;
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  const date::time_zone* zone = zone_of(rules_, by.academy);
  json::array out;
  for (const auto& v : versions) {
    json::object by_json{{"kind", v.changed_by == "candidate" ? "candidate" : "staff"}};
    if (auto it = staff_names.find(v.changed_by); it != staff_names.end()) {
      by_json["id"] = v.changed_by.substr(6);
      by_json["name"] = it->second;
    }
    out.push_back(json::object{{"version", v.version},
                               {"saved_at", when(v.saved_at, zone)},
                               {"changed_by", std::move(by_json)},
                               {"reason", v.reason},
                               {"answers", json::parse(v.answers_json)},
                               {"pieces", json::parse(v.pieces_json)},
                               {"pole", v.pole},
                               {"rule_set_version", v.rule_set_version}});
  }
  return out;
}

}  // namespace guichet::services
