// The back office's reads that join registrations with their candidates' accounts: the
// search (one page, by registration number) and the registered candidates an impact
// analysis judges again. Functions take a soci::session, as the repositories do.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "db/registrations_repository.hpp"

namespace soci {
class session;
}

namespace guichet::db {

struct RegistrationSearch {
  std::string academy;
  std::string exam, session, speciality, pole, status;  // "" for any
  std::string pieces;  // "" | confirmed | unconfirmed | rejected | to_review
  std::string text;    // start of a name, or of a registration or candidate number
  // The order: "" or "number" (registration number), "name" (name key, then number),
  // "updated" (most recently changed first).
  std::string sort;
  // Where the previous page ended: its last registration number, or for the other orders
  // "<name key or updated_at>~<registration number>" (sort_cursor()).
  std::string after;
  int limit = 50;
};

// The `after` of the page that follows `last` in `sort`'s order.
std::string sort_cursor(const std::string& sort, const RegistrationRow& last);

struct RegistrationHit {
  RegistrationRow row;
  std::string last_name, first_name, birth_date, email, phone;
  std::optional<Instant> pieces_confirmed_at;
};

// One page of the académie's registrations matching `q`, in its order.
std::vector<RegistrationHit> search_registrations(soci::session& s, const RegistrationSearch& q);

struct RegisteredCandidate {
  std::string id, registration_number, exam, session, answers_json, pieces_json, pole;
  Instant saved_at{};
  std::string birth_date, nationality, email, last_name, first_name;
};

// The académie's registrations that are not withdrawn, with their candidate, by number.
std::vector<RegisteredCandidate> registered_candidates(soci::session& s, const std::string& academy);

}  // namespace guichet::db
