// The shipped smtp plugin against a real SMTP server on loopback (aiosmtpd, see
// tests/plugins/smtp_server.py) requiring STARTTLS and authentication: guichet's mails leave
// through it from the running server; temporary refusals ask for a retry; bad credentials fail.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <filesystem>
#include <fstream>

#include "plugins/host/plugin_host.hpp"
#include "tests/app/admin_client.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/run_command.hpp"

namespace guichet::testing {
namespace {

using namespace std::chrono_literals;
namespace json = boost::json;
namespace fs = std::filesystem;

// A self-signed certificate for 127.0.0.1, an SMTP server using it, and the plugin's config.
class SmtpPeer {
 public:
  explicit SmtpPeer(int failures = 0) {
    static int counter = 0;
    work_ = fs::temp_directory_path() / ("guichet-smtp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(work_);
    fs::create_directories(work_ / "plugins");
    run_command("openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 "
                "-addext subjectAltName=IP:127.0.0.1 -keyout " + (work_ / "key.pem").string() + " -out " +
                (work_ / "cert.pem").string() + " 2>/dev/null");
    server_ = std::make_unique<ChildProcess>(std::vector<std::string>{
        "/usr/bin/python3", std::string(GUICHET_SOURCE_DIR) + "/tests/plugins/smtp_server.py", "--port-file",
        (work_ / "port").string(), "--out", (work_ / "mails").string(), "--cert", (work_ / "cert.pem").string(),
        "--key", (work_ / "key.pem").string(), "--user", "guichet", "--password", "mot de passe smtp", "--fail",
        std::to_string(failures)});
    port_ = wait_for_file(work_ / "port");
  }
  ~SmtpPeer() {
    server_.reset();
    std::error_code ec;
    fs::remove_all(work_, ec);
  }
  // The plugin's folder: smtp.so and its configuration.
  fs::path plugin_folder(const std::string& password = "mot de passe smtp") {
    // Never over a library already loaded: that rewrites mapped code.
    fs::copy_file(fs::path(SHIPPED_PLUGIN_DIR) / "smtp.so", work_ / "plugins" / "smtp.so",
                  fs::copy_options::skip_existing);
    std::ofstream(work_ / "plugins" / "smtp.json")
        << json::serialize(json::object{{"url", "smtp://127.0.0.1:" + port_},
                                        {"starttls", "required"},
                                        {"username", "guichet"},
                                        {"password", password},
                                        {"ca_file", (work_ / "cert.pem").string()},
                                        {"from", "ne-pas-repondre@guichet.test"},
                                        {"timeout_ms", 5000}});
    return work_ / "plugins";
  }
  // Mail n (1-based) and its envelope, waiting up to 10 s for it.
  std::pair<std::string, std::string> mail(int n) {
    std::string eml = wait_for_file(work_ / "mails" / (std::to_string(n) + ".eml"));
    std::ifstream env(work_ / "mails" / (std::to_string(n) + ".env"));
    return {eml, std::string{std::istreambuf_iterator<char>(env), {}}};
  }
  bool ready() const { return !port_.empty(); }

 private:
  fs::path work_;
  std::unique_ptr<ChildProcess> server_;
  std::string port_;
};

class SmtpPlugin : public AdminApiBase {
 protected:
  void SetUp() override {
    peer_ = std::make_unique<SmtpPeer>();
    ASSERT_TRUE(peer_->ready()) << "the SMTP server did not start";
    start_at("2024-11-01T10:00:00+01:00");
  }
  void configure(app::ServeConfig& c) override { c.plugins_dir = peer_->plugin_folder().string(); }
  void TearDown() override {
    AdminApiBase::TearDown();
    peer_.reset();
  }
  std::unique_ptr<SmtpPeer> peer_;
};

TEST_P(SmtpPlugin, TheServersMailsLeaveThroughSmtpWithStartTlsAndAuthentication) {
  auto r = post_json("/api/v1/accounts",
                     json::serialize(json::object{{"email", "elodie@example.org"}, {"password", kPassword},
                                                  {"last_name", "Martin"}, {"first_name", "Élodie"},
                                                  {"birth_date", "2001-03-12"}, {"birth_place", "Poitiers"},
                                                  {"nationality", "francaise"}}));
  ASSERT_EQ(r.status, 201u) << r.body;
  auto [eml, envelope] = peer_->mail(1);
  ASSERT_FALSE(eml.empty()) << "no mail reached the SMTP server";
  EXPECT_NE(envelope.find("to=elodie@example.org"), std::string::npos) << envelope;
  EXPECT_NE(envelope.find("from=ne-pas-repondre@guichet.test"), std::string::npos) << envelope;
  EXPECT_NE(envelope.find("tls=True"), std::string::npos) << envelope;
  EXPECT_NE(envelope.find("auth=True"), std::string::npos) << envelope;
  EXPECT_TRUE(outbox().empty());  // the plugin replaced the .eml folder
  // The mail is the real one: its link activates the account.
  std::string token = mail::testing::link_token(eml);
  ASSERT_FALSE(token.empty()) << eml;
  EXPECT_EQ(post_json("/api/v1/accounts/activate", R"({"token": ")" + token + R"("})").status, 200u);
}

INSTANTIATE_TEST_SUITE_P(Backends, SmtpPlugin, ::testing::Values(Backend::sqlite, Backend::postgresql), backend_name);

// The plugin alone: what it tells the host's outbox on each kind of failure.
TEST(SmtpPluginAlone, ATemporaryRefusalAsksForARetryAndBadCredentialsFail) {
  SmtpPeer peer(1);  // the first recipient gets a 451
  ASSERT_TRUE(peer.ready());
  const std::string message =
      "From: ne-pas-repondre@guichet.test\r\nTo: paul@example.org\r\nSubject: Essai\r\n"
      "Message-ID: <m1@guichet.test>\r\n\r\nBonjour.\r\n.Une ligne qui commence par un point.\r\n";
  {
    plugins::PluginHost host;
    ASSERT_TRUE(host.load(peer.plugin_folder() / "smtp.so", peer.plugin_folder()).ok());
    ASSERT_TRUE(host.has_mail_transport());
    auto first = host.send_mail("m1", "paul@example.org", message);
    EXPECT_EQ(first.status, GUICHET_RETRY);
    EXPECT_NE(first.output.find("451"), std::string::npos) << first.output;
    auto second = host.send_mail("m1", "paul@example.org", message);
    EXPECT_EQ(second.status, GUICHET_OK) << second.output;
    auto [eml, envelope] = peer.mail(1);
    EXPECT_NE(eml.find("Subject: Essai"), std::string::npos);
    EXPECT_NE(eml.find("\n.Une ligne qui commence par un point."), std::string::npos) << eml;  // dot-stuffing undone
  }
  plugins::PluginHost wrong;
  ASSERT_TRUE(wrong.load(peer.plugin_folder("pas le bon") / "smtp.so", peer.plugin_folder("pas le bon")).ok());
  auto refused = wrong.send_mail("m2", "paul@example.org", message);
  EXPECT_NE(refused.status, GUICHET_OK);
  EXPECT_NE(refused.output.find("535"), std::string::npos) << refused.output;
}

}  // namespace
}  // namespace guichet::testing
