#include "services/event_log.hpp"

#include <boost/json/serialize.hpp>

#include "db/events_repository.hpp"
#include "services/crypto.hpp"

namespace guichet::services {

Event make_event(std::string type, std::string aggregate, const boost::json::object& payload, Instant at) {
  Event e;
  e.type = std::move(type);
  e.aggregate = std::move(aggregate);
  e.payload = boost::json::serialize(payload);
  e.occurred_at = std::chrono::floor<std::chrono::seconds>(at);
  return e;
}

void record_event(db::Session& s, Event& event) {
  if (event.id.empty()) event.id = "evt_" + random_id();
  db::EventRow row;
  row.id = event.id;
  row.type = event.type;
  row.aggregate = event.aggregate;
  row.payload = event.payload;
  row.occurred_at = event.occurred_at;
  db::append_event(s, row);
}

}  // namespace guichet::services
