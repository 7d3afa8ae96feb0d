// Streamed request bodies through real sockets: chunks in order and one at a time
// (back-pressure), chunked encoding, 100-continue, limits before the body, refusals at open,
// cut and stalled clients (abort, never finish), keep-alive after a stream, throwing sinks.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "http/body_sink.hpp"
#include "http/server.hpp"
#include "tests/http/raw_client.hpp"
#include "tests/support/http_client.hpp"

namespace guichet::http {
namespace {

using namespace std::chrono_literals;
using testing::RawClient;

// Records what the server does with it; answers each step from another thread after a pause.
struct Recorder {
  std::mutex mutex;
  std::string received;
  std::vector<std::size_t> chunk_sizes;
  std::atomic<int> outstanding{0}, max_outstanding{0}, aborts{0}, finishes{0}, opens{0};
};

class TestSink : public BodySink {
 public:
  TestSink(Recorder& r, std::uint64_t limit, bool refuse_open, bool throw_on_write)
      : r_(r), limit_(limit), refuse_open_(refuse_open), throw_on_write_(throw_on_write) {}
  std::uint64_t max_body_bytes() const override { return limit_; }
  void open(Next next) override {
    ++r_.opens;
    std::thread([next, go = !refuse_open_] { next(go); }).detach();
  }
  void write(std::string_view chunk, Next next) override {
    if (throw_on_write_) throw std::runtime_error("secret sink detail");
    int now = ++r_.outstanding;
    int seen = r_.max_outstanding.load();
    while (now > seen && !r_.max_outstanding.compare_exchange_weak(seen, now)) {
    }
    std::thread([this, chunk, next] {
      std::this_thread::sleep_for(1ms);  // a slow disk
      {
        std::lock_guard<std::mutex> lock(r_.mutex);
        r_.received.append(chunk);  // the bytes stay valid until next()
        r_.chunk_sizes.push_back(chunk.size());
      }
      --r_.outstanding;
      next(true);
    }).detach();
  }
  void finish(Response& res, RequestContext& ctx) override {
    ++r_.finishes;
    if (refuse_open_) {
      write_json_error(res, ErrorCode::unauthenticated, "Vous devez vous connecter.");
      return;
    }
    auto done = ctx.defer();
    std::thread([this, &res, done]() mutable {
      std::lock_guard<std::mutex> lock(r_.mutex);
      res.result(201);
      res.body() = "stored " + std::to_string(r_.received.size());
      done();
    }).detach();
  }
  void abort() override { ++r_.aborts; }

 private:
  Recorder& r_;
  std::uint64_t limit_;
  bool refuse_open_, throw_on_write_;
};

class StreamingTest : public ::testing::Test {
 protected:
  void start(std::chrono::milliseconds read_timeout = 2s) {
    ServerOptions o;
    o.host = "127.0.0.1";
    o.port = 0;
    o.threads = 2;
    o.access_log_fd = -1;
    o.read_timeout = read_timeout;
    o.stream_router = [this](const RequestHeader& h, RequestContext& ctx) -> std::shared_ptr<BodySink> {
      std::string_view target = h.target();
      if (target.rfind("/upload", 0) != 0) return nullptr;
      ctx.route = "/upload";
      return std::make_shared<TestSink>(rec_, 8 * 1024 * 1024, target == "/upload/refuse", target == "/upload/throw");
    };
    server_ = std::make_unique<Server>(o, [](const Request& req, Response& res, RequestContext&) {
      res.result(200);
      res.body() = "whole " + std::to_string(req.body().size());
    });
    ASSERT_TRUE(server_->start().ok());
  }
  void TearDown() override {
    if (server_) {
      server_->stop();
      server_->wait();
    }
  }
  static std::string payload(std::size_t n) {
    std::string s(n, '\0');
    for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>((i * 131 + i / 7) % 256);
    return s;
  }
  // Waits up to 2 s for `cond`.
  template <class F>
  static bool eventually(F cond) {
    for (int i = 0; i < 200 && !cond(); ++i) std::this_thread::sleep_for(10ms);
    return cond();
  }

