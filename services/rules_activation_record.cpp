#include "services/rules_activation_record.hpp"

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

namespace guichet::services {

Result<RuleSetActivation> decode_rules_activated(const Event& event) {
  const Error malformed{ErrorCode::invalid_event, "Événement « rules.activated » incomplet : " + event.payload};
  boost::system::error_code ec;
  boost::json::value parsed = boost::json::parse(event.payload, ec);
  const boost::json::object* payload = ec ? nullptr : parsed.if_object();
  if (!payload) return malformed;
  const auto* hash = payload->if_contains("hash");
  const auto* academies = payload->if_contains("academies");
  const auto* files = payload->if_contains("files");
  if (!hash || !hash->is_string() || !academies || !academies->is_array() || !files) return malformed;
  RuleSetActivation a;
  a.content_hash = std::string(hash->get_string());
  a.activated_at = event.occurred_at;
  for (const auto& code : academies->get_array()) {
    if (!code.is_string()) return malformed;
    a.academies.emplace_back(code.get_string());
  }
  auto count = files->to_number<int64_t>(ec);
  if (ec) return malformed;
  a.files = static_cast<int>(count);
  return a;
}

int record_rules_activations(EventBus& bus, Database& db) {
  return bus.subscribe("rules.activated", [&db](const Event& e) {
    auto activation = decode_rules_activated(e);
    Status s = activation.ok() ? record_activation(db, *activation) : Status(activation.error());
    if (!s.ok()) spdlog::error("enregistrement de la version des règles impossible : {}", s.error().message);
  });
}

}  // namespace guichet::services
