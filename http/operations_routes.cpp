// /healthz, /readyz and /metrics: what an operator and a load balancer ask.
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include "core/lua/call_watch.hpp"
#include "http/api_context.hpp"
#include "http/handlers.hpp"
#include "http/json_error.hpp"
#include "http/rules_state.hpp"

namespace guichet::api {
namespace json = boost::json;
namespace bhttp = boost::beast::http;

Status healthz(Call& c) {
  // A call stuck past every script limit means a worker no longer serves: say so.
  auto stuck = lua::longest_running_call();
  if (stuck > lua::kStuckCall)
    return Error{ErrorCode::worker_stuck,
                 "Un traitement de règles est bloqué depuis " +
                     std::to_string(std::chrono::duration_cast<std::chrono::seconds>(stuck).count()) +
                     " s : le service ne répond plus normalement."};
  http::write_json(c.res, 200, json::object{{"status", "ok"}});
  return Status::Ok();
}

Status readyz(Call& c) {
  const http::ApiContext& api = c.api;
  bool db = !api.database_ok || api.database_ok();
  auto live = api.rules->current();
  json::array faults;
  for (const auto& d : api.rules->diagnostics()) faults.emplace_back(d.str());
  json::object details{{"database", db ? "ok" : "indisponible"},
                       {"rules", live ? json::value(json::object{{"version", live->version()},
                                                                  {"academies", live->catalog().academies.size()},
                                                                  {"exams", live->catalog().exams.size()}})
                                      : json::value(nullptr)},
                       {"script_faults", std::move(faults)},
                       {"academy_faults", api.rules_state->academy_faults_json()},
                       {"pending_changes", api.rules_state->pending_changes_json()}};
  if (db && live) {
    http::write_json(c.res, 200, json::object{{"status", "ready"}, {"details", std::move(details)}});
    return Status::Ok();
  }
  // The error and, beside it, what is not ready.
  const ErrorCodeInfo& code = info(ErrorCode::not_ready);
  json::object err{{"code", code.name}, {"message", code.message}};
  http::write_json(c.res, code.status, json::object{{"error", std::move(err)}, {"details", std::move(details)}});
  return Status::Ok();
}

Status metrics(Call& c) {
  c.res.result(bhttp::status::ok);
  c.res.set(bhttp::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
  c.res.body() = c.api.metrics_text ? c.api.metrics_text() : std::string();
  return Status::Ok();
}

}  // namespace guichet::api
