#include "services/event_delivery.hpp"

#include <spdlog/spdlog.h>

#include <set>

#include "services/crypto.hpp"

namespace guichet::services {

struct EventDelivery::Worker {
  // seq of a gap in the stream -> when this server first saw it.
  std::map<long long, std::chrono::steady_clock::time_point> gaps;
  // For /metrics, as of this server's last pass.
  std::atomic<unsigned long long> delivered{0}, retries{0}, refusals{0}, timeouts{0};
  std::atomic<long long> parked{0}, head_attempts{0};
  void count(DeliveryOutcome o) {
    if (o == DeliveryOutcome::delivered) ++delivered;
    else if (o == DeliveryOutcome::retry) ++retries;
    else if (o == DeliveryOutcome::failed) ++refusals;
    else ++timeouts;
  }
};

EventDelivery::EventDelivery(Database& db, const Clock& clock, std::vector<EventConsumer> consumers,
                             EventDeliveryConfig config)
    : db_(db), clock_(clock), consumers_(std::move(consumers)), config_(config), owner_("srv_" + random_id()) {
  for (std::size_t i = 0; i < consumers_.size(); ++i) workers_.push_back(std::make_unique<Worker>());
}

EventDelivery::~EventDelivery() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_) t.join();
  // Hand the leases over at once: a restarted server need not wait for them to run out.
  (void)db_.transaction([&](db::Session& s) {
    for (const auto& c : consumers_) db::release_cursor(s, c.name, owner_, clock_.now());
    return Status::Ok();
  });
}

void EventDelivery::start() {
  // The cursors first, on this thread: a plugin new to the log starts where it ends now, before
  // the server takes any request, so no event of this run can fall before its cursor.
  Status st = db_.transaction([&](db::Session& s) {
    for (const auto& c : consumers_) db::ensure_cursor(s, c.name, clock_.now());
    return Status::Ok();
  });
  if (!st.ok()) spdlog::error("événements : curseurs des greffons non créés : {}", st.error().message);
  for (std::size_t i = 0; i < consumers_.size(); ++i) threads_.emplace_back([this, i] { loop(i); });
}

void EventDelivery::poke() {
  {
    std::lock_guard lock(mu_);
    ++pokes_;
  }
  cv_.notify_all();
}

void EventDelivery::loop(std::size_t index) {
  std::uint64_t seen = 0;
  for (;;) {
    {
      std::lock_guard lock(mu_);
      if (stopping_) return;
      seen = pokes_;
    }
    auto delivered = run_once(index);
    if (!delivered.ok()) spdlog::warn("événements vers {} : {}", consumers_[index].name, delivered.error().message);
    std::unique_lock lock(mu_);
    // A full batch means more is waiting: go on at once.
    if (delivered.ok() && *delivered >= config_.batch) continue;
    cv_.wait_for(lock, config_.poll, [&] { return stopping_ || pokes_ != seen; });
  }
}

std::chrono::milliseconds EventDelivery::backoff(int attempts) const {
  auto d = config_.first_backoff;
  for (int i = 1; i < attempts && d < config_.max_backoff; ++i) d *= 2;
  return std::min(d, config_.max_backoff);
}

bool EventDelivery::wanted(const EventConsumer& c, const std::string& type) const {
  for (const auto& p : c.prefixes)
    if (type.compare(0, p.size(), p) == 0) return true;
  return false;
}

