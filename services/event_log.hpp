// Domain events as services raise them: recorded in the outbox inside the transaction of the
// change (so plugins hear of a change if and only if it committed), then published in-process
// after the commit.
#pragma once

#include <boost/json/object.hpp>

#include <string>

#include "core/clock.hpp"
#include "core/events.hpp"
#include "db/database.hpp"

namespace guichet::services {

// `payload`: the event's free-form members, stored as JSON text in the outbox and delivered as
// such to plugins (the event's wire format, not an HTTP view).
Event make_event(std::string type, std::string aggregate, const boost::json::object& payload, Instant at);
// Appends `event` to the outbox in the caller's transaction; gives it its stable id first.
void record_event(db::Session& s, Event& event);

}  // namespace guichet::services
