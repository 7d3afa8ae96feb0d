#include "http/candidate_api.hpp"

#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cctype>
#include <set>

#include "core/time_format.hpp"
#include "http/candidate_auth.hpp"
#include "http/api_helpers.hpp"
#include "http/json_error.hpp"
#include "http/path_segments.hpp"
#include "http/views/document_view.hpp"
#include "http/views/pieces_view.hpp"
#include "http/views/registration_view.hpp"
#include "services/crypto.hpp"

namespace guichet::api {
namespace json = boost::json;
namespace bhttp = boost::beast::http;
using http::Request;
using http::Response;
using http::authenticate_candidate;

namespace {

json::object account_json(const services::AccountView& a) {
  return {{"id", a.id},
          {"email", a.email},
          {"status", a.status},
          {"last_name", a.identity.last_name},
          {"first_name", a.identity.first_name},
          {"birth_date", a.identity.birth_date},
          {"birth_place", a.identity.birth_place},
          {"nationality", a.identity.nationality},
          {"phone", a.identity.phone},
          {"personal_data_locked", a.personal_data_locked}};
}

std::string etag(const json::object& registration) {
  return fmt::format("\"v{}\"", registration.at("version").as_int64());
}

// If-Match: "v3" (or v3, or 3) -> 3; nullopt when absent or "*".
std::optional<int> if_match_version(const Request& req, bool& malformed) {
  std::string_view h = req[bhttp::field::if_match];
  malformed = false;
  if (h.empty() || h == "*") return std::nullopt;
  std::string s(h);
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  if (!s.empty() && s[0] == 'v') s = s.substr(1);
  if (s.empty() || s.size() > 9 || s.find_first_not_of("0123456789") != std::string::npos) {
    malformed = true;
    return std::nullopt;
  }
  return std::stoi(s);
}


}  // namespace

CandidateApi::CandidateApi(services::AccountService& accounts, services::RegistrationService& registrations,
                           services::PieceService& pieces, services::DocumentService& documents,
                           http::BlockingPool& pool, std::function<void()> on_change, bool secure_cookie)
    : accounts_(accounts),
      registrations_(registrations),
      pieces_(pieces),
      documents_(documents),
      pool_(pool),
      on_change_(std::move(on_change)),
      secure_cookie_(secure_cookie) {}

bool CandidateApi::handle(const Request& req, Response& res, http::RequestContext& ctx) {
  std::string_view target = req.target();
  auto seg = http::path_segments(target.substr(0, target.find('?')));
  if (seg.size() < 3 || seg[0] != "api" || seg[1] != "v1") return false;
  const std::string_view area = seg[2];
  if (area != "accounts" && area != "auth" && area != "me" && area != "registrations") return false;

  // Route templates for metrics and logs: fixed names only, so no caller can invent labels.
  static const std::set<std::string_view> kNamed = {"activate", "login", "logout", "password-reset", "confirm",
                                                    "recapitulatif.pdf", "calendar.ics", "documents",
                                                    "pieces", "files"};
  std::string route = "/api/v1/" + std::string(area);
  for (size_t i = 3; i < seg.size() && i < 8; ++i) {
    if (area == "registrations" && i == 3) route += "/{id}";
    else if (area == "registrations" && i == 5 && seg[4] == "documents") route += "/{type}";
    else if (area == "registrations" && i == 5 && seg[4] == "pieces" && seg[5] != "confirm") route += "/{code}";
    else if (area == "registrations" && i == 5 && seg[4] == "pieces") route += "/confirm";
    else if (area == "registrations" && i == 7) route += "/{file_id}";
    else route += kNamed.count(seg[i]) ? "/" + std::string(seg[i]) : std::string("/*");
  }
  ctx.route = route;
  std::vector<std::string> path(seg.begin(), seg.end());

  auto done = ctx.defer();
  pool_.submit([this, &req, &res, &ctx, path, done](unsigned worker) mutable {
    try {
      Error e = [&]() -> Error {
        const auto verb = req.method();
        const std::string& area = path[2];
        // --- Public account routes.
        if (area == "accounts" && path.size() == 3) {
          if (verb != bhttp::verb::post) return method_not_allowed(res, "POST");
          auto body = body_object(req,
                                  {"email", "password", "last_name", "first_name", "birth_date", "birth_place",
                                   "nationality", "phone"},
                                  {});  // missing fields are reported with all the others below
          if (!body.ok()) return body.error();
          Error faults = invalid_fields();
          services::SignUpInput in;
          in.email = string_field(*body, "email", faults).value_or("");
          in.password = string_field(*body, "password", faults).value_or("");
          in.identity.last_name = string_field(*body, "last_name", faults).value_or("");
          in.identity.first_name = string_field(*body, "first_name", faults).value_or("");
          in.identity.birth_date = string_field(*body, "birth_date", faults).value_or("");
          in.identity.birth_place = string_field(*body, "birth_place", faults).value_or("");
          in.identity.nationality = string_field(*body, "nationality", faults).value_or("");
          in.identity.phone = string_field(*body, "phone", faults).value_or("");
          if (!faults.fields.empty()) {
            // Every faulty field at once: the service's checks beside the ill-typed ones.
            for (auto& [field, message] : accounts_.sign_up_faults(in)) faults.fields.emplace(field, message);
            return faults;
          }
          auto account = accounts_.sign_up(in, ctx.client_address);
          if (!account.ok()) return account.error();
          on_change_();
          http::write_json(res, 201, json::object{{"id", account->id}, {"email", account->email}, {"status", account->status}});
          return {};
        }
        if (area == "accounts" && path.size() == 4 && path[3] == "activate") {
          if (verb != bhttp::verb::post) return method_not_allowed(res, "POST");
          auto body = body_object(req, {"token"}, {"token"});
          if (!body.ok()) return body.error();
          Error faults = invalid_fields();
          auto token = string_field(*body, "token", faults);
          if (!faults.fields.empty()) return faults;
          Status st = accounts_.activate(token.value_or(""));
          if (!st.ok()) return st.error();
          http::write_json(res, 200, json::object{{"status", "active"}});
          return {};
        }
        if (area == "auth" && path.size() == 4 && path[3] == "login") {
          if (verb != bhttp::verb::post) return method_not_allowed(res, "POST");
          auto body = body_object(req, {"email", "password", "device_token"}, {"email", "password"});
          if (!body.ok()) return body.error();
          Error faults = invalid_fields();
          auto email = string_field(*body, "email", faults);
          auto password = string_field(*body, "password", faults);
          auto device = string_field(*body, "device_token", faults);
          if (!faults.fields.empty()) return faults;
          // The device token of an earlier login: a portal sends it in the body, a browser as
          // the cookie.
          std::string device_token = device ? *device : http::cookie_value(req, http::kDeviceCookie);
          auto login = accounts_.login(email.value_or(""), password.value_or(""), ctx.client_address, device_token);
          if (!login.ok()) return login.error();
          auto lifetime = std::chrono::duration_cast<std::chrono::seconds>(accounts_.config().session_lifetime).count();
          const char* secure = secure_cookie_ ? " Secure;" : "";
          res.set(bhttp::field::set_cookie,
                  fmt::format("{}={}; Path=/api; Max-Age={}; HttpOnly;{} SameSite=Strict", http::kSessionCookie, login->token,
                              lifetime, secure));
          res.insert(bhttp::field::set_cookie,
                     fmt::format("{}={}; Path=/api; Max-Age={}; HttpOnly;{} SameSite=Strict", http::kDeviceCookie,
                                 login->device_token, login->device_lifetime.count(), secure));
          http::write_json(res, 200,
                           json::object{{"token", login->token},
                                        {"csrf_token", login->csrf_token},
                                        {"expires_at", format_rfc3339(std::chrono::floor<std::chrono::seconds>(login->expires_at),
                                                                      *find_zone("Etc/UTC"))},
                                        {"device_token", login->device_token}});
          return {};
        }
        if (area == "auth" && path.size() == 4 && path[3] == "password-reset") {
          if (verb != bhttp::verb::post) return method_not_allowed(res, "POST");
          auto body = body_object(req, {"email"}, {"email"});
          if (!body.ok()) return body.error();
          Error faults = invalid_fields();
          auto email = string_field(*body, "email", faults);
          if (!faults.fields.empty()) return faults;
          Status st = accounts_.request_password_reset(email.value_or(""), ctx.client_address);
          if (!st.ok()) return st.error();
          on_change_();
          http::write_json(res, 202,
                           json::object{{"message", "Si un compte correspond à cette adresse, un mail vient d'y être "
                                                    "envoyé : un lien de réinitialisation, ou un nouveau lien "
                                                    "d'activation si le compte n'est pas encore activé."}});
          return {};
        }
        if (area == "auth" && path.size() == 5 && path[3] == "password-reset" && path[4] == "confirm") {
          if (verb != bhttp::verb::post) return method_not_allowed(res, "POST");
          auto body = body_object(req, {"token", "password"}, {"token", "password"});
          if (!body.ok()) return body.error();
          Error faults = invalid_fields();
          auto token = string_field(*body, "token", faults);
          auto password = string_field(*body, "password", faults);
          if (!faults.fields.empty()) return faults;
          Status st = accounts_.confirm_password_reset(token.value_or(""), password.value_or(""));
          if (!st.ok()) return st.error();
          http::write_json(res, 200, json::object{{"status", "password_changed"}});
          return {};
        }

        // --- Everything below needs a session.
        // Without a valid session: 401 (api.md), whatever the id, so the answer does not tell
        // whether a registration exists; a registration of another candidate is 404 below.
        auto caller = authenticate_candidate(req, accounts_);
        if (!caller.ok()) return caller.error();
        const bool safe = verb == bhttp::verb::get || verb == bhttp::verb::head;
        const std::string& me = caller->account_id;

        if (area == "auth" && path.size() == 4 && path[3] == "logout") {
          if (verb != bhttp::verb::post) return method_not_allowed(res, "POST");
          Status st = accounts_.logout(caller->token_hash);
          if (!st.ok()) return st.error();
          res.result(bhttp::status::no_content);
          res.set(bhttp::field::set_cookie,
                  fmt::format("{}=; Path=/api; Max-Age=0; HttpOnly;{} SameSite=Strict", http::kSessionCookie,
                              secure_cookie_ ? " Secure;" : ""));
          return {};
        }
        if (area == "me" && path.size() == 3) {
          if (safe) {
            auto a = accounts_.me(me);
            if (!a.ok()) return a.error();
            http::write_json(res, 200, account_json(*a));
            return {};
          }
          if (verb != bhttp::verb::patch) return method_not_allowed(res, "GET, PATCH");
          auto body = body_object(req,
                                  {"email", "password", "current_password", "last_name", "first_name", "birth_date",
                                   "birth_place", "nationality", "phone"},
                                  {});
          if (!body.ok()) return body.error();
          Error faults = invalid_fields();
          services::AccountPatch p;
          p.email = string_field(*body, "email", faults);
          p.password = string_field(*body, "password", faults);
          p.current_password = string_field(*body, "current_password", faults);
          p.last_name = string_field(*body, "last_name", faults);
          p.first_name = string_field(*body, "first_name", faults);
          p.birth_date = string_field(*body, "birth_date", faults);
          p.birth_place = string_field(*body, "birth_place", faults);
          p.nationality = string_field(*body, "nationality", faults);
          p.phone = string_field(*body, "phone", faults);
          if (!faults.fields.empty()) return faults;
          auto a = accounts_.update_me(me, p);
          if (!a.ok()) return a.error();
          on_change_();
          http::write_json(res, 200, account_json(*a));
          return {};
        }
        if (area == "registrations" && path.size() == 3) {
          if (safe) {
            auto list = registrations_.list(me);
            if (!list.ok()) return list.error();
            json::array arr;
            for (const auto& r : *list) arr.push_back(views::registration(r));
            http::write_json(res, 200, json::object{{"registrations", std::move(arr)}});
            return {};
          }
          if (verb != bhttp::verb::post) return method_not_allowed(res, "GET, POST");
          auto body = body_object(req, {"academy", "exam", "session", "answers"},
                                  {"academy", "exam", "session", "answers"});
          if (!body.ok()) return body.error();
          Error faults = invalid_fields();
          services::RegistrationRequest r;
          r.academy = string_field(*body, "academy", faults).value_or("");
          r.exam = string_field(*body, "exam", faults).value_or("");
          r.session = string_field(*body, "session", faults).value_or("");
          if (const auto* a = body->if_contains("answers"); a && a->is_object()) r.answers = a->get_object();
          else faults.fields["answers"] = "Un objet de réponses est attendu.";
          if (!faults.fields.empty()) return faults;
          auto created = registrations_.create(me, r, worker);
          if (!created.ok()) return created.error();
          on_change_();
          const json::object view = views::registration(*created);
          res.set(bhttp::field::location, "/api/v1/registrations/" + created->id);
          res.set(bhttp::field::etag, etag(view));
          http::write_json(res, 201, view);
          return {};
        }
        if (area == "registrations" && path.size() >= 5 && path[4] == "pieces") {
          Error e = handle_pieces(req, res, path, me);
          if (e.code.empty()) on_change_();
          return e;
        }
        if (area == "registrations" && path.size() >= 4 && path.size() <= 6) {
          const std::string& id = path[3];
          if (path.size() == 5 && path[4] == "documents") {
            if (!safe) return method_not_allowed(res, "GET");
            auto docs = registrations_.documents(me, id);
            if (!docs.ok()) return docs.error();
            auto published = documents_.latest(me, id);
            if (!published.ok()) return published.error();
            for (auto& d : *published) docs->push_back(std::move(d));
            http::write_json(res, 200, json::object{{"documents", views::documents(*docs)}});
            return {};
          }
          if (path.size() == 6 && path[4] == "documents" && path[5] != "recapitulatif") {
            if (!safe) return method_not_allowed(res, "GET");
            auto doc = documents_.download(me, id, path[5]);
            if (!doc.ok()) return doc.error();
            send_file(res, doc->bytes, doc->content_type, doc->file_name);
            return {};
          }
          if (path.size() == 6 && path[4] == "documents") {
            path.pop_back();
            path.back() = "recapitulatif.pdf";  // the same document under its contract address
          }
          if (path.size() == 5 && path[4] == "calendar.ics") {
            if (!safe) return method_not_allowed(res, "GET");
            auto ics = registrations_.calendar(me, id);
            if (!ics.ok()) return ics.error();
            send_file(res, std::move(ics->bytes), ics->content_type, ics->file_name);
            return {};
          }
          if (path.size() == 5) {
            if (path[4] != "recapitulatif.pdf") return Error{"not_found", "La ressource demandée n'existe pas."};
            if (!safe) return method_not_allowed(res, "GET");
            auto pdf = registrations_.summary_pdf(me, id);
            if (!pdf.ok()) return pdf.error();
            send_file(res, std::move(pdf->bytes), pdf->content_type, pdf->file_name);
            return {};
          }
          if (safe) {
            auto r = registrations_.get(me, id);
            if (!r.ok()) return r.error();
            const json::object view = views::registration(*r);
            res.set(bhttp::field::etag, etag(view));
            http::write_json(res, 200, view);
            return {};
          }
          if (verb == bhttp::verb::delete_) return registrations_.withdraw(me, id);
          if (verb != bhttp::verb::put) return method_not_allowed(res, "GET, PUT, DELETE");
          bool malformed = false;
          auto expected = if_match_version(req, malformed);
          if (malformed)
            return Error{"validation_failed", "En-tête If-Match invalide.", {{"If-Match", "Attendu : \"v<version>\"."}}};
          auto body = body_object(req, {"answers"}, {"answers"});
          if (!body.ok()) return body.error();
          const auto* a = body->if_contains("answers");
          if (!a->is_object()) {
            Error faults = invalid_fields();
            faults.fields["answers"] = "Un objet de réponses est attendu.";
            return faults;
          }
          auto updated = registrations_.modify(me, id, a->get_object(), expected, worker);
          if (!updated.ok()) return updated.error();
          on_change_();
          const json::object view = views::registration(*updated);
          res.set(bhttp::field::etag, etag(view));
          http::write_json(res, 200, view);
          return {};
        }
        return Error{"not_found", "La ressource demandée n'existe pas."};
      }();
      if (!e.code.empty()) {
        std::string allow(res[bhttp::field::allow]);
        res.result(bhttp::status::ok);
        write_error(res, e);
        if (!allow.empty()) res.set(bhttp::field::allow, allow);
      }
    } catch (const std::exception& ex) {
      spdlog::error("requête {} : exception : {}", ctx.request_id, ex.what());
      res = Response{};
      http::write_json_error(res, 500, "internal_error", "Une erreur interne est survenue. Veuillez réessayer plus tard.");
    }
    done();
  });
  return true;
}

// "Mes justificatifs" without a body to stream: the list, removals, the confirmation, and a
// candidate's own files. Uploads stream (piece_upload_sink.cpp).
Error CandidateApi::handle_pieces(const Request& req, Response& res, const std::vector<std::string>& path,
                                  const std::string& me) {
  const auto verb = req.method();
  const bool safe = verb == bhttp::verb::get || verb == bhttp::verb::head;
  const std::string& id = path[3];
  if (path.size() == 5) {
    if (!safe) return method_not_allowed(res, "GET");
    auto list = pieces_.list(me, id);
    if (!list.ok()) return list.error();
    http::write_json(res, 200, views::pieces(*list));
    return {};
  }
  if (path.size() == 6 && path[5] == "confirm") {
    if (verb != bhttp::verb::post) return method_not_allowed(res, "POST");
    auto confirmed = pieces_.confirm(me, id);
    if (!confirmed.ok()) return confirmed.error();
    http::write_json(res, 200, views::pieces(*confirmed));
    return {};
  }
  if (path.size() == 6) return method_not_allowed(res, "PUT, POST");  // uploads stream; see the sink
  if (path.size() == 8 && path[6] == "files") {
    if (safe) {
      auto file = pieces_.file(me, id, path[7]);
      if (!file.ok()) return file.error();
      send_file(res, std::move(file->bytes), file->content_type, file->file_name);
      return {};
    }
    if (verb != bhttp::verb::delete_) return method_not_allowed(res, "GET, DELETE");
    Status st = pieces_.remove_file(me, id, path[5], path[7]);
    if (!st.ok()) return st.error();
    res.result(bhttp::status::no_content);
    return {};
  }
  return Error{"not_found", "La ressource demandée n'existe pas."};
}

}  // namespace guichet::api