Result<int> EventDelivery::run_once(std::size_t index) {
  const EventConsumer& consumer = consumers_.at(index);
  Worker& worker = *workers_.at(index);
  const Instant now = clock_.now();
  const auto started = std::chrono::steady_clock::now();
  const auto budget = std::chrono::duration_cast<std::chrono::steady_clock::duration>(config_.lease) / 2;

  db::CursorRow cursor;
  bool leased = false;
  std::vector<db::ParkedRow> parked;
  Status st = db_.transaction([&](db::Session& s) -> Status {
    cursor = db::ensure_cursor(s, consumer.name, now);
    leased = db::lease_cursor(s, consumer.name, owner_, now,
                              now + std::chrono::duration_cast<std::chrono::microseconds>(config_.lease));
    if (leased) parked = db::parked_events(s, consumer.name, 1000);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  if (!leased) return 0;  // another server delivers to this consumer

  int delivered = 0;
  long long unparked = 0;
  bool unavailable = false;  // the consumer asked to back off (retry, hung)
  std::set<std::string> blocked;  // aggregates with an earlier event still parked

  // Parked events first, oldest first; an aggregate's later ones wait for its earlier ones.
  for (auto& p : parked) {
    if (blocked.count(p.aggregate)) continue;
    if (p.next_attempt_at > now || std::chrono::steady_clock::now() - started > budget) {
      blocked.insert(p.aggregate);
      continue;
    }
    std::optional<db::EventRow> ev;
    st = db_.with_session([&](db::Session& s) {
      ev = db::event_at(s, p.seq);
      return Status::Ok();
    });
    if (!st.ok()) return st.error();
    std::string error;
    DeliveryOutcome outcome = ev ? consumer.deliver(*ev, static_cast<unsigned>(p.attempts + 1), error)
                                 : DeliveryOutcome::delivered;  // purged: nothing left to deliver
    if (ev) worker.count(outcome);
    st = db_.transaction([&](db::Session& s) -> Status {
      if (outcome == DeliveryOutcome::delivered) {
        db::unpark_event(s, consumer.name, p.seq);
      } else {
        p.attempts += 1;
        p.next_attempt_at = now + std::chrono::duration_cast<std::chrono::microseconds>(backoff(p.attempts));
        p.last_error = error.substr(0, 500);
        db::update_parked(s, p);
      }
      return Status::Ok();
    });
    if (!st.ok()) return st.error();
    if (outcome == DeliveryOutcome::delivered) {
      if (ev) ++delivered;
      ++unparked;
      continue;
    }
    blocked.insert(p.aggregate);
    if (outcome != DeliveryOutcome::failed) {
      unavailable = true;
      break;
    }
  }
  if (unavailable || cursor.next_attempt_at > now) {
    worker.parked = static_cast<long long>(parked.size()) - unparked;
    worker.head_attempts = cursor.attempts;
    return delivered;
  }

  std::vector<db::EventRow> events;
  st = db_.with_session([&](db::Session& s) {
    events = db::events_after(s, cursor.last_seq, config_.batch);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();

  std::vector<db::ParkedRow> to_park;
  const db::CursorRow before = cursor;
  for (const auto& ev : events) {
    if (std::chrono::steady_clock::now() - started > budget) break;
    const long long expected = cursor.last_seq + 1;
    if (ev.seq != expected) {
      // A gap: an earlier transaction has not committed yet, or rolled back.
      auto [it, fresh] = worker.gaps.try_emplace(expected, std::chrono::steady_clock::now());
      if (fresh || std::chrono::steady_clock::now() - it->second < config_.gap_grace) break;
      spdlog::info("événements vers {} : numéros {} à {} jamais validés, ignorés", consumer.name, expected, ev.seq - 1);
      worker.gaps.erase(it);
    }
    if (!wanted(consumer, ev.type)) {
      cursor.last_seq = ev.seq;
      continue;
    }
    if (blocked.count(ev.aggregate)) {
      // Behind a parked event of the same aggregate: wait in line, due at once.
      to_park.push_back({consumer.name, ev.seq, ev.aggregate, 0, now, "en attente d'un événement précédent"});
      cursor.last_seq = ev.seq;
      continue;
    }
    std::string error;
    DeliveryOutcome outcome = consumer.deliver(ev, static_cast<unsigned>(cursor.attempts + 1), error);
    worker.count(outcome);
    if (outcome == DeliveryOutcome::delivered) {
      ++delivered;
      cursor.last_seq = ev.seq;
      cursor.attempts = 0;
      cursor.last_error.clear();
      cursor.next_attempt_at = now;
      continue;
    }
    if (outcome == DeliveryOutcome::failed) {
      int attempts = cursor.attempts + 1;
      to_park.push_back({consumer.name, ev.seq, ev.aggregate, attempts,
                         now + std::chrono::duration_cast<std::chrono::microseconds>(backoff(attempts)),
                         error.substr(0, 500)});
      spdlog::warn("événements vers {} : {} ({}) refusé, mis de côté : {}", consumer.name, ev.id, ev.type, error);
      blocked.insert(ev.aggregate);
      cursor.last_seq = ev.seq;
      cursor.attempts = 0;
      continue;
    }
    cursor.attempts += 1;
    cursor.next_attempt_at = now + std::chrono::duration_cast<std::chrono::microseconds>(backoff(cursor.attempts));
    cursor.last_error = (outcome == DeliveryOutcome::hung ? "délai dépassé : " : "") + error.substr(0, 500);
    spdlog::warn("événements vers {} : {} ({}) à retenter (tentative {}) : {}", consumer.name, ev.id, ev.type,
                 cursor.attempts, cursor.last_error);
    break;
  }
  worker.gaps.erase(worker.gaps.begin(), worker.gaps.upper_bound(cursor.last_seq));  // filled or skipped
  worker.head_attempts = cursor.attempts;
  worker.parked = static_cast<long long>(parked.size() + to_park.size()) - unparked;
  if (cursor.last_seq == before.last_seq && cursor.attempts == before.attempts && to_park.empty()) return delivered;
  st = db_.transaction([&](db::Session& s) -> Status {
    for (const auto& p : to_park) db::park_event(s, p);
    db::save_cursor(s, cursor);
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return delivered;
}

std::string EventDelivery::render_metrics() const {
  std::string out;
  auto family = [&](const char* name, const char* type, const char* help) {
    out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
  };
  // One line per consumer; `labels` adds to the consumer's label.
  auto sample = [&](const char* name, std::size_t i, const std::string& labels, long long value) {
    out += std::string(name) + "{consumer=\"" + consumers_[i].name + "\"" + labels + "} " + std::to_string(value) + "\n";
  };
  family("guichet_plugin_events_delivered_total", "counter", "Events a plugin acknowledged, from this server.");
  for (std::size_t i = 0; i < consumers_.size(); ++i)
    sample("guichet_plugin_events_delivered_total", i, "", static_cast<long long>(workers_[i]->delivered.load()));
  family("guichet_plugin_event_failures_total", "counter", "Deliveries that failed, by kind.");
  for (std::size_t i = 0; i < consumers_.size(); ++i) {
    const Worker& w = *workers_[i];
    sample("guichet_plugin_event_failures_total", i, ",kind=\"retry\"", static_cast<long long>(w.retries.load()));
    sample("guichet_plugin_event_failures_total", i, ",kind=\"refused\"", static_cast<long long>(w.refusals.load()));
    sample("guichet_plugin_event_failures_total", i, ",kind=\"timeout\"", static_cast<long long>(w.timeouts.load()));
  }
  family("guichet_plugin_events_parked", "gauge", "Events a plugin refused, waiting for a retry.");
  for (std::size_t i = 0; i < consumers_.size(); ++i) sample("guichet_plugin_events_parked", i, "", workers_[i]->parked.load());
  family("guichet_plugin_events_head_attempts", "gauge", "Failed attempts at the event a plugin's stream waits on.");
  for (std::size_t i = 0; i < consumers_.size(); ++i)
    sample("guichet_plugin_events_head_attempts", i, "", workers_[i]->head_attempts.load());
  return out;
}

Result<long long> EventDelivery::purge(std::chrono::hours retention) {
  long long n = 0;
  Status st = db_.transaction([&](db::Session& s) {
    n = db::purge_events(s, clock_.now() - std::chrono::duration_cast<std::chrono::microseconds>(retention));
    return Status::Ok();
  });
  if (!st.ok()) return st.error();
  return n;
}

std::vector<ConsumerStatus> EventDelivery::status() {
  std::vector<ConsumerStatus> out;
  (void)db_.with_session([&](db::Session& s) {
    const auto cursors = db::all_cursors(s);
    for (const auto& c : consumers_) {
      ConsumerStatus cs;
      cs.name = c.name;
      for (const auto& row : cursors)
        if (row.consumer == c.name) {
          cs.last_seq = row.last_seq;
          cs.attempts = row.attempts;
          cs.last_error = row.last_error;
        }
      cs.parked = static_cast<std::size_t>(db::count_parked(s, c.name));
      out.push_back(std::move(cs));
    }
    return Status::Ok();
  });
  return out;
}

}  // namespace guichet::services
