// The HTTP/1.1 server: Boost.Beast, one io_context per worker thread. One acceptor hands
// connections round-robin to the workers; a connection lives on its worker for good, so the
// handler always runs on the same thread and can use that worker's Lua state without a lock.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <atomic>
#include <string>

#include "core/result.hpp"
#include "http/json_error.hpp"
#include "http/metrics.hpp"
#include "http/trusted_proxies.hpp"

namespace guichet::http {

// Finishes a deferred request. Call it once, from any thread, after filling the response.
// Copies share one state: the first call finishes the request, later calls do nothing; if
// every copy is dropped without a call (the handler threw before handing its work over), the
// request is answered 500 rather than left hanging.
class Completion {
 public:
  Completion() = default;
  Completion(std::function<void()> done, std::function<void()> abandoned)
      : state_(std::make_shared<State>(std::move(done), std::move(abandoned))) {}
  void operator()() {
    if (state_ && !state_->called.exchange(true)) state_->done();
  }

 private:
  struct State {
    State(std::function<void()> d, std::function<void()> a) : done(std::move(d)), abandoned(std::move(a)) {}
    ~State() {
      if (!called && abandoned) abandoned();
    }
    std::function<void()> done, abandoned;
    std::atomic<bool> called{false};
  };
  std::shared_ptr<State> state_;
};

struct RequestContext {
  unsigned worker_index = 0;
  std::string request_id;
  std::string route;           // route template, set by the handler (metrics, logs)
  std::string client_address;  // the real client: the peer, or from a trusted proxy's X-Forwarded-For
  // The route's limit for a whole body, set by the stream router from the header (0: the
  // server's max_body_bytes, for requests no route claims).
  std::uint64_t max_body_bytes = 0;

  // Answer later (e.g. after database work on another thread): the handler returns at once,
  // and the request, the response and this context stay valid until the completion is called.
  Completion defer() {
    deferred = true;
    return make_completion();
  }
  bool deferred = false;
  std::function<Completion()> make_completion;  // set by the server
};

// Fills the response; runs on the connection's worker thread. Exceptions become a 500.
using Handler = std::function<void(const Request&, Response&, RequestContext&)>;

class BodySink;  // http/body_sink.hpp
// Decides from the header alone, on the worker thread, whether a request's body streams to a
// sink (uploads). nullptr (or no router): the usual whole-body Handler with max_body_bytes.
using StreamRouter = std::function<std::shared_ptr<BodySink>(const RequestHeader&, RequestContext&)>;

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;  // 0: an ephemeral port, see Server::port()
  unsigned threads = 1;
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 1024 * 1024;
  // A request, once begun, must arrive whole within read_timeout; a kept-alive connection
  // may wait idle_timeout for the next one; a response must be taken within write_timeout.
  std::chrono::milliseconds read_timeout{10'000};
  std::chrono::milliseconds idle_timeout{30'000};
  std::chrono::milliseconds write_timeout{10'000};
  std::chrono::milliseconds drain_timeout{10'000};
  std::size_t max_connections = 10'000;
  int access_log_fd = 1;  // -1: no access log
  StreamRouter stream_router;
  // A streamed body may take this long in all; each chunk must still come within read_timeout.
  std::chrono::milliseconds upload_timeout{600'000};
  // An answer sent before the request's body was read (413, a refused upload) is followed by
  // a lingering close, as nginx does: the server stops sending, then reads and discards what
  // the client still sends, for at most linger_time and linger_bytes, and only then closes.
  // Closing at once would make the kernel reset the connection, which can destroy the answer
  // before the client reads it (the client sees a broken pipe, not the 413).
  std::chrono::milliseconds linger_time{10'000};
  std::uint64_t linger_bytes = 64ull * 1024 * 1024;
  // Reverse proxies whose X-Forwarded-For names the client (see trusted_proxies.hpp).
  TrustedProxies trusted_proxies;
  // Last touch on every answer to a request, whatever produced it (route, streamed body's sink,
  // 500): the CORS headers.
  std::function<void(const RequestHeader&, Response&)> decorate;
};

class Server {
 public:
  Server(ServerOptions options, Handler handler);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds, listens and starts the worker threads.
  Status start();
  unsigned short port() const;
  // Graceful drain: stop accepting, close idle connections, let requests in flight finish
  // (their responses say "Connection: close"). Returns at once; wait() joins.
  void stop();
  // Joins the workers; connections still busy after drain_timeout are cut.
  void wait();

  HttpMetrics& metrics();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace guichet::http
