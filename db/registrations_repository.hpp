// Registrations, their version history, and the counters behind their numbers.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"

namespace soci {
class session;
}

namespace guichet::db {

struct RegistrationRow {
  std::string id;
  std::string account_id;
  std::string academy, exam, session;
  std::string registration_number, candidate_number;
  int version = 1;
  std::string status;  // registered
  std::string pole;    // pole code
  std::string answers_json, pieces_json;
  std::string rule_set_version;
  Instant created_at{}, updated_at{};
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
bool registration_exists_for(soci::session& s, const std::string& account_id, const std::string& academy,
                             const std::string& exam, const std::string& session);
std::vector<RegistrationRow> list_registrations(soci::session& s, const std::string& account_id);
int count_versions(soci::session& s, const std::string& registration_id);

}  // namespace guichet::db
