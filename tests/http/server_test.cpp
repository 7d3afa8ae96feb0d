// The Beast server on loopback, through real sockets: limits, timeouts, pipelining, drain.
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>

#include <atomic>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "http/access_log.hpp"
#include "http/server.hpp"
#include "tests/http/raw_client.hpp"
#include "tests/support/http_client.hpp"

namespace guichet::http {
namespace {

using namespace std::chrono_literals;
using testing::RawClient;

class ServerTest : public ::testing::Test {
 protected:
  void start(ServerOptions o = {}) {
    o.host = "127.0.0.1";
    o.port = 0;
    o.access_log_fd = -1;
    if (o.threads == 1) o.threads = 2;
    server_ = std::make_unique<Server>(o, [this](const Request& req, Response& res, RequestContext& ctx) {
      handle(req, res, ctx);
    });
    Status s = server_->start();
    ASSERT_TRUE(s.ok()) << s.error().message;
  }
  void TearDown() override {
    if (server_) {
      server_->stop();
      server_->wait();
    }
  }

  virtual void handle(const Request& req, Response& res, RequestContext& ctx) {
    std::string target(req.target());
    ctx.route = target.rfind("/sleep", 0) == 0 ? "/sleep" : "/echo";
    if (target == "/throw") throw std::runtime_error("secret internal detail");
    if (target == "/defer-then-throw") {
      // Defers, hands nothing over, throws: the dropped completion must still answer.
      auto done = ctx.defer();
      throw std::runtime_error("lost before the work started");
    }
    if (target == "/handed-then-throw") {
      // Hands the work over, then throws: one answer, a 500, after the work is done.
      auto done = ctx.defer();
      std::thread([&res, done]() mutable {
        std::this_thread::sleep_for(30ms);
        res.result(200);
        res.body() = "work done";
        done();
        done();  // a second call changes nothing
      }).detach();
      throw std::runtime_error("thrown after handing over");
    }
    if (target.rfind("/later", 0) == 0) {
      // Answered from another thread, as database work is.
      auto done = ctx.defer();
      std::thread([&res, target, done, &ctx]() mutable {
        std::this_thread::sleep_for(30ms);
        res.result(200);
        res.body() = "later " + target + " " + ctx.request_id;
        done();
      }).detach();
      return;
    }
    if (target.rfind("/sleep", 0) == 0) std::this_thread::sleep_for(400ms);
    res.result(200);
    res.set("Content-Type", "text/plain");
    res.set("X-Worker", std::to_string(ctx.worker_index));
    res.set("X-Client", ctx.client_address);
    res.body() = "echo " + target + " " + ctx.request_id;
  }

