#include "services/pilotage.hpp"

#include <date/tz.h>

#include <algorithm>
#include <future>
#include <set>

#include "core/time_format.hpp"
#include "db/accounts_repository.hpp"
#include "db/dashboard_queries.hpp"
#include "db/registrations_repository.hpp"
#include "db/sql_time.hpp"
#include "services/academy_zone.hpp"
#include "services/mail_queue.hpp"
#include "services/office_scope.hpp"
#include "services/piece_facts.hpp"
#include "services/registration_context.hpp"

namespace guichet::services {

namespace {

using date::local_days;

constexpr int kReminderListLimit = 500;  // a page a manager reads and ticks, not a mailing list
const std::vector<std::string> kToRemind = {"none", "incomplete", "refused"};

local_days local_day(Instant t, const date::time_zone* zone) {
  return std::chrono::floor<date::days>(date::make_zoned(zone, t).get_local_time());
}

std::string day_text(local_days d) { return date::format("%F", d); }

Error no_session() { return {ErrorCode::not_found, "Cette session n'existe pas pour votre académie."}; }

std::string mode_code(FinalMode m) { return m == FinalMode::postal ? "postal" : "upload"; }
std::string mode_label(const std::string& code) {
  return code == "postal" ? "Envoi postal du dossier" : code == "upload" ? "Dépôt en ligne des pièces" : "Mode inconnu";
}

std::string piece_state_label(const std::string& state) {
  if (state == "none") return "Aucune pièce envoyée";
  if (state == "incomplete") return "Pièces incomplètes";
  if (state == "complete") return "Complètes, non confirmées";
  if (state == "confirmed") return "Confirmées";
  if (state == "refused") return "Pièce refusée à remplacer";
  return "En cours de calcul";
}

// "1 234" with a narrow no-break space, as French prints thousands.
std::string french_count(long long n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += "\u202f";
    out += digits[i];
  }
  return out;
}

// Counts sorted by count, then label: the largest first, as a chart reads.
std::vector<CountBy> sorted(std::map<std::string, CountBy> m) {
  std::vector<CountBy> out;
  for (auto& [k, v] : m) out.push_back(std::move(v));
  std::stable_sort(out.begin(), out.end(), [](const CountBy& a, const CountBy& b) {
    return a.count != b.count ? a.count > b.count : a.label < b.label;
  });
  return out;
}

void add(std::map<std::string, CountBy>& m, const std::string& code, const std::string& label, long long n) {
  auto& c = m[code];
  c.code = code;
  c.label = label;
  c.count += n;
}

// One exam's sessions in the académie, from the rules and from the registrations kept.
struct SessionRef {
  std::string exam, session;
  const Session* rules = nullptr;  // none when the rules no longer describe it
};

// The session before `current` for the same exam: the rules' with the latest opening before
// it, else the greatest label below it among those with registrations.
std::optional<SessionRef> previous_of(const SessionRef& current, const std::vector<SessionRef>& all) {
  std::optional<SessionRef> best;
  for (const auto& s : all) {
    if (s.exam != current.exam || s.session == current.session) continue;
    const bool before = current.rules && s.rules ? s.rules->opens < current.rules->opens : s.session < current.session;
    if (!before) continue;
    const bool later = !best || (best->rules && s.rules ? s.rules->opens > best->rules->opens : s.session > best->session);
    if (later) best = s;
  }
  return best;
}

// The instant an hour bucket ("2024-10-10T08", UTC) starts.
std::optional<Instant> hour_start(const db::HourCount& h) {
  auto at = db_detail::from_sql_time(h.hour + ":00:00Z");
  return at.ok() ? std::optional<Instant>(*at) : std::nullopt;
}

// The local day of `exam`'s first registration among `hours`: day 0 of a session the rules no
// longer describe.
std::optional<local_days> first_day(const std::vector<db::HourCount>& hours, const std::string& exam,
                                    const date::time_zone* zone) {
  std::optional<local_days> first;
  for (const auto& h : hours)
    if (h.exam == exam)
      if (auto at = hour_start(h)) {
        const local_days day = local_day(*at, zone);
        if (!first || day < *first) first = day;
      }
  return first;
}

// Registrations per day since each exam's opening, summed over exams; days without any are 0
// up to `last_day` at least.
std::vector<DayCount> per_day(const std::vector<db::HourCount>& hours, const std::map<std::string, local_days>& openings,
                              const date::time_zone* zone, int last_day) {
  std::map<int, long long> counts;
  for (const auto& h : hours) {
    auto opening = openings.find(h.exam);
    if (opening == openings.end()) continue;
    auto at = hour_start(h);
    if (!at) continue;
    // UTC hours fold into local days exactly for zones on whole hours (every académie's).
    const int day = std::max(0, static_cast<int>((local_day(*at, zone) - opening->second).count()));
    counts[day] += h.count;
  }
  if (!counts.empty()) last_day = std::max(last_day, counts.rbegin()->first);
  const local_days first_opening = openings.empty() ? local_days{} : openings.begin()->second;
  std::vector<DayCount> out;
  long long total = 0;
  for (int d = 0; d <= last_day; ++d) {
    const long long n = counts.count(d) ? counts[d] : 0;
    total += n;
    out.push_back({d, day_text(first_opening + date::days{d}), n, total});
  }
  return out;
}

}  // namespace

