// Registrations, their version history, and the counters behind their numbers.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"

namespace soci {
class session;
class row;
}

namespace guichet::db {

struct RegistrationRow {
  std::string id;
  std::string account_id;
  std::string academy, exam, session;
  std::string registration_number, candidate_number;
  int version = 1;
  std::string status;  // registered | withdrawn
  std::string pole;    // pole code
  std::string answers_json, pieces_json;
  std::string rule_set_version;
  Instant created_at{}, updated_at{};
  std::optional<Instant> withdrawn_at;
  std::string withdrawal_reason;
  std::string name_key;    // person_key() of the candidate, for the office's search
  std::string speciality;  // the answer "speciality", for the office's filters
  // Who made this version and why (the history's columns): "candidate" or "staff:<user id>".
  std::string changed_by = "candidate";
  std::string change_reason;
};

// One saved version of a registration, as kept for the office.
struct RegistrationVersionRow {
  int version = 0;
  std::string answers_json, pieces_json, pole, rule_set_version, changed_by, reason;
  Instant saved_at{};
};

// Next value of a named counter (1, 2, ...); serialises writers of that counter until commit.
long long next_counter(soci::session& s, const std::string& name);
// The candidate's number in that académie, made on first use from `make(sequence)`.
std::string candidate_number(soci::session& s, const std::string& academy, const std::string& account_id,
                             const std::string& prefix);

// Increments the version of registration `id` first thing in a modification: the UPDATE locks
// the row in both backends, so concurrent modifications queue instead of losing one.
void bump_version(soci::session& s, const std::string& id);
void insert_registration(soci::session& s, const RegistrationRow& r);
// Saves `r` as a new version: updates the current row and appends to the history.
void save_version(soci::session& s, const RegistrationRow& r);
std::optional<RegistrationRow> find_registration(soci::session& s, const std::string& id);
// A registration with its candidate's identity (from the account), as exports need it.
struct RegistrationWithCandidate {
  RegistrationRow row;
  std::string last_name, first_name, birth_date, birth_place, nationality, email, phone;
};
// An académie's registrations by id, after `after_id` ("" from the start), each with its
// candidate, in one query: exports page through.
std::vector<RegistrationWithCandidate> registrations_of_academy(soci::session& s, const std::string& academy,
                                                                const std::string& after_id, int limit);
std::optional<std::string> find_registration_id_by_number(soci::session& s, const std::string& academy,
                                                          const std::string& number);
bool registration_exists_for(soci::session& s, const std::string& account_id, const std::string& academy,
                             const std::string& exam, const std::string& session);
std::vector<RegistrationRow> list_registrations(soci::session& s, const std::string& account_id);
int count_versions(soci::session& s, const std::string& registration_id);
// Every version, oldest first.
std::vector<RegistrationVersionRow> list_versions(soci::session& s, const std::string& registration_id);
// Sets status "withdrawn" with its time and reason (nothing else changes, nothing is deleted).
void mark_withdrawn(soci::session& s, const std::string& id, Instant at, const std::string& reason);
// The candidate's name changed (an office correction): every registration's search key follows.
void update_name_keys(soci::session& s, const std::string& account_id, const std::string& name_key);
// The columns a RegistrationRow reads, each prefixed with `alias.`, for queries that join;
// registration_from_row() reads them back from column `first` on.
std::string registration_columns(const std::string& alias);
inline constexpr std::size_t kRegistrationColumnCount = 19;
RegistrationRow registration_from_row(const soci::row& r, std::size_t first = 0);

}  // namespace guichet::db
