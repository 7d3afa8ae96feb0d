#include "db/registrations_repository.hpp"

#include <fmt/format.h>
#include <soci/soci.h>

#include "db/row_codec.hpp"

namespace guichet::db {
using db_detail::instant;
using db_detail::integer;
using db_detail::text;
using db_detail::to_sql_time;

namespace {

constexpr const char* kColumns =
    "id, account_id, academy, exam, session, registration_number, candidate_number, version, status, pole, "
    "answers, pieces, rule_set_version, created_at, updated_at, withdrawn_at, withdrawal_reason, name_key, speciality";

void append_version(soci::session& s, const RegistrationRow& r) {
  std::string at = to_sql_time(r.updated_at);
  s << "INSERT INTO registration_versions (registration_id, version, answers, pieces, pole, rule_set_version, "
       "saved_at, changed_by, reason) VALUES (:id, :v, :a, :p, :pole, :rs, :at, :by, :why)",
      soci::use(r.id), soci::use(r.version), soci::use(r.answers_json), soci::use(r.pieces_json), soci::use(r.pole),
      soci::use(r.rule_set_version), soci::use(at), soci::use(r.changed_by), soci::use(r.change_reason);
}

}  // namespace

std::string registration_columns(const std::string& alias) {
  std::string out = alias + ".";
  for (char c : std::string(kColumns)) {
    out += c;
    if (c == ' ') out += alias + ".";
  }
  return out;
}

RegistrationRow registration_from_row(const soci::row& r, std::size_t f) {
  RegistrationRow x;
  x.id = text(r, f + 0);
  x.account_id = text(r, f + 1);
  x.academy = text(r, f + 2);
  x.exam = text(r, f + 3);
  x.session = text(r, f + 4);
  x.registration_number = text(r, f + 5);
  x.candidate_number = text(r, f + 6);
  x.version = static_cast<int>(integer(r, f + 7));
  x.status = text(r, f + 8);
  x.pole = text(r, f + 9);
  x.answers_json = text(r, f + 10);
  x.pieces_json = text(r, f + 11);
  x.rule_set_version = text(r, f + 12);
  x.created_at = instant(r, f + 13);
  x.updated_at = instant(r, f + 14);
  x.withdrawn_at = db_detail::maybe_instant(r, f + 15);
  x.withdrawal_reason = text(r, f + 16);
  x.name_key = text(r, f + 17);
  x.speciality = text(r, f + 18);
  return x;
}

long long next_counter(soci::session& s, const std::string& name) {
  // One statement, one round trip: the row lock it takes is held until commit, so the
  // shorter the rest of the transaction, the more registrations per second.
  long long value = 0;
  s << "INSERT INTO counters (name, value) VALUES (:n, 1) ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 "
       "RETURNING value",
      soci::use(name), soci::into(value);
  return value;
}

std::string candidate_number(soci::session& s, const std::string& academy, const std::string& account_id,
                             const std::string& prefix) {
  // One-time queries (one round trip on PostgreSQL, where a prepared rowset costs three):
  // this runs while the session's counter row is locked.
  std::string number;
  soci::indicator ind = soci::i_null;
  s << "SELECT number FROM candidate_numbers WHERE academy = :a AND account_id = :id", soci::use(academy),
      soci::use(account_id), soci::into(number, ind);
  if (s.got_data() && ind == soci::i_ok) return number;
  number = fmt::format("{}{:07}", prefix, next_counter(s, "candidate:" + academy));
  s << "INSERT INTO candidate_numbers (academy, account_id, number) VALUES (:a, :id, :n)", soci::use(academy),
      soci::use(account_id), soci::use(number);
  return number;
}

bool registration_exists_for(soci::session& s, const std::string& account_id, const std::string& academy,
                             const std::string& exam, const std::string& session) {
  std::string id;
  soci::indicator ind = soci::i_null;
  s << "SELECT id FROM registrations WHERE account_id = :a AND academy = :ac AND exam = :ex AND session = :s",
      soci::use(account_id), soci::use(academy), soci::use(exam), soci::use(session), soci::into(id, ind);
  return s.got_data() && ind == soci::i_ok;
}

void bump_version(soci::session& s, const std::string& id) {
  s << "UPDATE registrations SET version = version + 1 WHERE id = :id", soci::use(id);
}

void insert_registration(soci::session& s, const RegistrationRow& r) {
  std::string created = to_sql_time(r.created_at), updated = to_sql_time(r.updated_at);
  s << std::string("INSERT INTO registrations (") + kColumns +
           ") VALUES (:id, :acc, :ac, :ex, :se, :rn, :cn, :v, :st, :pole, :a, :p, :rs, :cr, :up, NULL, '', :nk, :spec)",
      soci::use(r.id), soci::use(r.account_id), soci::use(r.academy), soci::use(r.exam), soci::use(r.session),
      soci::use(r.registration_number), soci::use(r.candidate_number), soci::use(r.version), soci::use(r.status),
      soci::use(r.pole), soci::use(r.answers_json), soci::use(r.pieces_json), soci::use(r.rule_set_version),
      soci::use(created), soci::use(updated), soci::use(r.name_key), soci::use(r.speciality);
  append_version(s, r);
}

void save_version(soci::session& s, const RegistrationRow& r) {
  std::string updated = to_sql_time(r.updated_at);
  s << "UPDATE registrations SET version = :v, pole = :pole, answers = :a, pieces = :p, rule_set_version = :rs, "
       "updated_at = :up, speciality = :spec WHERE id = :id",
      soci::use(r.version), soci::use(r.pole), soci::use(r.answers_json), soci::use(r.pieces_json),
      soci::use(r.rule_set_version), soci::use(updated), soci::use(r.speciality), soci::use(r.id);
  append_version(s, r);
}

std::optional<RegistrationRow> find_registration(soci::session& s, const std::string& id) {
  soci::rowset<soci::row> rows =
      (s.prepare << std::string("SELECT ") + kColumns + " FROM registrations WHERE id = :id", soci::use(id));
  for (const auto& r : rows) return registration_from_row(r);
  return std::nullopt;
}

std::optional<std::string> find_registration_id_by_number(soci::session& s, const std::string& academy,
                                                          const std::string& number) {
  std::string id;
  soci::indicator ind = soci::i_null;
  s << "SELECT id FROM registrations WHERE academy = :a AND registration_number = :n", soci::use(academy),
      soci::use(number), soci::into(id, ind);
  if (!s.got_data() || ind != soci::i_ok) return std::nullopt;
  return id;
}

std::vector<RegistrationWithCandidate> registrations_of_academy(soci::session& s, const std::string& academy,
                                                                const std::string& after_id, int limit) {
  std::vector<RegistrationWithCandidate> out;
  soci::rowset<soci::row> rows =
      (s.prepare << "SELECT " + registration_columns("r") +
                        ", a.last_name, a.first_name, a.birth_date, a.birth_place, a.nationality, a.email, a.phone "
                        "FROM registrations r JOIN accounts a ON a.id = r.account_id "
                        "WHERE r.academy = :a AND r.id > :after ORDER BY r.id LIMIT :n",
       soci::use(academy), soci::use(after_id), soci::use(limit));
  constexpr std::size_t f = kRegistrationColumnCount;  // the identity follows the registration's columns
  for (const auto& r : rows)
    out.push_back({registration_from_row(r), text(r, f), text(r, f + 1), text(r, f + 2), text(r, f + 3),
                   text(r, f + 4), text(r, f + 5), text(r, f + 6)});
  return out;
}

std::vector<RegistrationRow> list_registrations(soci::session& s, const std::string& account_id) {
  std::vector<RegistrationRow> out;
  soci::rowset<soci::row> rows =
      (s.prepare << std::string("SELECT ") + kColumns + " FROM registrations WHERE account_id = :a ORDER BY created_at",
       soci::use(account_id));
  for (const auto& r : rows) out.push_back(registration_from_row(r));
  return out;
}

int count_versions(soci::session& s, const std::string& registration_id) {
  int n = 0;
  s << "SELECT COUNT(*) FROM registration_versions WHERE registration_id = :id", soci::use(registration_id),
      soci::into(n);
  return n;
}

std::vector<RegistrationVersionRow> list_versions(soci::session& s, const std::string& registration_id) {
  std::vector<RegistrationVersionRow> out;
  soci::rowset<soci::row> rows =
      (s.prepare << "SELECT version, answers, pieces, pole, rule_set_version, changed_by, reason, saved_at "
                    "FROM registration_versions WHERE registration_id = :id ORDER BY version",
       soci::use(registration_id));
  for (const auto& r : rows) {
    RegistrationVersionRow v;
    v.version = static_cast<int>(integer(r, 0));
    v.answers_json = text(r, 1);
    v.pieces_json = text(r, 2);
    v.pole = text(r, 3);
    v.rule_set_version = text(r, 4);
    v.changed_by = text(r, 5);
    v.reason = text(r, 6);
    v.saved_at = instant(r, 7);
    out.push_back(std::move(v));
  }
  return out;
}

void mark_withdrawn(soci::session& s, const std::string& id, Instant at, const std::string& reason) {
  std::string when = to_sql_time(at);
  s << "UPDATE registrations SET status = 'withdrawn', withdrawn_at = :at, withdrawal_reason = :why, "
       "updated_at = :at2 WHERE id = :id",
      soci::use(when), soci::use(reason), soci::use(when), soci::use(id);
}

void update_name_keys(soci::session& s, const std::string& account_id, const std::string& name_key) {
  s << "UPDATE registrations SET name_key = :k WHERE account_id = :a", soci::use(name_key), soci::use(account_id);
}

}  // namespace guichet::db