PilotageService::PilotageService(Database& db, const Clock& clock, Rules& rules, CandidateConfig config)
    : db_(db), clock_(clock), rules_(rules), config_(std::move(config)) {}

Result<Dashboard> PilotageService::dashboard(const Actor& by, const std::string& session_label,
                                             const std::string& exam_code) {
  if (Status st = need(by, Right::read_registrations); !st.ok()) return st.error();
  const Instant now = clock_.now();
  auto set = rules_.current();
  const Academy* academy = set ? set->academy(by.academy) : nullptr;
  const date::time_zone* zone = academy_zone(rules_, by.academy);

  auto kept = registered_sessions(by.academy);
  if (!kept.ok()) return kept.error();
  Status st = Status::Ok();

  // Every session the académie has: its rules' and those its registrations name.
  std::vector<SessionRef> all;
  if (academy)
    for (const auto& s : academy->sessions) all.push_back({s.exam, s.session, &s});
  for (const auto& k : *kept)
    if (std::none_of(all.begin(), all.end(), [&](const SessionRef& r) { return r.exam == k.exam && r.session == k.session; }))
      all.push_back({k.exam, k.session, nullptr});
  auto exam_name = [&](const std::string& code) {
    const Exam* e = set ? set->exam(code) : nullptr;
    return e ? e->name : code;
  };

  Dashboard d;
  d.academy = by.academy;
  d.academy_name = academy ? academy->name : by.academy;
  d.timezone = zone->name();
  d.as_of = now;
  d.exam = exam_code;
  d.session = session_label;
  if (d.session.empty()) {
    // The session open now (the last opened if several), else the last opened, else the
    // greatest label among those only the registrations name.
    const Seconds now_s = std::chrono::floor<std::chrono::seconds>(now);
    const SessionRef *open_now = nullptr, *last_opened = nullptr, *greatest = nullptr;
    for (const auto& r : all) {
      if (r.rules && r.rules->opens <= now_s) {
        if (!last_opened || r.rules->opens > last_opened->rules->opens) last_opened = &r;
        if (now_s < r.rules->closes && (!open_now || r.rules->opens > open_now->rules->opens)) open_now = &r;
      }
      if (!greatest || r.session > greatest->session) greatest = &r;
    }
    const SessionRef* pick = open_now ? open_now : last_opened ? last_opened : greatest;
    if (!pick) return no_session();
    d.session = pick->session;
  }
  std::map<std::string, SessionChoice> choices;
  for (const auto& r : all) {
    auto& c = choices[r.session];
    c.session = r.session;
    c.exams.push_back({r.exam, exam_name(r.exam), 0});
  }
  for (auto it = choices.rbegin(); it != choices.rend(); ++it) d.choices.push_back(it->second);

  std::vector<SessionRef> scope;
  for (const auto& r : all)
    if (r.session == d.session && (exam_code.empty() || r.exam == exam_code)) scope.push_back(r);
  if (scope.empty()) return no_session();

  // Openings (local days) of the scope's exams and of their previous sessions.
  std::map<std::string, local_days> openings, previous_openings;
  std::map<std::string, std::string> previous_label;
  int last_day = 0, previous_last_day = 0;
  std::set<std::string> previous_closed;  // exams whose previous session's window is over
  for (const auto& r : scope) {
    if (!r.rules) continue;
    const auto& fr = r.rules->final_registration;
    d.windows.push_back({r.exam, exam_name(r.exam), r.rules->opens, r.rules->closes, mode_code(fr.mode),
                         fr.deadline ? std::optional<Instant>(*fr.deadline) : std::nullopt});
    openings[r.exam] = local_day(r.rules->opens, zone);
    const Instant until = std::min<Instant>(now, r.rules->closes);
    last_day = std::max(last_day, static_cast<int>((local_day(until, zone) - openings[r.exam]).count()));
    if (auto p = previous_of(r, all)) {
      previous_label[r.exam] = p->session;
      if (p->rules && std::chrono::floor<std::chrono::seconds>(now) >= p->rules->closes) previous_closed.insert(r.exam);
      if (p->rules) {
        previous_openings[r.exam] = local_day(p->rules->opens, zone);
        // The whole previous window: its curve goes on to its close.
        previous_last_day = std::max(
            previous_last_day, static_cast<int>((local_day(p->rules->closes, zone) - previous_openings[r.exam]).count()));
      }
    }
  }

  std::vector<db::HourCount> hours, previous_hours;
  std::vector<db::RegistrationGroup> groups;
  db::ReviewQueueFigures queue;
  db::MailFigures mails;
  // The curves on a second connection meanwhile: each query is an index-only scan of the
  // session's registrations, and the two halves take as long (BENCHMARKS.md).
  auto counts = std::async(std::launch::async, [&] {
    return db_.transaction([&](db::Session& s) {
      db::serial_plans(s);
      groups = db::registration_groups(s, {by.academy, d.session, exam_code});
      queue = db::review_queue_figures(s, {by.academy, d.session, exam_code});
      mails = db::mail_figures(s, by.academy);
      return Status::Ok();
    });
  });
  st = db_.transaction([&](db::Session& s) {
    db::serial_plans(s);
    hours = db::registrations_per_hour(s, {by.academy, d.session, exam_code});
    for (const auto& [exam, label] : previous_label) {
      const std::string key = by.academy + "|" + exam + "|" + label;
      const bool closed = previous_closed.count(exam) > 0;
      std::optional<std::vector<db::HourCount>> h = closed ? previous_cache_.find(key) : std::nullopt;
      if (!h) {
        h = db::registrations_per_hour(s, {by.academy, label, exam});
        if (closed) previous_cache_.put(key, *h);
      }
      if (!previous_openings.count(exam))
        if (auto day = first_day(*h, exam, zone)) previous_openings[exam] = *day;
      previous_hours.insert(previous_hours.end(), h->begin(), h->end());
    }
    return Status::Ok();
  });
  const Status counted = counts.get();
  if (!st.ok()) return st.error();
  if (!counted.ok()) return counted.error();

  for (const auto& r : scope)
    if (!openings.count(r.exam))
      if (auto day = first_day(hours, r.exam, zone)) openings[r.exam] = *day;
  d.per_day = per_day(hours, openings, zone, last_day);
  if (!previous_label.empty()) {
    std::set<std::string> labels;
    for (const auto& [exam, label] : previous_label) labels.insert(label);
    std::string joined;
    for (const auto& l : labels) joined += (joined.empty() ? "" : ", ") + l;
    d.previous_session = joined;
    d.previous_per_day = per_day(previous_hours, previous_openings, zone, previous_last_day);
  }

  std::map<std::string, CountBy> by_exam, by_speciality, by_office, by_mode, pieces;
  for (PiecesProgress ps : kPiecesProgress) {
    const std::string code(piece_state_code(ps));
    pieces[code] = {code, piece_state_label(code), 0};
  }
  for (const auto& g : groups) {
    if (g.status != "registered") {
      if (g.status == "withdrawn") d.withdrawn += g.count;
      continue;
    }
    d.total += g.count;
    add(by_exam, g.exam, exam_name(g.exam), g.count);
    const Exam* exam = set ? set->exam(g.exam) : nullptr;
    if (!g.speciality.empty()) {
      const Speciality* sp = exam ? exam->find_speciality(g.speciality) : nullptr;
      add(by_speciality, g.exam + ":" + g.speciality, sp ? sp->label : g.speciality, g.count);
    }
    const Pole* pole = academy ? academy->find_pole(g.pole) : nullptr;
    add(by_office, g.pole, pole ? pole->name : g.pole, g.count);
    const Session* session = academy ? academy->find_session(g.exam, d.session) : nullptr;
    const std::string mode = session ? mode_code(session->final_registration.mode) : "unknown";
    add(by_mode, mode, mode_label(mode), g.count);
    if (mode == "upload") {
      const std::string state = g.piece_state.value_or("unknown");
      add(pieces, state, piece_state_label(state), g.count);
    }
  }
  d.by_exam = sorted(by_exam);
  d.by_speciality = sorted(by_speciality);
  // The speciality's code alone: the exam is said by the label's chart, not its key.
  for (auto& c : d.by_speciality) c.code = c.code.substr(c.code.find(':') + 1);
  d.by_office = sorted(by_office);
  d.by_mode = sorted(by_mode);
  // Pieces in the order of the journey, the not-yet-computed last and only if any.
  for (PiecesProgress ps : kPiecesProgress) d.pieces.push_back(pieces[std::string(piece_state_code(ps))]);
  if (pieces.count("unknown")) d.pieces.push_back(pieces["unknown"]);
  d.review_count = queue.count;
  d.review_oldest = queue.oldest;
  d.mails_queued = mails.queued;
  d.mails_sent = mails.sent;
  d.mails_failed = mails.failed;
  return d;
}

