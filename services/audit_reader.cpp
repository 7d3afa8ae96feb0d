#include "services/audit_reader.hpp"

#include "core/time_format.hpp"
#include "services/academy_zone.hpp"
#include "services/csv.hpp"

#include <date/tz.h>
#include "db/audit_repository.hpp"
#include "services/staff_roles.hpp"

namespace guichet::services {

namespace {

Status check(const Actor& by, const AuditFilter& f) {
  if (!allows(by.roles, Right::read_audit)) return Error{ErrorCode::forbidden, "Votre rôle ne permet pas cette action."};
  Error e{ErrorCode::validation_failed, "Critères invalides."};
  if (f.limit < 1 || f.limit > 1000) e.fields["limit"] = "Entre 1 et 1000.";
  for (const auto* v : {&f.action, &f.actor, &f.target})
    if (v->size() > 100) e.fields["q"] = "Critère trop long.";
  if (!e.fields.empty()) return e;
  return Status::Ok();
}

db::AuditQuery to_query(const Actor& by, const AuditFilter& f) {
  db::AuditQuery q;
  q.academy = by.academy;
  q.action_prefix = f.action;  // literal: the query escapes LIKE's wildcards
  q.actor_id = f.actor;
  q.target_id = f.target;
  q.from = f.from;
  q.to = f.to;
  q.after_seq = f.after;
  q.limit = f.limit;
  return q;
}



}  // namespace

Result<AuditPage> AuditReader::query(const Actor& by, const AuditFilter& filter) {
  if (Status st = check(by, filter); !st.ok()) return st.error();
  std::vector<db::AuditRow> rows;
  Status st = db_.with_session([&](db::Session& s) {
    rows = db::query_audit(s, to_query(by, filter));
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  AuditPage page;
  page.zone = zone_of(by);
  for (auto& r : rows)
    page.entries.push_back({r.seq, r.at, std::move(r.actor_id), std::move(r.actor), std::move(r.action),
                            std::move(r.target_type), std::move(r.target_id), std::move(r.reason),
                            std::move(r.before_json), std::move(r.after_json)});
  if (static_cast<int>(page.entries.size()) == filter.limit) page.next = page.entries.back().seq;
  return page;
}

const date::time_zone* AuditReader::zone_of(const Actor& by) const {
  return rules_ ? academy_zone(*rules_, by.academy) : *find_zone("Etc/UTC");
}

Result<Download> AuditReader::export_csv(const Actor& by, AuditFilter filter) {
  filter.limit = 1000;
  if (Status st = check(by, filter); !st.ok()) return st.error();
  const date::time_zone* zone = zone_of(by);
  // French dates as in the registrations' export; the offset beside each, so that the hour
  // a daylight-saving change repeats stays unambiguous in an audit.
  std::string out = std::string(kCsvBom) +
                    "Numéro;Date;Décalage UTC;Auteur;Identifiant de l'auteur;Action;Objet;Identifiant;Motif;Avant;"
                    "Après\r\n";
  for (;;) {
    std::vector<db::AuditRow> rows;
    Status st = db_.with_session([&](db::Session& s) {
      rows = db::query_audit(s, to_query(by, filter));
      return Status::Ok();
    });
    if (!st.ok()) return st.error();
    for (const auto& r : rows) {
      const std::string at = local_rfc3339(r.at, zone);  // 2024-11-01T10:00:00+01:00
      const auto local = date::make_zoned(zone, std::chrono::floor<std::chrono::seconds>(r.at));
      out += std::to_string(r.seq) + ";" + date::format("%d/%m/%Y %H:%M:%S", local) + ";" +
             (at.ends_with("Z") ? std::string("+00:00") : at.substr(at.size() - 6)) + ";" + csv_cell(r.actor) + ";" +
             csv_cell(r.actor_id) + ";" + csv_cell(r.action) + ";" + csv_cell(r.target_type) + ";" +
             csv_cell(r.target_id) + ";" + csv_cell(r.reason) + ";" + csv_cell(r.before_json) + ";" +
             csv_cell(r.after_json) + "\r\n";
    }
    if (static_cast<int>(rows.size()) < filter.limit) break;
    filter.after = rows.back().seq;
  }
  return Download{std::move(out), "journal-audit-" + by.academy + ".csv",
                  "text/csv; charset=utf-8"};
}

}  // namespace guichet::services
