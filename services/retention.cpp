#include "services/retention.hpp"

#include <date/date.h>
#include <date/tz.h>
#include <fmt/format.h>

#include <boost/json.hpp>

#include "core/rule_set.hpp"
#include "core/time_format.hpp"
#include "db/file_store.hpp"
#include "db/retention_repository.hpp"
#include "services/audit.hpp"

namespace guichet::services {
namespace {

const Actor kSystem{"system", "Conservation des données", "", 0};

AuditRecord record(const RetentionStep& step) {
  AuditRecord r;
  r.action = "retention." + step.category;
  r.target_type = step.category == "comptes" ? "accounts" : "session";
  r.target_id = step.category == "comptes" ? "" : step.exam + "/" + step.session;
  r.reason = step.reason;
  r.after = boost::json::object{{"count", step.count}, {"months", step.months}};
  return r;
}

}  // namespace

Instant add_months(Instant t, int months, const date::time_zone* zone) {
  auto shift = [&](auto local_time) {
    const auto day = date::floor<date::days>(local_time);
    date::year_month_day moved = date::year_month_day{day} + date::months(months);
    if (!moved.ok()) moved = moved.year() / moved.month() / date::last;
    return decltype(day)(moved) + (local_time - day);
  };
  if (!zone) return shift(t);
  // In the académie's own calendar: "six months after 19:00 on 13 November" is 19:00 on 13 May,
  // summer time or not.
  const auto local = zone->to_local(t);
  return std::chrono::time_point_cast<std::chrono::microseconds>(zone->to_sys(shift(local), date::choose::earliest));
}

RetentionService::RetentionService(Database& db, db::FileStore& files, Rules& rules, const Clock& clock)
    : db_(db), files_(files), rules_(rules), clock_(clock) {}

Result<RetentionReport> RetentionService::run(bool dry_run) {
  RetentionReport report;
  report.dry_run = dry_run;
  auto set = rules_.current();
  if (!set) return report;  // no rules: no académie says how long
  const Instant now = clock_.now();
  int accounts_months = 0;
  std::string accounts_reason;
  for (const auto& [code, academy] : set->catalog().academies) {
    // The longest delay any académie gives: an account is shared between académies.
    if (academy.retention.accounts.months > accounts_months) {
      accounts_months = academy.retention.accounts.months;
      accounts_reason = academy.retention.accounts.reason;
    }
    for (const auto& session : academy.sessions) {
      const Instant closed = session.closes;
      for (const auto* rule : {&academy.retention.pieces, &academy.retention.registrations}) {
        const Instant due = add_months(closed, rule->months, academy.zone);
        if (now < due) continue;
        RetentionStep step{code, session.exam, session.session, rule == &academy.retention.pieces ? "pieces" : "inscriptions",
                           0, due, rule->months, rule->reason};
        std::vector<std::string> released;
        const db::SessionKey key{code, session.exam, session.session};
        Status st = db_.transaction([&](db::Session& s) {
          released.clear();
          if (step.category == "pieces") {
            if (dry_run) {
              step.count = static_cast<long long>(db::session_file_ids(s, key).size());
            } else {
              released = db::delete_session_files(s, files_, key);
              step.count = static_cast<long long>(released.size());
            }
          } else {
            step.count = db::count_session_registrations(s, key);
            if (!dry_run && step.count > 0) released = db::delete_session_registrations(s, files_, key);
          }
          if (!dry_run && step.count > 0) {
            Actor actor = kSystem;
            actor.academy = code;
            audit(s, actor, now, record(step));
          }
          return Status::Ok();
        });
        if (!st.ok()) return st.error();
        for (const auto& id : released) files_.release(id);
        if (step.count > 0) report.steps.push_back(std::move(step));
      }
    }
  }
  if (accounts_months > 0) {
    const Instant cutoff = add_months(now, -accounts_months);
    RetentionStep step{"", "", "", "comptes", 0, cutoff, accounts_months, accounts_reason};
    Status st = db_.transaction([&](db::Session& s) {
      auto ids = db::inactive_accounts(s, cutoff);
      step.count = static_cast<long long>(ids.size());
      if (!dry_run && !ids.empty()) {
        db::delete_accounts(s, ids);
        audit(s, kSystem, now, record(step));
      }
      return Status::Ok();
    });
    if (!st.ok()) return st.error();
    if (step.count > 0) report.steps.push_back(std::move(step));
  }
  return report;
}

std::string describe(const RetentionStep& step, bool dry_run) {
  const char* verb = dry_run ? "à supprimer" : "supprimé(s)";
  if (step.category == "comptes")
    return fmt::format("{} compte(s) sans inscription, inactif(s) depuis {} mois, {} — {}", step.count, step.months,
                       verb, step.reason);
  const char* what = step.category == "pieces" ? "fichier(s) de pièces et documents" : "inscription(s)";
  return fmt::format("{} {} {} : {} {}, {} mois après la clôture, {} — {}", step.academy, step.exam, step.session,
                     step.count, what, step.months, verb, step.reason);
}

}  // namespace guichet::services