  unsigned short port() const { return server_->port(); }
  std::unique_ptr<Server> server_;
};

boost::json::object error_of(const std::string& body) {
  return boost::json::parse(body).as_object().at("error").as_object();
}

std::string body_of_raw(const std::string& raw) { return raw.substr(raw.find("\r\n\r\n") + 4); }

TEST_F(ServerTest, AnswersWithRequestIdAndServerHeader) {
  start();
  auto r = testing::http_request(port(), "GET", "/hello");
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(r.header("server"), "guichet");
  ASSERT_FALSE(r.header("x-request-id").empty());
  EXPECT_EQ(r.body, "echo /hello " + r.header("x-request-id"));
  auto r2 = testing::http_request(port(), "GET", "/hello");
  EXPECT_NE(r2.header("x-request-id"), r.header("x-request-id"));
}

TEST_F(ServerTest, KeepsAPlainClientRequestIdAndReplacesAnOddOne) {
  start();
  auto kept = testing::http_request(port(), "GET", "/a", "", {{"X-Request-Id", "portal-42.abc_X"}});
  EXPECT_EQ(kept.header("x-request-id"), "portal-42.abc_X");
  auto replaced = testing::http_request(port(), "GET", "/a", "", {{"X-Request-Id", "bad id\"{}"}});
  EXPECT_NE(replaced.header("x-request-id"), "bad id\"{}");
  EXPECT_FALSE(replaced.header("x-request-id").empty());
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrderOnOneConnection) {
  start();
  RawClient c(port());
  c.send("GET /one HTTP/1.1\r\nHost: x\r\n\r\nGET /two HTTP/1.1\r\nHost: x\r\n\r\nGET /three HTTP/1.1\r\nHost: x\r\n\r\n");
  std::string all = c.read_responses(3);
  ASSERT_EQ(RawClient::complete_responses(all), 3) << all;
  auto one = all.find("echo /one"), two = all.find("echo /two"), three = all.find("echo /three");
  ASSERT_NE(one, std::string::npos);
  ASSERT_NE(two, std::string::npos);
  ASSERT_NE(three, std::string::npos);
  EXPECT_LT(one, two);
  EXPECT_LT(two, three);
}

TEST_F(ServerTest, ADeferredAnswerArrivesAndKeepsPipelinedOrder) {
  start();
  RawClient c(port());
  c.send("GET /later1 HTTP/1.1\r\nHost: x\r\n\r\nGET /now HTTP/1.1\r\nHost: x\r\n\r\n"
         "GET /later2 HTTP/1.1\r\nHost: x\r\n\r\n");
  std::string all = c.read_responses(3);
  ASSERT_EQ(RawClient::complete_responses(all), 3) << all;
  auto a = all.find("later /later1"), b = all.find("echo /now"), d = all.find("later /later2");
  ASSERT_NE(a, std::string::npos);
  ASSERT_NE(b, std::string::npos);
  ASSERT_NE(d, std::string::npos);
  EXPECT_LT(a, b);
  EXPECT_LT(b, d);
}

TEST_F(ServerTest, AHandlerThatThrowsAfterDeferringAnswersOnce) {
  start();
  RawClient c(port());
  c.send("GET /defer-then-throw HTTP/1.1\r\nHost: x\r\n\r\nGET /handed-then-throw HTTP/1.1\r\nHost: x\r\n\r\n"
         "GET /after HTTP/1.1\r\nHost: x\r\n\r\n");
  std::string all = c.read_responses(3);
  ASSERT_EQ(RawClient::complete_responses(all), 3) << all;
  // Two 500s (neither hangs, neither is answered twice), then the next request on the
  // same connection gets its own answer.
  auto first = all.find("HTTP/1.1 500"), second = all.find("HTTP/1.1 500", first + 1), after = all.find("echo /after");
  ASSERT_NE(first, std::string::npos) << all;
  ASSERT_NE(second, std::string::npos) << all;
  ASSERT_NE(after, std::string::npos) << all;
  EXPECT_LT(second, after);
  EXPECT_EQ(all.find("work done"), std::string::npos) << all;
  EXPECT_EQ(all.find("lost before"), std::string::npos) << all;  // no detail leaks
  std::this_thread::sleep_for(100ms);  // a stray second answer would arrive now
  c.send("GET /last HTTP/1.1\r\nHost: x\r\n\r\n");
  std::string last = c.read_responses(1);
  EXPECT_EQ(RawClient::complete_responses(last), 1) << last;
  EXPECT_NE(last.find("echo /last"), std::string::npos) << last;
}

TEST_F(ServerTest, AConnectionStaysOnOneWorkerAndConnectionsAreSpread) {
  start();
  std::set<std::string> workers;
  for (int i = 0; i < 4; ++i) {
    RawClient c(port());
    c.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n");
    std::string all = c.read_responses(2);
    auto w1 = all.find("X-Worker: "), w2 = all.find("X-Worker: ", w1 + 1);
    ASSERT_NE(w2, std::string::npos);
    EXPECT_EQ(all.substr(w1, 11), all.substr(w2, 11));
    workers.insert(all.substr(w1, 11));
  }
  EXPECT_EQ(workers.size(), 2u);
}

TEST_F(ServerTest, OversizedHeadersGet431AsJson) {
  ServerOptions o;
  o.max_header_bytes = 1024;
  start(o);
  RawClient c(port());
  c.send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(4000, 'a') + "\r\n\r\n");
  bool closed = false;
  std::string raw = c.read_until_closed(3s, &closed);
  ASSERT_EQ(raw.rfind("HTTP/1.1 431", 0), 0u) << raw;
  EXPECT_NE(raw.find("application/json"), std::string::npos);
  EXPECT_EQ(std::string(error_of(body_of_raw(raw)).at("code").as_string()), "headers_too_large");
  EXPECT_TRUE(closed);
}

TEST_F(ServerTest, OversizedBodyGets413BeforeItIsRead) {
  ServerOptions o;
  o.max_body_bytes = 1000;
  start(o);
  RawClient c(port());
  c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000000\r\n\r\n{");
  std::string raw = c.read_until_closed(3s);
  ASSERT_EQ(raw.rfind("HTTP/1.1 413", 0), 0u) << raw;
  auto err = error_of(body_of_raw(raw));
  EXPECT_EQ(std::string(err.at("code").as_string()), "payload_too_large");
  EXPECT_NE(std::string(err.at("message").as_string()).find("taille"), std::string::npos);
}

// A client that sends its whole oversized body before reading (curl, most libraries) must
// still read the 413: the server lingers, discarding the body, instead of resetting the
// connection under it (which made the client see a broken pipe).
TEST_F(ServerTest, AClientSendingAnOversizedBodyInFullReadsThe413) {
  ServerOptions o;
  o.max_body_bytes = 1000;
  start(o);
  RawClient c(port());
  const std::string body(24 * 1024 * 1024, 'x');  // far beyond what the sockets' buffers hold
  auto sent = c.try_send("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " +
                         std::to_string(body.size()) + "\r\n\r\n" + body);
  EXPECT_FALSE(sent) << sent.message();
  std::string raw = c.read_until_closed(5s);
  ASSERT_EQ(raw.rfind("HTTP/1.1 413", 0), 0u) << raw.substr(0, 200);
  EXPECT_NE(raw.find("Connection: close"), std::string::npos);
  EXPECT_EQ(std::string(error_of(body_of_raw(raw)).at("code").as_string()), "payload_too_large");
}

// The lingering is bounded: past linger_bytes the connection is closed all the same.
TEST_F(ServerTest, TheLingeringCloseIsBoundedInBytes) {
  ServerOptions o;
  o.max_body_bytes = 1000;
  o.linger_bytes = 256 * 1024;
  start(o);
  RawClient c(port());
  const std::string body(24 * 1024 * 1024, 'x');
  auto started = std::chrono::steady_clock::now();
  auto sent = c.try_send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(body.size()) +
                         "\r\n\r\n" + body);
  EXPECT_TRUE(sent);  // reset once the bound was reached
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
}

// And in time: a client still sending past linger_time finds the connection closed.
TEST_F(ServerTest, TheLingeringCloseIsBoundedInTime) {
  ServerOptions o;
  o.max_body_bytes = 1000;
  o.linger_time = std::chrono::milliseconds(300);
  start(o);
  RawClient c(port());
  c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 50000000\r\n\r\n" + std::string(4096, 'x'));
  std::string raw = c.read_until_closed(5s);  // the answer, then the server's FIN
  EXPECT_EQ(raw.rfind("HTTP/1.1 413", 0), 0u) << raw;
  EXPECT_FALSE(c.try_send(std::string(64 * 1024, 'x')));  // still lingering: read and discarded
  std::this_thread::sleep_for(2s);
  EXPECT_TRUE(c.try_send(std::string(24 * 1024 * 1024, 'x')));  // closed by then: reset
}

TEST_F(ServerTest, GarbageGets400AsJson) {
  start();
  RawClient c(port());
  c.send("HELLO\x01 WORLD\r\n\r\n");
  std::string raw = c.read_until_closed(3s);
  ASSERT_EQ(raw.rfind("HTTP/1.1 400", 0), 0u) << raw;
  EXPECT_EQ(std::string(error_of(body_of_raw(raw)).at("code").as_string()), "malformed_request");
}

TEST_F(ServerTest, AThrowingHandlerGivesA500WithoutItsDetails) {
  start();
  auto r = testing::http_request(port(), "GET", "/throw");
  EXPECT_EQ(r.status, 500u);
  EXPECT_EQ(std::string(error_of(r.body).at("code").as_string()), "internal_error");
  EXPECT_EQ(r.body.find("secret"), std::string::npos);
  // And the server goes on.
  EXPECT_EQ(testing::http_request(port(), "GET", "/after").status, 200u);
}

TEST_F(ServerTest, HeadSendsTheLengthButNoBody) {
  start();
  RawClient c(port());
  c.send("HEAD /x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  std::string raw = c.read_until_closed(3s);
  auto cl = raw.find("Content-Length: ");
  ASSERT_NE(cl, std::string::npos) << raw;
  EXPECT_GT(std::stoul(raw.substr(cl + 16)), 0u);
  EXPECT_EQ(body_of_raw(raw), "");
}

TEST_F(ServerTest, ASlowClientIsCutAfterTheReadTimeout) {
  ServerOptions o;
  o.read_timeout = 300ms;
  start(o);
  RawClient c(port());
  c.send("GET / HTTP/1.1\r\nHost: x\r\n");  // never finishes its headers
  auto t0 = std::chrono::steady_clock::now();
  bool closed = false;
  c.read_until_closed(5s, &closed);
  EXPECT_TRUE(closed);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 4s);
  EXPECT_NE(server_->metrics().render().find("guichet_http_timeouts_total 1"), std::string::npos);
}

TEST_F(ServerTest, DrippingOneByteAtATimeDoesNotExtendTheDeadline) {
  ServerOptions o;
  o.read_timeout = 300ms;
  start(o);
  RawClient c(port());
  auto t0 = std::chrono::steady_clock::now();
  std::string request = "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: " + std::string(40, 'a');
  bool cut = false;
  for (char ch : request) {
    try {
      c.send(std::string(1, ch));
    } catch (const std::exception&) {
      cut = true;
      break;
    }
    std::this_thread::sleep_for(50ms);
  }
  bool closed = cut;
  if (!cut) c.read_until_closed(3s, &closed);
  EXPECT_TRUE(closed);
  // 60 bytes at 50 ms would take 3 s: the server hung up long before.
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 2500ms);
}

