// The history of the rule sets that went live. Rules (core/rules.hpp) publishes
// "rules.activated" on the bus each time a set goes live, with its content hash, académies and
// file count; this decodes that event and records it (db/rule_set_repository.hpp).
#pragma once

#include "core/events.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "db/rule_set_repository.hpp"

namespace guichet::services {

// The activation a "rules.activated" event of Rules describes; an error when its payload
// lacks what is recorded.
Result<RuleSetActivation> decode_rules_activated(const Event& event);

// Records every "rules.activated" event published on `bus` in `db` (a failure is logged).
// Returns the subscription's id.
int record_rules_activations(EventBus& bus, Database& db);

}  // namespace guichet::services
