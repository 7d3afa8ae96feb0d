// A candidate over HTTP: sign up, activate from the mail, log in. Shared by the API suites.
#pragma once

#include <boost/json.hpp>

#include <map>
#include <string>

#include "tests/app/server_fixture.hpp"
#include "tests/mail/mail_test_util.hpp"

namespace guichet::testing {

class CandidateApiBase : public ServerFixture {
 protected:

  std::string sign_up_body(const std::string& email) {
    return R"({"email": ")" + email + R"(", "password": "une phrase de passe solide", "last_name": "Martin",
              "first_name": "Élodie", "birth_date": "2001-03-12", "birth_place": "Poitiers",
              "nationality": "francaise"})";
  }
  // Signs up, activates from the mail, logs in: the bearer token.
  std::string account(const std::string& email) {
    auto r = post_json("/api/v1/accounts", sign_up_body(email));
    EXPECT_EQ(r.status, 201u) << r.body;
    std::string token = mail::testing::link_token(await_mail([&](const std::string& m) {
      return m.find("To: " + email) != std::string::npos && !mail::testing::link_token(m).empty();
    }));
    auto act = post_json("/api/v1/accounts/activate", R"({"token": ")" + token + R"("})");
    EXPECT_EQ(act.status, 200u) << act.body;
    auto login = post_json("/api/v1/auth/login", R"({"email": ")" + email + R"(", "password": "une phrase de passe solide"})");
    EXPECT_EQ(login.status, 200u) << login.body;
    return std::string(boost::json::parse(login.body).at("token").as_string());
  }
  std::map<std::string, std::string> bearer(const std::string& t) { return {{"Authorization", "Bearer " + t}}; }
  std::string code(const HttpResponse& r) { return std::string(boost::json::parse(r.body).at("error").at("code").as_string()); }

};

}  // namespace guichet::testing