  Recorder rec_;
  std::unique_ptr<Server> server_;
};

TEST_F(StreamingTest, ABodyArrivesWholeInBoundedChunksOneAtATime) {
  start();
  const std::string body = payload(5 * 1024 * 1024 + 3);
  auto r = testing::http_request(server_->port(), "PUT", "/upload/file", body);
  ASSERT_EQ(r.status, 201u) << r.body;
  EXPECT_EQ(r.body, "stored " + std::to_string(body.size()));
  EXPECT_TRUE(rec_.received == body);
  EXPECT_GE(rec_.chunk_sizes.size(), 20u);
  for (auto n : rec_.chunk_sizes) EXPECT_LE(n, 256u * 1024);
  EXPECT_EQ(rec_.max_outstanding.load(), 1);  // never a second write before next()
  EXPECT_EQ(rec_.aborts.load(), 0);
  EXPECT_EQ(rec_.finishes.load(), 1);
}

TEST_F(StreamingTest, ChunkedEncodingStreamsToo) {
  start();
  RawClient c(server_->port());
  const std::string part = payload(300 * 1024);
  char size_line[32];
  std::snprintf(size_line, sizeof size_line, "%zx\r\n", part.size());
  c.send("POST /upload/file HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + std::string(size_line) +
         part + "\r\n" + size_line + part + "\r\n0\r\n\r\n");
  std::string answer = c.read_responses(1);
  EXPECT_NE(answer.find("HTTP/1.1 201"), std::string::npos) << answer;
  EXPECT_TRUE(rec_.received == part + part);
}

TEST_F(StreamingTest, ExpectContinueGetsContinueBeforeTheBody) {
  start();
  RawClient c(server_->port());
  c.send("PUT /upload/file HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
  std::string interim = c.read_responses(1);
  EXPECT_EQ(interim.rfind("HTTP/1.1 100 Continue\r\n\r\n", 0), 0u) << interim;
  EXPECT_TRUE(rec_.received.empty());
  c.send("hello");
  std::string answer = c.read_responses(1);
  EXPECT_NE(answer.find("HTTP/1.1 201"), std::string::npos) << answer;
  EXPECT_EQ(rec_.received, "hello");
}

TEST_F(StreamingTest, AContentLengthOverTheLimitIsRefusedBeforeReading) {
  start();
  RawClient c(server_->port());
  c.send("PUT /upload/file HTTP/1.1\r\nHost: x\r\nContent-Length: 9000000\r\n\r\n");
  bool closed = false;
  std::string answer = c.read_until_closed(2s, &closed);
  EXPECT_NE(answer.find("HTTP/1.1 413"), std::string::npos) << answer;
  EXPECT_NE(answer.find("payload_too_large"), std::string::npos);
  EXPECT_TRUE(closed);
  EXPECT_EQ(rec_.opens.load(), 0);
  EXPECT_EQ(rec_.aborts.load(), 1);  // called before the answer is written
}

TEST_F(StreamingTest, AChunkedBodyGrowingPastTheLimitIsCut) {
  start();
  RawClient c(server_->port());
  c.send("PUT /upload/file HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
  const std::string part = payload(1024 * 1024);
  char size_line[32];
  std::snprintf(size_line, sizeof size_line, "%zx\r\n", part.size());
  try {
    for (int i = 0; i < 10; ++i) c.send(size_line + part + "\r\n");
  } catch (const std::exception&) {
    // the server may close while we still send
  }
  std::string answer = c.read_until_closed(3s);
  EXPECT_NE(answer.find("HTTP/1.1 413"), std::string::npos) << answer;
  EXPECT_TRUE(eventually([&] { return rec_.aborts.load() == 1; }));
  EXPECT_EQ(rec_.finishes.load(), 0);
}

TEST_F(StreamingTest, ARefusalAtOpenAnswersWithoutReadingTheBody) {
  start();
  RawClient c(server_->port());
  c.send("PUT /upload/refuse HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n");
  bool closed = false;
  std::string answer = c.read_until_closed(2s, &closed);
  EXPECT_NE(answer.find("HTTP/1.1 401"), std::string::npos) << answer;
  EXPECT_NE(answer.find("Connection: close"), std::string::npos);
  EXPECT_TRUE(closed);
  EXPECT_TRUE(rec_.received.empty());
}

TEST_F(StreamingTest, AClientLeavingMidBodyAbortsAndNeverFinishes) {
  start();
  {
    RawClient c(server_->port());
    c.send("PUT /upload/file HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n" + payload(400 * 1024));
    std::this_thread::sleep_for(100ms);
  }
  EXPECT_TRUE(eventually([&] { return rec_.aborts.load() == 1; }));
  EXPECT_EQ(rec_.finishes.load(), 0);
}

TEST_F(StreamingTest, AStalledClientIsCutAfterTheReadTimeout) {
  start(300ms);
  RawClient c(server_->port());
  c.send("PUT /upload/file HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nonly a little");
  bool closed = false;
  c.read_until_closed(2s, &closed);
  EXPECT_TRUE(closed);
  EXPECT_TRUE(eventually([&] { return rec_.aborts.load() == 1; }));
  EXPECT_EQ(rec_.finishes.load(), 0);
}

TEST_F(StreamingTest, TheConnectionServesMoreRequestsAfterAStream) {
  start();
  RawClient c(server_->port());
  c.send("PUT /upload/file HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabcGET /other HTTP/1.1\r\nHost: x\r\n\r\n"
         "POST /plain HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nwxyz");
  std::string all = c.read_responses(3);
  ASSERT_EQ(RawClient::complete_responses(all), 3) << all;
  EXPECT_NE(all.find("stored 3"), std::string::npos);
  EXPECT_NE(all.find("whole 0"), std::string::npos);
  EXPECT_NE(all.find("whole 4"), std::string::npos);
}

TEST_F(StreamingTest, AThrowingSinkGivesAPlain500) {
  start();
  auto r = testing::http_request(server_->port(), "PUT", "/upload/throw", payload(1000));
  EXPECT_EQ(r.status, 500u);
  EXPECT_EQ(r.body.find("secret"), std::string::npos);
  EXPECT_NE(r.body.find("internal_error"), std::string::npos);
  EXPECT_TRUE(eventually([&] { return rec_.aborts.load() == 1; }));
}

}  // namespace
}  // namespace guichet::http
