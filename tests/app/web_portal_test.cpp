// The portal's files served by guichet (--web): the page with a fresh CSP nonce and never
// cached, hashed assets cached for a year, client routes answered with the page, nothing
// outside the folder, the API untouched; the CORS allow-list; the cookie's Secure rule.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/app/server_fixture.hpp"

namespace guichet::testing {
namespace {

class WebPortal : public ServerFixture {
 protected:
  void SetUp() override { start(); }
  void configure(app::ServeConfig& c) override {
    namespace fs = std::filesystem;
    web_ = root_ / "web";
    fs::create_directories(web_ / "assets");
    std::ofstream(web_ / "index.html")
        << "<!doctype html><meta name=\"csp-nonce\" content=\"__CSP_NONCE__\"><div id=\"root\"></div>"
           "<script type=\"module\" src=\"/assets/index-AbC123.js\"></script>";
    std::ofstream(web_ / "assets" / "index-AbC123.js") << "console.log('portail');";
    std::ofstream(web_ / "favicon.svg") << "<svg xmlns=\"http://www.w3.org/2000/svg\"/>";
    std::ofstream(root_ / "secret.txt") << "hors du portail";
    c.web_dir = web_.string();
    c.cors_origins = "https://portail.ac-exemple.fr";
  }
  std::filesystem::path web_;
};

std::string nonce_of(const std::string& csp) {
  auto at = csp.find("'nonce-");
  if (at == std::string::npos) return "";
  return csp.substr(at + 7, csp.find('\'', at + 7) - at - 7);
}

TEST_F(WebPortal, ThePageCarriesAFreshNonceAndIsNeverCached) {
  auto first = get("/");
  ASSERT_EQ(first.status, 200u);
  EXPECT_EQ(first.header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(first.header("cache-control"), "no-cache");
  const std::string csp = first.header("content-security-policy");
  EXPECT_NE(csp.find("script-src 'self';"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << csp;
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << csp;
  const std::string nonce = nonce_of(csp);
  ASSERT_GE(nonce.size(), 22u);
  EXPECT_NE(first.body.find("content=\"" + nonce + "\""), std::string::npos) << first.body;
  EXPECT_EQ(first.body.find("__CSP_NONCE__"), std::string::npos);
  EXPECT_EQ(first.header("referrer-policy"), "no-referrer");
  EXPECT_EQ(first.header("x-content-type-options"), "nosniff");
  EXPECT_NE(nonce_of(get("/").header("content-security-policy")), nonce);
  auto head = http_request(app_->port(), "HEAD", "/");
  EXPECT_EQ(head.status, 200u);
  EXPECT_TRUE(head.body.empty());
}

TEST_F(WebPortal, ClientRoutesGetThePageAndMissingFilesA404) {
  for (const char* route : {"/activation?token=abc", "/reinitialisation?token=x", "/mes-inscriptions/42", "/connexion"}) {
    auto r = get(route);
    EXPECT_EQ(r.status, 200u) << route;
    EXPECT_NE(r.body.find("<div id=\"root\">"), std::string::npos) << route;
  }
  EXPECT_EQ(get("/assets/index-Absent.js").status, 404u);
  EXPECT_EQ(get("/robots.txt").status, 404u);
  auto api = get("/api/v1/nothing");
  EXPECT_EQ(api.status, 404u);
  EXPECT_NE(api.body.find("\"not_found\""), std::string::npos);
  auto post = send("POST", "/connexion", "x=1", {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(post.status, 405u);
  EXPECT_EQ(post.header("allow"), "GET, HEAD");
}

TEST_F(WebPortal, HashedAssetsAreCachedForAYearOthersRevalidated) {
  auto js = get("/assets/index-AbC123.js");
  ASSERT_EQ(js.status, 200u);
  EXPECT_EQ(js.body, "console.log('portail');");
  EXPECT_EQ(js.header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js.header("cache-control"), "public, max-age=31536000, immutable");
  auto icon = get("/favicon.svg");
  ASSERT_EQ(icon.status, 200u);
  EXPECT_EQ(icon.header("content-type"), "image/svg+xml");
  EXPECT_EQ(icon.header("cache-control"), "no-cache");
  // A rebuilt file is served as it now is (the cache follows the file).
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  std::ofstream(web_ / "favicon.svg") << "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"neuf\"/>";
  EXPECT_NE(get("/favicon.svg").body.find("neuf"), std::string::npos);
}

TEST_F(WebPortal, PrecompressedCopiesGoToBrowsersThatTakeThem) {
  std::string big(4000, 'x');
  std::ofstream(web_ / "assets" / "app-Big1.js") << big;
  std::ofstream(web_ / "assets" / "app-Big1.js.br") << "BROTLI";
  std::ofstream(web_ / "assets" / "app-Big1.js.gz") << "GZIP";
  auto br = send("GET", "/assets/app-Big1.js", "", {{"Accept-Encoding", "gzip, deflate, br"}});
  EXPECT_EQ(br.body, "BROTLI");
  EXPECT_EQ(br.header("content-encoding"), "br");
  EXPECT_EQ(br.header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(br.header("vary"), "Accept-Encoding");
  auto gz = send("GET", "/assets/app-Big1.js", "", {{"Accept-Encoding", "gzip, br;q=0"}});
  EXPECT_EQ(gz.body, "GZIP");
  EXPECT_EQ(gz.header("content-encoding"), "gzip");
  auto plain = send("GET", "/assets/app-Big1.js", "", {{"Accept-Encoding", "identity"}});
  EXPECT_EQ(plain.body, big);
  EXPECT_EQ(plain.header("content-encoding"), "");
}

TEST_F(WebPortal, NothingOutsideTheFolderIsServed) {
  for (const char* target : {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt",
                             "/assets/..%2f..%2fsecret.txt", "/.%2e/secret.txt", "/%00", "/%zz", "/.hidden"}) {
    auto r = get(target);
    EXPECT_EQ(r.body.find("hors du portail"), std::string::npos) << target;
  }
}

TEST_F(WebPortal, OnlyListedOriginsGetCrossOriginAccess) {
  auto preflight = send("OPTIONS", "/api/v1/services", "",
                        {{"Origin", "https://portail.ac-exemple.fr"}, {"Access-Control-Request-Method", "GET"}});
  EXPECT_EQ(preflight.status, 204u);
  EXPECT_EQ(preflight.header("access-control-allow-origin"), "https://portail.ac-exemple.fr");
  EXPECT_NE(preflight.header("access-control-allow-headers").find("Authorization"), std::string::npos);
  EXPECT_EQ(preflight.header("access-control-allow-credentials"), "");
  auto refused = send("OPTIONS", "/api/v1/services", "",
                      {{"Origin", "https://ailleurs.example"}, {"Access-Control-Request-Method", "GET"}});
  EXPECT_EQ(refused.status, 403u);
  EXPECT_EQ(refused.header("access-control-allow-origin"), "");
  auto listed = send("GET", "/api/v1/services", "", {{"Origin", "https://portail.ac-exemple.fr"}});
  EXPECT_EQ(listed.status, 200u);
  EXPECT_EQ(listed.header("access-control-allow-origin"), "https://portail.ac-exemple.fr");
  EXPECT_EQ(listed.header("vary"), "Origin");
  // Errors carry the header too, so the other portal can read the French message.
  auto error = send("GET", "/api/v1/me", "", {{"Origin", "https://portail.ac-exemple.fr"}});
  EXPECT_EQ(error.status, 401u);
  EXPECT_EQ(error.header("access-control-allow-origin"), "https://portail.ac-exemple.fr");
  auto other = send("GET", "/api/v1/services", "", {{"Origin", "https://ailleurs.example"}});
  EXPECT_EQ(other.status, 200u);
  EXPECT_EQ(other.header("access-control-allow-origin"), "");
}

TEST(CorsOrigins, MalformedOriginsAreRefusedAtStart) {
  app::ServeConfig c;
  c.host = "127.0.0.1";
  c.port = 0;
  auto root = std::filesystem::temp_directory_path() / ("guichet-cors-" + std::to_string(::getpid()));
  std::filesystem::create_directories(root / "scripts");
  c.data_dir = (root / "data").string();
  c.scripts_dir = (root / "scripts").string();
  c.cors_origins = "https://portail.fr/chemin";
  c.password_cost = "minimal";
  auto app = app::ServerApp::start(c);
  ASSERT_FALSE(app.ok());
  EXPECT_NE(app.error().message.find("origine invalide"), std::string::npos) << app.error().message;
  std::filesystem::remove_all(root);
}

TEST(SecureCookie, OnUnlessThePortalIsPlainHttpOnLoopback) {
  EXPECT_FALSE(app::secure_cookie_for("http://127.0.0.1:8080"));
  EXPECT_FALSE(app::secure_cookie_for("http://localhost:8080/"));
  EXPECT_FALSE(app::secure_cookie_for("http://[::1]:8080"));
  EXPECT_TRUE(app::secure_cookie_for("https://127.0.0.1:8443"));
  EXPECT_TRUE(app::secure_cookie_for("https://candidats.ac-poitiers.fr"));
  EXPECT_TRUE(app::secure_cookie_for("http://candidats.ac-poitiers.fr"));
  EXPECT_TRUE(app::secure_cookie_for("http://localhost.evil.example"));
}

class NoPortal : public ServerFixture {
 protected:
  void SetUp() override { start(); }
};

TEST_F(NoPortal, WithoutWebFilesTheRootIsAJson404) {
  auto r = get("/");
  EXPECT_EQ(r.status, 404u);
  EXPECT_NE(r.body.find("\"not_found\""), std::string::npos);
}

}  // namespace
}  // namespace guichet::testing
