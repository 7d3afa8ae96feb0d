// The event outbox: domain events appended in the transaction of the change they describe,
// and each consumer's progress through them (a cursor, a backoff, events parked after a
// permanent failure). See docs/decisions.md, "Event outbox".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"

namespace soci {
class session;
}

namespace guichet::db {

struct EventRow {
  long long seq = 0;
  std::string id, type, aggregate, payload;
  Instant occurred_at{};
};

// Appends one event; `row.seq` is assigned by the database.
void append_event(soci::session& s, const EventRow& row);
// Events after `after_seq`, in seq order.
std::vector<EventRow> events_after(soci::session& s, long long after_seq, int limit);
std::optional<EventRow> event_at(soci::session& s, long long seq);
long long last_event_seq(soci::session& s);  // 0 when none

// Deletes events older than `before` that every live consumer has passed (a consumer whose
// lease is older than `before` is gone: its plugin was removed) and none has parked.
// Returns how many.
long long purge_events(soci::session& s, Instant before);

struct CursorRow {
  std::string consumer;
  long long last_seq = 0;
  int attempts = 0;  // failed attempts at the event after last_seq
  Instant next_attempt_at{};
  std::string last_error, lease_owner;
  Instant lease_until{};
};

// The consumer's cursor; a new consumer's starts at the end of the log (it hears of what
// happens from then on).
CursorRow ensure_cursor(soci::session& s, const std::string& consumer, Instant now);
// Takes or renews the consumer's lease for `owner`; false when another owner holds it.
bool lease_cursor(soci::session& s, const std::string& consumer, const std::string& owner, Instant now,
                  Instant until);
// Gives the lease up (a server stopping), so the next one need not wait for it to run out.
// Its lease ends at `now` (not earlier: the purge tells a removed plugin by an old lease).
void release_cursor(soci::session& s, const std::string& consumer, const std::string& owner, Instant now);
void save_cursor(soci::session& s, const CursorRow& c);
std::vector<CursorRow> all_cursors(soci::session& s);

struct ParkedRow {
  std::string consumer;
  long long seq = 0;
  std::string aggregate;
  int attempts = 0;
  Instant next_attempt_at{};
  std::string last_error;
};

void park_event(soci::session& s, const ParkedRow& p);
// Every parked event of the consumer, in seq order (few: only permanent failures and what
// waits behind them for the same aggregate).
std::vector<ParkedRow> parked_events(soci::session& s, const std::string& consumer, int limit);
long long count_parked(soci::session& s, const std::string& consumer);
void unpark_event(soci::session& s, const std::string& consumer, long long seq);
void update_parked(soci::session& s, const ParkedRow& p);

}  // namespace guichet::db
