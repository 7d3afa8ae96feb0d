#include "plugins/host/plugin_queries.hpp"

#include <boost/json.hpp>
#include <date/tz.h>
#include <spdlog/spdlog.h>

#include "core/time_format.hpp"
#include "db/registrations_repository.hpp"

namespace guichet::plugins {
namespace json = boost::json;

namespace {

json::value when(const std::optional<Instant>& t) {
  static const date::time_zone* paris = date::locate_zone("Europe/Paris");
  if (!t) return nullptr;
  return json::value(format_rfc3339(std::chrono::floor<std::chrono::seconds>(*t), paris));
}

json::object registration_json(const db::RegistrationWithCandidate& x) {
  const db::RegistrationRow& r = x.row;
  boost::system::error_code ec;
  json::value answers = json::parse(r.answers_json, ec);
  if (ec) answers = json::object();
  json::object candidate = {{"last_name", x.last_name},     {"first_name", x.first_name},
                            {"birth_date", x.birth_date},   {"birth_place", x.birth_place},
                            {"nationality", x.nationality}, {"email", x.email},
                            {"phone", x.phone}};
  return {{"id", r.id},
          {"registration_number", r.registration_number},
          {"candidate_number", r.candidate_number},
          {"academy", r.academy},
          {"exam", r.exam},
          {"session", r.session},
          {"status", r.status},
          {"speciality", r.speciality},
          {"pole", r.pole},
          {"version", r.version},
          {"answers", answers},
          {"created_at", when(r.created_at)},
          {"updated_at", when(r.updated_at)},
          {"withdrawn_at", when(r.withdrawn_at)},
          {"withdrawal_reason", r.withdrawal_reason},
          {"candidate", candidate}};
}

}  // namespace

PluginHost::QueryHandler registration_queries(Database& db) {
  return [&db](const std::string& plugin, const std::string& request) -> Result<std::string> {
    boost::system::error_code ec;
    json::value v = json::parse(request, ec);
    const json::object* q = nullptr;
    if (!ec && v.is_object())
      if (auto* r = v.as_object().if_contains("registrations"); r && r->is_object()) q = &r->as_object();
    if (!q) return Error{ErrorCode::bad_query, "requête inconnue (attendu {\"registrations\": {...}})"};
    auto text = [&](const char* key) -> std::string {
      auto* x = q->if_contains(key);
      return x && x->is_string() ? std::string(x->as_string()) : std::string();
    };
    std::string academy = text("academy"), after = text("after");
    long long limit = 500;
    if (auto* l = q->if_contains("limit"); l && l->is_int64()) limit = l->as_int64();
    if (academy.empty() || limit < 1 || limit > 1000)
      return Error{ErrorCode::bad_query, "registrations : academy obligatoire, limit entre 1 et 1000"};
    json::array out;
    std::string next;
    Status st = db.with_session([&](db::Session& s) {
      auto rows = db::registrations_of_academy(s, academy, after, static_cast<int>(limit));
      for (const auto& r : rows) out.push_back(registration_json(r));
      if (static_cast<long long>(rows.size()) == limit) next = rows.back().row.id;
      return Status::Ok();
    });
    if (!st.ok()) {
      spdlog::error("greffon {} : lecture des inscriptions impossible : {}", plugin, st.error().message);
      return Error{ErrorCode::database, "lecture des inscriptions impossible"};
    }
    return json::serialize(json::object{{"registrations", std::move(out)}, {"next", next}});
  };
}

}  // namespace guichet::plugins
