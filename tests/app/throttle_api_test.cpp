// Isolation over real HTTP on both backends: the client behind a trusted reverse proxy, logins
// that a stranger cannot turn against the owner (device cookies), sign-up and mail limits, and
// pending accounts that no longer squat an address.
#include <boost/json.hpp>

#include "tests/app/candidate_client.hpp"
#include "tests/mail/mail_test_util.hpp"
#include "tests/support/postgres_cluster.hpp"

namespace guichet::testing {
namespace {

namespace json = boost::json;

const std::string kGood = "une phrase de passe solide";

std::string login_body(const std::string& email, const std::string& password, const std::string& device = "") {
  json::object o{{"email", email}, {"password", password}};
  if (!device.empty()) o["device_token"] = device;
  return json::serialize(o);
}

// The value of cookie `name` among the Set-Cookie lines of a response.
std::string set_cookie(const HttpResponse& r, const std::string& name) {
  std::string all = r.header("set-cookie");
  for (size_t at = 0; at < all.size();) {
    size_t end = all.find('\n', at);
    std::string line = all.substr(at, end == std::string::npos ? std::string::npos : end - at);
    if (line.rfind(name + "=", 0) == 0) return line;
    if (end == std::string::npos) break;
    at = end + 1;
  }
  return "";
}

class Isolation : public CandidateApiBase, public ::testing::WithParamInterface<Backend> {
 protected:
  void SetUp() override {
    std::string url = GetParam() == Backend::postgresql ? PostgresCluster::instance().create_database("isolation") : "";
    start("tests/fixtures/minimal", url, "2024-11-01T10:00:00+01:00");
  }
  // nginx on the same machine, as guichet is deployed: it appends the client to X-Forwarded-For.
  void configure(app::ServeConfig& c) override { c.trusted_proxies = "127.0.0.1, ::1"; }