Result<std::vector<db::ExamSession>> PilotageService::registered_sessions(const std::string& academy) {
  if (auto cached = sessions_cache_.find(academy)) return *cached;
  std::vector<db::ExamSession> kept;
  Status st = db_.with_session([&](db::Session& s) {
    kept = db::registered_sessions(s, academy);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  sessions_cache_.put(academy, kept);
  return kept;
}

Result<ReminderList> PilotageService::reminder_candidates(const Actor& by, const std::string& session_label,
                                                          const std::string& exam_code, int within_days) {
  if (Status st = need(by, Right::change_registrations); !st.ok()) return st.error();
  if (within_days < 0 || within_days > 60)
    return Error{ErrorCode::validation_failed, "Le délai doit être compris entre 0 et 60 jours.",
                 {{"within_days", "Entre 0 et 60 jours."}}};
  const Instant now = clock_.now();
  const Seconds now_s = std::chrono::floor<std::chrono::seconds>(now);
  auto set = rules_.current();
  const Academy* academy = set ? set->academy(by.academy) : nullptr;
  if (!academy) return no_session();
  const date::time_zone* zone = academy_zone(rules_, by.academy);
  ReminderList out;
  out.within_days = within_days;
  out.as_of = now;
  bool known = false;
  for (const auto& session : academy->sessions) {
    if (session.session != session_label || (!exam_code.empty() && session.exam != exam_code)) continue;
    known = true;
    const auto& fr = session.final_registration;
    if (fr.mode != FinalMode::upload || !fr.deadline) continue;
    if (now_s >= *fr.deadline || *fr.deadline > now_s + date::days{within_days}) continue;
    auto c = context_for(rules_, academy->code, session.exam, session.session);
    if (!c.ok()) continue;
    Status st = db_.with_session([&](db::Session& s) {
      auto rows = db::reminder_candidates(s, {academy->code, session.session, session.exam}, kToRemind,
                                          kReminderListLimit + 1);
      if (rows.size() > static_cast<std::size_t>(kReminderListLimit)) {
        rows.pop_back();
        out.more = true;
      }
      // What is missing, for the whole list in two queries (not three per candidate).
      std::vector<std::string> ids;
      for (const auto& row : rows) ids.push_back(row.registration_id);
      auto files = db::piece_files_of(s, ids);
      auto reviews = db::piece_reviews_of(s, ids);
      for (auto& row : rows) {
        ReminderCandidate rc{row.registration_id, row.registration_number, row.exam, c->exam ? c->exam->name : row.exam,
                             row.last_name, row.first_name, row.piece_state, {}, *fr.deadline, row.last_reminded_at,
                             false};
        rc.reminded_today = row.last_reminded_at && local_day(*row.last_reminded_at, zone) == local_day(now, zone);
        db::RegistrationRow stored;
        stored.pieces_json = row.pieces_json;
        PieceFacts facts;
        facts.pieces = required_pieces(stored);
        facts.files = std::move(files[row.registration_id]);
        for (auto& r : reviews[row.registration_id]) facts.reviews.emplace(r.piece_code, r);
        for (const auto* m : facts.missing()) rc.missing.push_back(m->label);
        out.candidates.push_back(std::move(rc));
      }
      return Status::Ok();
    });
    if (!st.ok()) return st.error();
  }
  if (!known) return no_session();
  return out;
}

Result<mail::Message> PilotageService::reminder_preview(const Actor& by, const std::string& registration_id) {
  if (Status st = need(by, Right::change_registrations); !st.ok()) return st.error();
  const Instant now = clock_.now();
  std::optional<mail::Message> message;
  Status st = db_.with_session([&](db::Session& s) -> Status {
    auto reg = db::find_registration(s, registration_id);
    if (!reg || reg->academy != by.academy) return Error{ErrorCode::not_found, "Cette inscription n'existe pas."};
    auto c = context_for(rules_, reg->academy, reg->exam, reg->session);
    if (!c.ok()) return c.error();
    auto account = db::find_account_by_id(s, reg->account_id);
    if (!account) return Error{ErrorCode::not_found, "Cette inscription n'existe pas."};
    const PieceFacts facts = read_piece_facts(s, *reg, c->session->final_registration.deadline, now, false);
    message = pieces_reminder(*account, *reg, *c, facts.missing());
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return *message;
}

Result<ReminderReport> PilotageService::send_reminders(const Actor& by, const std::vector<std::string>& ids) {
  if (Status st = need(by, Right::change_registrations); !st.ok()) return st.error();
  if (ids.empty() || ids.size() > 500)
    return Error{ErrorCode::validation_failed, "Choisissez entre 1 et 500 inscriptions à relancer.",
                 {{"registration_ids", "Entre 1 et 500 inscriptions."}}};
  const Instant now = clock_.now();
  const date::time_zone* zone = academy_zone(rules_, by.academy);
  const std::string today = day_text(local_day(now, zone));
  ReminderReport report;
  for (const auto& id : ids) {
    std::string skipped;
    Status st = db_.transaction([&](db::Session& s) -> Status {
      auto skip = [&](const char* reason) {
        skipped = reason;
        return Status::Ok();
      };
      skipped.clear();
      auto reg = db::find_registration(s, id);
      if (!reg || reg->academy != by.academy || reg->status != "registered") return skip("not_found");
      auto c = context_for(rules_, reg->academy, reg->exam, reg->session);
      if (!c.ok() || c->session->final_registration.mode != FinalMode::upload) return skip("not_upload");
      const PieceFacts facts = read_piece_facts(s, *reg, c->session->final_registration.deadline, now, false);
      // Missing includes a refused piece not given again, confirmed set or not.
      const auto missing = facts.missing();
      if (missing.empty()) return skip("nothing_missing");
      auto account = db::find_account_by_id(s, reg->account_id);
      if (!account) return skip("not_found");
      // The primary key (candidate, day) decides, whichever server or manager comes first.
      if (!db::record_reminder(s, reg->account_id, today, reg->id, now, staff_author(by))) return skip("already_today");
      boost::json::array codes;
      for (const auto* m : missing) codes.emplace_back(m->code);
      queue_mail(s, pieces_reminder(*account, *reg, *c, missing), config_.mail_from, now, reg->academy);
      audit(s, by, now, {"piece.remind", "registration", reg->id, "", nullptr, boost::json::object{{"missing", codes}}});
      return Status::Ok();
    });
    if (!st.ok()) return st.error();
    if (skipped.empty()) ++report.sent;
    else report.skipped.push_back({id, skipped});
  }
  return report;
}

Result<PublicFigures> PilotageService::public_figures(const std::string& code) {
  auto set = rules_.current();
  const Academy* academy = set ? set->academy(code) : nullptr;
  if (!academy) return Error{ErrorCode::unknown_academy, ""};
  if (!academy->public_figures)
    return Error{ErrorCode::not_found, "Cette académie ne publie pas ses chiffres d'inscription."};
  if (auto cached = public_cache_.find(code)) return *cached;
  const Instant now = clock_.now();
  const Seconds now_s = std::chrono::floor<std::chrono::seconds>(now);
  PublicFigures out{academy->code, academy->name, now, {}};
  for (const auto& session : academy->sessions) {
    if (now_s < session.opens || now_s >= session.closes) continue;
    long long n = 0;
    Status st = db_.with_session([&](db::Session& s) {
      for (const auto& g : db::registration_groups(s, {academy->code, session.session, session.exam}))
        if (g.status == "registered") n += g.count;
      return Status::Ok();
    });
    if (!st.ok()) return st.error();
    const Exam* exam = set->exam(session.exam);
    PublicSessionFigure f{session.exam, exam ? exam->name : session.exam, session.session, std::nullopt, ""};
    if (n >= kPublicFloor) {
      f.registrations = n;
      f.text = french_count(n) + " inscriptions enregistrées";
    } else {
      f.text = "Moins de 10 inscriptions enregistrées";
    }
    out.sessions.push_back(std::move(f));
  }
  public_cache_.put(code, out);
  return out;
}

Result<int> PilotageService::fill_piece_states(int limit) {
  std::vector<std::string> ids;
  Status st = db_.with_session([&](db::Session& s) {
    ids = db::registrations_without_piece_state(s, limit);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  for (const auto& id : ids) {
    st = db_.transaction([&](db::Session& s) {
      if (auto reg = db::find_registration(s, id)) store_piece_state(s, *reg);
      return Status::Ok();
    });
    if (!st.ok()) return st.error();
  }
  return static_cast<int>(ids.size());
}

}  // namespace guichet::services
