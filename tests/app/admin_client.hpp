// Staff over HTTP: accounts made as `guichet admin create-user` makes them, logins with the
// TOTP code of the machine's clock (second factors follow real time, not the simulated one). Shared by the back-office suites.
#pragma once

#include <boost/json.hpp>

#include "core/time_format.hpp"
#include "db/database.hpp"
#include "services/staff_roles.hpp"
#include "services/staff_service.hpp"
#include "services/totp.hpp"
#include "tests/app/candidate_client.hpp"
#include "tests/support/postgres_cluster.hpp"

namespace guichet::testing {

struct StaffMember {
  std::string id, email, secret;
};

class AdminApiBase : public CandidateApiBase, public ::testing::WithParamInterface<Backend> {
 protected:
  void start_at(const std::string& simulated, const std::string& fixture = "tests/fixtures/minimal") {
    url_ = GetParam() == Backend::postgresql ? PostgresCluster::instance().create_database("admin") : "";
    start(fixture, url_, simulated);
  }

  // A staff account straight in the database (what the command line does).
  StaffMember staff(const std::string& academy, const std::string& email, const std::string& roles) {
    auto db = Database::open(url_, (root_ / "data").string(), 1);
    EXPECT_TRUE(db.ok());
    SystemClock clock;
    services::StaffConfig config;
    config.password_cost = services::PasswordCost::minimal();
    services::StaffService service(**db, clock, config);
    services::Actor cli{"cli", "ligne de commande", academy, services::kAdmin};
    auto created = service.create_user(
        cli, {academy, email, "Agent " + email.substr(0, email.find('@')), *services::parse_roles(roles), kPassword});
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message);
    return {created->user.id, email, created->totp_secret};
  }

  // The server's time, from the header the simulated clock adds to every response.
  Instant server_now() {
    auto r = get("/readyz");
    auto t = parse_rfc3339(r.header("x-guichet-simulated-time"));
    EXPECT_TRUE(t.ok());
    return Instant(*t);
  }

  // What a phone's authenticator reads: the machine's time, whatever the server simulates.
  static Instant real_now() { return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now()); }

  // Logs in with the code of the current step plus `step_offset` (a later login of the same
  // person in the same 30 s needs the next code: a code works once).
  HttpResponse login(const StaffMember& m, int step_offset = 0, const std::string& password = kPassword) {
    std::string code = services::totp_code(m.secret, services::totp_step(real_now()) + step_offset);
    return post_json("/api/v1/admin/auth/login",
                     boost::json::serialize(boost::json::object{{"email", m.email}, {"password", password}, {"code", code}}));
  }
  std::string token_of(const StaffMember& m, int step_offset = 0) {
    auto r = login(m, step_offset);
    EXPECT_EQ(r.status, 200u) << r.body;
    return r.status == 200 ? std::string(boost::json::parse(r.body).at("token").as_string()) : "";
  }

  // A candidate account with a given name, registered to testia's demo session.
  std::string registered(const std::string& email, const std::string& last, const std::string& first,
                         std::string* registration_id = nullptr, std::string* candidate_token = nullptr,
                         const std::string& postal_code = "86000") {
    auto r = post_json("/api/v1/accounts",
                       boost::json::serialize(boost::json::object{
                           {"email", email}, {"password", kPassword}, {"last_name", last}, {"first_name", first},
                           {"birth_date", "2001-03-12"}, {"birth_place", "Poitiers"}, {"nationality", "francaise"}}));
    EXPECT_EQ(r.status, 201u) << r.body;
    // The activation mail of this address (mails of earlier candidates may be written later).
    std::string link = mail::testing::link_token(await_mail([&](const std::string& m) {
      return m.find("To: " + email) != std::string::npos && !mail::testing::link_token(m).empty();
    }));
    auto act = post_json("/api/v1/accounts/activate", R"({"token": ")" + link + R"("})");
    EXPECT_EQ(act.status, 200u) << act.body;
    auto in = post_json("/api/v1/auth/login", R"({"email": ")" + email + R"(", "password": ")" + kPassword + R"("})");
    std::string token(boost::json::parse(in.body).at("token").as_string());
    if (candidate_token) *candidate_token = token;
    auto reg = send("POST", "/api/v1/registrations",
                    R"({"academy": "testia", "exam": "demo", "session": "2025", "answers": {"speciality": "cuisine",
                        "postal_code": ")" + postal_code + R"(", "exemption": true}})",
                    bearer(token));
    if (reg.status != 201) return "";
    std::string id(boost::json::parse(reg.body).at("id").as_string());
    if (registration_id) *registration_id = id;
    return std::string(boost::json::parse(reg.body).at("registration_number").as_string());
  }

  static inline const std::string kPassword = "une phrase de passe solide";
  std::string url_;
};

inline std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::sqlite ? "SQLite" : "PostgreSQL";
}

}  // namespace guichet::testing