  std::map<std::string, std::string> from(const std::string& client, std::map<std::string, std::string> h = {}) {
    h["X-Forwarded-For"] = client;
    return h;
  }
  HttpResponse login(const std::string& client, const std::string& email, const std::string& password,
                     const std::string& device = "", std::map<std::string, std::string> headers = {}) {
    return post_json("/api/v1/auth/login", login_body(email, password, device), from(client, headers));
  }
  HttpResponse sign_up(const std::string& client, const std::string& email) {
    return post_json("/api/v1/accounts", sign_up_body(email), from(client));
  }
};

TEST_P(Isolation, LoginGivesADeviceTokenAsAnHttpOnlyCookieAndInTheBody) {
  account("elodie@example.org");
  auto in = login("198.51.100.20", "elodie@example.org", kGood);
  ASSERT_EQ(in.status, 200u) << in.body;
  std::string device(json::parse(in.body).at("device_token").as_string());
  EXPECT_GE(device.size(), 43u);
  std::string cookie = set_cookie(in, "guichet_device");
  EXPECT_EQ(cookie.rfind("guichet_device=" + device + ";", 0), 0u) << cookie;
  for (const char* attribute : {"HttpOnly", "Secure", "SameSite=Strict", "Path=/api", "Max-Age=15552000"})
    EXPECT_NE(cookie.find(attribute), std::string::npos) << attribute << " in " << cookie;
  EXPECT_FALSE(set_cookie(in, "guichet_session").empty());  // the session cookie is still there
}

TEST_P(Isolation, AnAttackerBehindTheSameProxyCannotLockTheOwnerOut) {
  account("elodie@example.org");
  // Earlier, at home: the owner's browser got its device cookie, a portal its device token.
  auto browser = login("198.51.100.20", "elodie@example.org", kGood);
  auto portal = login("198.51.100.21", "elodie@example.org", kGood);
  ASSERT_EQ(browser.status, 200u);
  std::string cookie = set_cookie(browser, "guichet_device");
  cookie = cookie.substr(0, cookie.find(';'));
  std::string portal_token(json::parse(portal.body).at("device_token").as_string());

  // The attacker, from the same address as the owner now (a school's NAT): the account and
  // the address block.
  const std::string shared = "203.0.113.50";
  HttpResponse last;
  for (int i = 0; i < 30; ++i)
    last = login(shared, i < 5 ? "elodie@example.org" : "victime" + std::to_string(i) + "@example.org", "devine devine");
  EXPECT_EQ(last.status, 429u);
  EXPECT_FALSE(last.header("retry-after").empty());
  EXPECT_EQ(login(shared, "elodie@example.org", kGood).status, 429u);  // a new browser waits
  EXPECT_EQ(login("198.51.100.99", "elodie@example.org", kGood).status, 429u);  // the account too

  // The owner's browser, from that very address, with its cookie: in.
  auto owner = login(shared, "elodie@example.org", kGood, "", {{"Cookie", cookie}});
  ASSERT_EQ(owner.status, 200u) << owner.body;
  // The portal, with the token in the body: in.
  auto by_portal = login(shared, "elodie@example.org", kGood, portal_token);
  ASSERT_EQ(by_portal.status, 200u) << by_portal.body;
  std::string next(json::parse(by_portal.body).at("device_token").as_string());
  EXPECT_NE(next, portal_token);  // replaced at each login

  // A wrong password with the device token is counted on the token: 401, never 429...
  for (int i = 0; i < 9; ++i) {
    auto wrong = login(shared, "elodie@example.org", "pas le bon mot de passe", next);
    EXPECT_EQ(wrong.status, 401u) << i << " " << wrong.body;
  }
  // ...and the tenth kills it: from then on it is a stranger's, and waits like one.
  EXPECT_EQ(login(shared, "elodie@example.org", "pas le bon mot de passe", next).status, 401u);
  EXPECT_EQ(login(shared, "elodie@example.org", kGood, next).status, 429u);
}

TEST_P(Isolation, BehindATrustedProxyEachForwardedClientIsThrottledAlone) {
  for (int i = 0; i < 30; ++i)
    (void)login("198.51.100.1", "victime" + std::to_string(i) + "@example.org", "devine devine");
  EXPECT_EQ(login("198.51.100.1", "autre@example.org", "devine devine").status, 429u);
  // Another client of the same proxy is not concerned, nor is the proxy itself.
  EXPECT_EQ(login("198.51.100.2", "autre@example.org", "devine devine").status, 401u);
  EXPECT_EQ(post_json("/api/v1/auth/login", login_body("autre@example.org", "devine devine")).status, 401u);
  // What the client wrote itself to the left of the header is not believed.
  EXPECT_EQ(login("1.2.3.4, 198.51.100.1", "autre@example.org", "devine devine").status, 429u);
}

TEST_P(Isolation, SignUpsAreLimitedPerClientAndPerAddressWithoutMail) {
  for (int i = 0; i < 10; ++i) ASSERT_EQ(sign_up("198.51.100.7", "c" + std::to_string(i) + "@example.org").status, 201u);
  auto refused = sign_up("198.51.100.7", "c10@example.org");
  ASSERT_EQ(refused.status, 429u) << refused.body;
  EXPECT_EQ(code(refused), "too_many_attempts");
  EXPECT_FALSE(refused.header("retry-after").empty());
  EXPECT_NE(json::parse(refused.body).at("error").at("message").as_string().find("Réessayez"), std::string::npos);
  EXPECT_EQ(sign_up("198.51.100.8", "c10@example.org").status, 201u);  // another client

  // One address: three activation mails an hour, whoever asks (each sign-up replaces the
  // pending account), and "Mot de passe oublié" counts too.
  EXPECT_EQ(sign_up("198.51.100.30", "cible@example.org").status, 201u);
  EXPECT_EQ(sign_up("198.51.100.31", "cible@example.org").status, 201u);
  EXPECT_EQ(post_json("/api/v1/auth/password-reset", R"({"email": "cible@example.org"})", from("198.51.100.32")).status,
            202u);
  auto fourth = sign_up("198.51.100.33", "cible@example.org");
  EXPECT_EQ(fourth.status, 429u);
  auto reset = post_json("/api/v1/auth/password-reset", R"({"email": "cible@example.org"})", from("198.51.100.34"));
  EXPECT_EQ(reset.status, 429u);
  EXPECT_FALSE(reset.header("retry-after").empty());
  // 11 + 2 sign-ups made mails; nothing beyond.
  outbox(13);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(outbox().size(), 13u);
}

TEST_P(Isolation, APendingAccountNoLongerSquatsItsAddress) {
  ASSERT_EQ(sign_up("203.0.113.66", "elodie@example.org").status, 201u);  // a stranger's sign-up
  auto squatter_link = mail::testing::link_token(outbox(1).back());
  auto unknown = post_json("/api/v1/auth/password-reset", R"({"email": "personne@example.org"})");
  // The owner signs up: 201, not 409.
  auto owner = sign_up("198.51.100.20", "elodie@example.org");
  ASSERT_EQ(owner.status, 201u) << owner.body;
  std::string owner_link = mail::testing::link_token(await_mail([&](const std::string& m) {
    return !mail::testing::link_token(m).empty() && mail::testing::link_token(m) != squatter_link;
  }));
  ASSERT_FALSE(owner_link.empty());
  EXPECT_EQ(outbox().size(), 2u);
  EXPECT_EQ(post_json("/api/v1/accounts/activate", R"({"token": ")" + squatter_link + R"("})").status, 400u);
  ASSERT_EQ(post_json("/api/v1/accounts/activate", R"({"token": ")" + owner_link + R"("})").status, 200u);
  auto taken = sign_up("203.0.113.66", "elodie@example.org");
  EXPECT_EQ(taken.status, 409u);
  EXPECT_EQ(code(taken), "email_taken");
  // "Mot de passe oublié" answers the same whatever the address (a pending one gets a new
  // activation mail instead of a reset link: see the services' tests).
  auto known = post_json("/api/v1/auth/password-reset", R"({"email": "elodie@example.org"})");
  EXPECT_EQ(known.status, 202u);
  EXPECT_EQ(unknown.status, 202u);
  EXPECT_EQ(known.body, unknown.body);
}

INSTANTIATE_TEST_SUITE_P(Backends, Isolation, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& info) { return info.param == Backend::sqlite ? "SQLite" : "PostgreSQL"; });

// Without --trusted-proxies, X-Forwarded-For is anybody's word: ignored.
class NoTrustedProxy : public CandidateApiBase {
 protected:
  void SetUp() override { start("tests/fixtures/minimal", "", "2024-11-01T10:00:00+01:00"); }
};

TEST_F(NoTrustedProxy, XForwardedForFromAnUntrustedPeerIsIgnored) {
  for (int i = 0; i < 30; ++i)
    (void)post_json("/api/v1/auth/login", login_body("victime" + std::to_string(i) + "@example.org", "devine devine"),
                    {{"X-Forwarded-For", "198.51.100." + std::to_string(i)}});
  auto r = post_json("/api/v1/auth/login", login_body("autre@example.org", "devine devine"),
                     {{"X-Forwarded-For", "198.51.100.200"}});
  EXPECT_EQ(r.status, 429u);  // the TCP peer did all thirty
}

}  // namespace
}  // namespace guichet::testing