TEST_F(ServerTest, AnIdleKeptAliveConnectionIsClosedAfterTheIdleTimeout) {
  ServerOptions o;
  o.idle_timeout = 300ms;
  start(o);
  RawClient c(port());
  c.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
  bool closed = false;
  std::string raw = c.read_until_closed(5s, &closed);
  EXPECT_NE(raw.find("echo /a"), std::string::npos);
  EXPECT_TRUE(closed);
}

TEST_F(ServerTest, ConnectionsBeyondTheCapAreRefused) {
  ServerOptions o;
  o.max_connections = 1;
  start(o);
  RawClient first(port());
  first.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_NE(first.read_responses(1).find("echo /a"), std::string::npos);
  RawClient second(port());
  bool closed = false;
  second.read_until_closed(3s, &closed);
  EXPECT_TRUE(closed);
  EXPECT_NE(server_->metrics().render().find("guichet_http_connections_refused_total 1"), std::string::npos);
}

TEST_F(ServerTest, DrainLetsTheRequestInFlightFinishAndClosesIdleConnections) {
  start();
  RawClient idle(port());
  idle.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_EQ(RawClient::complete_responses(idle.read_responses(1)), 1);

  RawClient busy(port());
  busy.send("GET /sleep HTTP/1.1\r\nHost: x\r\n\r\n");
  std::this_thread::sleep_for(100ms);  // the handler is now sleeping
  server_->stop();
  std::string raw = busy.read_until_closed(5s);
  EXPECT_EQ(raw.rfind("HTTP/1.1 200", 0), 0u) << raw;
  EXPECT_NE(raw.find("Connection: close"), std::string::npos);
  bool closed = false;
  idle.read_until_closed(3s, &closed);
  EXPECT_TRUE(closed);
  server_->wait();
  EXPECT_THROW(testing::http_request(port(), "GET", "/late"), std::exception);
}

