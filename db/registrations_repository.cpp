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
    "answers, pieces, rule_set_version, created_at, updated_at";

RegistrationRow registration_from(const soci::row& r) {
  RegistrationRow x;
  x.id = text(r, 0);
  x.account_id = text(r, 1);
  x.academy = text(r, 2);
  x.exam = text(r, 3);
  x.session = text(r, 4);
  x.registration_number = text(r, 5);
  x.candidate_number = text(r, 6);
  x.version = static_cast<int>(integer(r, 7));
  x.status = text(r, 8);
  x.pole = text(r, 9);
  x.answers_json = text(r, 10);
  x.pieces_json = text(r, 11);
  x.rule_set_version = text(r, 12);
  x.created_at = instant(r, 13);
  x.updated_at = instant(r, 14);
  return x;
}

void append_version(soci::session& s, const RegistrationRow& r) {
  std::string at = to_sql_time(r.updated_at);
  s << "INSERT INTO registration_versions (registration_id, version, answers, pieces, pole, rule_set_version, "
       "saved_at) VALUES (:id, :v, :a, :p, :pole, :rs, :at)",
      soci::use(r.id), soci::use(r.version), soci::use(r.answers_json), soci::use(r.pieces_json), soci::use(r.pole),
      soci::use(r.rule_set_version), soci::use(at);
}

}  // namespace

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
           ") VALUES (:id, :acc, :ac, :ex, :se, :rn, :cn, :v, :st, :pole, :a, :p, :rs, :cr, :up)",
      soci::use(r.id), soci::use(r.account_id), soci::use(r.academy), soci::use(r.exam), soci::use(r.session),
      soci::use(r.registration_number), soci::use(r.candidate_number), soci::use(r.version), soci::use(r.status),
      soci::use(r.pole), soci::use(r.answers_json), soci::use(r.pieces_json), soci::use(r.rule_set_version),
      soci::use(created), soci::use(updated);
  append_version(s, r);
}

void save_version(soci::session& s, const RegistrationRow& r) {
  std::string updated = to_sql_time(r.updated_at);
  s << "UPDATE registrations SET version = :v, pole = :pole, answers = :a, pieces = :p, rule_set_version = :rs, "
       "updated_at = :up WHERE id = :id",
      soci::use(r.version), soci::use(r.pole), soci::use(r.answers_json), soci::use(r.pieces_json),
      soci::use(r.rule_set_version), soci::use(updated), soci::use(r.id);
  append_version(s, r);
}

std::optional<RegistrationRow> find_registration(soci::session& s, const std::string& id) {
  soci::rowset<soci::row> rows =
      (s.prepare << std::string("SELECT ") + kColumns + " FROM registrations WHERE id = :id", soci::use(id));
  for (const auto& r : rows) return registration_from(r);
  return std::nullopt;
}

std::vector<RegistrationRow> list_registrations(soci::session& s, const std::string& account_id) {
  std::vector<RegistrationRow> out;
  soci::rowset<soci::row> rows =
      (s.prepare << std::string("SELECT ") + kColumns + " FROM registrations WHERE account_id = :a ORDER BY created_at",
       soci::use(account_id));
  for (const auto& r : rows) out.push_back(registration_from(r));
  return out;
}

int count_versions(soci::session& s, const std::string& registration_id) {
  int n = 0;
  s << "SELECT COUNT(*) FROM registration_versions WHERE registration_id = :id", soci::use(registration_id),
      soci::into(n);
  return n;
}

}  // namespace guichet::db
