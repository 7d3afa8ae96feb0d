#include "http/views/audit_view.hpp"

#include <boost/json.hpp>

#include "services/academy_zone.hpp"

namespace guichet::views {
namespace json = boost::json;

json::object audit_page(const services::AuditPage& page) {
  json::array entries;
  for (const auto& e : page.entries)
    entries.push_back(json::object{{"seq", e.seq},
                                   {"at", services::local_rfc3339(e.at, page.zone)},
                                   {"actor", json::object{{"id", e.actor_id}, {"name", e.actor}}},
                                   {"action", e.action},
                                   {"target", json::object{{"type", e.target_type}, {"id", e.target_id}}},
                                   {"reason", e.reason},
                                   {"before", json::parse(e.before_json)},
                                   {"after", json::parse(e.after_json)}});
  return {{"entries", std::move(entries)}, {"next", page.next ? json::value(*page.next) : json::value(nullptr)}};
}

}  // namespace guichet::views