TEST_F(ServerTest, MetricsCountRequestsByRouteAndStatusWithLatency) {
  start();
  testing::http_request(port(), "GET", "/a");
  testing::http_request(port(), "GET", "/b");
  testing::http_request(port(), "GET", "/throw");
  // A request is counted once its answer is written, a moment after the client has it.
  std::string m;
  for (int i = 0; i < 100; ++i) {
    m = server_->metrics().render();
    if (m.find(R"(guichet_http_request_duration_seconds_count{route="/echo"} 3)") != std::string::npos) break;
    std::this_thread::sleep_for(10ms);
  }
  EXPECT_NE(m.find(R"(guichet_http_requests_total{route="/echo",method="GET",status="200"} 2)"), std::string::npos) << m;
  EXPECT_NE(m.find(R"(guichet_http_requests_total{route="/echo",method="GET",status="500"} 1)"), std::string::npos) << m;
  EXPECT_NE(m.find(R"(guichet_http_request_duration_seconds_count{route="/echo"} 3)"), std::string::npos) << m;
  EXPECT_NE(m.find(R"(guichet_http_request_duration_seconds_bucket{route="/echo",le="+Inf"} 3)"), std::string::npos);
}

class AccessLogTest : public ServerTest {
 protected:
  std::string run_and_capture(bool json, const char* trusted_proxies = "") {
    int fds[2];
    EXPECT_EQ(::pipe(fds), 0);
    use_json_access_log(json);
    ServerOptions o;
    o.host = "127.0.0.1";
    o.port = 0;
    o.threads = 2;
    o.access_log_fd = fds[1];
    o.trusted_proxies = *TrustedProxies::parse(trusted_proxies);
    server_ = std::make_unique<Server>(o, [this](const Request& q, Response& r, RequestContext& c) { handle(q, r, c); });
    EXPECT_TRUE(server_->start().ok());
    testing::http_request(port(), "GET", "/logged?x=\"1\"", "",
                          {{"X-Request-Id", "req-123"}, {"X-Forwarded-For", "203.0.113.5, 198.51.100.8"}});
    server_->stop();
    server_->wait();
    server_.reset();
    use_json_access_log(false);
    ::close(fds[1]);
    std::string out;
    char buf[4096];
    ssize_t n;
    while ((n = ::read(fds[0], buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
    ::close(fds[0]);
    return out;
  }
};

TEST_F(AccessLogTest, TextLineHasIdRouteStatusAndLatency) {
  std::string out = run_and_capture(false);
  EXPECT_NE(out.find("[access] req-123 GET /logged"), std::string::npos) << out;
  EXPECT_NE(out.find("route=/echo status=200"), std::string::npos) << out;
  EXPECT_NE(out.find("ms bytes="), std::string::npos) << out;
}

TEST_F(AccessLogTest, TheLineNamesTheClientATrustedProxyForwardedAndOnlyThen) {
  std::string direct = run_and_capture(false);
  EXPECT_NE(direct.find("client=127.0.0.1"), std::string::npos) << direct;
  std::string proxied = run_and_capture(false, "127.0.0.0/8");
  EXPECT_NE(proxied.find("client=198.51.100.8"), std::string::npos) << proxied;
}

TEST_F(ServerTest, TheHandlerSeesTheClientATrustedProxyNamesAndOnlyThen) {
  start();
  auto direct = testing::http_request(port(), "GET", "/a", "", {{"X-Forwarded-For", "198.51.100.8"}});
  EXPECT_EQ(direct.header("x-client"), "127.0.0.1");  // an untrusted peer's claim is ignored
  server_->stop();
  server_->wait();
  ServerOptions o;
  o.trusted_proxies = *TrustedProxies::parse("127.0.0.1");
  start(o);
  EXPECT_EQ(testing::http_request(port(), "GET", "/a", "", {{"X-Forwarded-For", "198.51.100.8"}}).header("x-client"),
            "198.51.100.8");
  EXPECT_EQ(testing::http_request(port(), "GET", "/a", "", {{"X-Forwarded-For", "nonsense"}}).header("x-client"),
            "127.0.0.1");
  EXPECT_EQ(testing::http_request(port(), "GET", "/a").header("x-client"), "127.0.0.1");
}

TEST_F(AccessLogTest, JsonLinesParseAndCarryTheFields) {
  std::string out = run_and_capture(true);
  std::istringstream lines(out);
  std::string line;
  int parsed = 0;
  while (std::getline(lines, line)) {
    auto v = boost::json::parse(line).as_object();
    EXPECT_EQ(std::string(v.at("request_id").as_string()), "req-123");
    EXPECT_EQ(std::string(v.at("target").as_string()), "/logged?x=\"1\"");
    EXPECT_EQ(std::string(v.at("route").as_string()), "/echo");
    EXPECT_EQ(v.at("status").as_int64(), 200);
    EXPECT_TRUE(v.at("duration_ms").is_double());
    ++parsed;
  }
  EXPECT_EQ(parsed, 1) << out;
}

}  // namespace
}  // namespace guichet::http
