// One client connection on its worker: read a request, answer it, repeat. Requests are
// handled strictly one after the other, so pipelined requests get their answers in order.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>

#include <atomic>
#include <memory>
#include <optional>
#include <unordered_set>
#include <vector>

#include "http/access_log.hpp"
#include "http/body_sink.hpp"
#include "http/server.hpp"

namespace guichet::http {

class Connection;

// A socket bound to the concrete io_context executor (no type-erased executor per operation).
using Socket = boost::asio::basic_stream_socket<boost::asio::ip::tcp, boost::asio::io_context::executor_type>;

// What a worker thread owns. Touched only from that worker's thread, except `ioc` and
// `draining`.
struct Worker {
  Worker(unsigned index, int log_fd) : index(index), log(log_fd), housekeeping(ioc) {}
  unsigned index;
  boost::asio::io_context ioc{1};
  AccessLog log;
  std::unordered_set<Connection*> live;
  std::atomic<bool> draining{false};  // set by Server::stop from any thread
  unsigned long long next_request = 0;
  // Every kHousekeepingPeriod: cut connections past their deadline, flush the access log.
  boost::asio::steady_timer housekeeping;
};

inline constexpr auto kHousekeepingPeriod = std::chrono::milliseconds(100);

// Shared, read-only after start (but the counter).
struct ServerShared {
  ServerShared(ServerOptions o, Handler h) : options(std::move(o)), handler(std::move(h)), metrics(options.threads) {}
  ServerOptions options;
  Handler handler;
  HttpMetrics metrics;
  std::string id_prefix;
  std::atomic<std::size_t> open_connections{0};
};

// Deadlines are checked by the worker's housekeeping sweep rather than a timer per
// operation: a request then costs no timer syscalls, and a deadline is cut at most
// kHousekeepingPeriod late.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(Socket socket, Worker& worker, ServerShared& shared);
  ~Connection();
  void start();
  // Called on the worker thread when the server drains.
  void drain();
  // Called by the sweep: closes the connection if its deadline has passed.
  void expire_if_late(std::chrono::steady_clock::time_point now);

 private:
  enum class Phase { idle, reading, handling, writing };
  void wait_for_request();
  void read_request();
  void on_header(boost::beast::error_code ec);
  void on_read(boost::beast::error_code ec);
  bool read_failed(boost::beast::error_code ec);
  void prepare_context(const RequestHeader& req);
  const RequestHeader& header() const;
  // Streamed bodies (uploads): see body_sink.hpp.
  void start_stream();
  Next resume(std::function<void(bool)> step);
  void send_continue();
  void pump();
  void start_read(int buffer);
  void on_chunk(boost::beast::error_code ec);
  void on_written(bool go_on);
  void fail_read();
  void finish_stream(bool stopped);
  void fail_stream(std::string_view what);
  void reject(ErrorCode code, std::string_view message);
  // The body limit of the request being read: its route's, or the server's default.
  std::uint64_t body_limit() const;
  void handle();
  void finish_handle();
  std::string new_request_id();
  void answer_internal_error(std::string_view what);
  void write();
  void on_write(boost::beast::error_code ec);
  void close();
  // The lingering close after an answer that left the body unread (see ServerOptions).
  void linger();
  void linger_read();

  void set_deadline(std::chrono::milliseconds timeout);
  void serialize_response(bool head);

  Socket socket_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  // While a body streams: the parser (the header moved from parser_), the sink, two chunks.
  std::optional<boost::beast::http::request_parser<boost::beast::http::buffer_body>> stream_parser_;
  std::shared_ptr<BodySink> sink_;
  std::vector<char> chunks_[2];
  int reading_into_ = -1, writing_ = -1, filled_ = -1;  // buffer indexes, -1: none
  std::size_t filled_bytes_ = 0;
  boost::beast::error_code read_error_;
  bool stop_ = false;
  std::chrono::steady_clock::time_point upload_deadline_;
  bool force_close_ = false;
  bool deferred_failed_ = false;  // the handler threw after defer(): answer 500 when it completes
  Response response_;
  RequestContext ctx_;  // lives with the connection so a deferred handler can keep using it
  Worker& worker_;
  ServerShared& shared_;
  Phase phase_ = Phase::idle;
  std::string client_;          // the TCP peer
  std::string request_client_;  // the current request's client (the peer, or behind a trusted proxy)
  std::string request_id_, route_;
  // Views into the parsed request (or literals for a rejected one), valid until the next
  // read: only the access log line written after the answer uses them.
  std::string_view method_, target_;
  std::chrono::steady_clock::time_point started_;
  bool close_after_write_ = false;
  bool timed_out_ = false;
  bool body_unread_ = false;   // the answer goes before the request's body was read
  bool lingering_ = false;
  std::uint64_t lingered_ = 0;  // bytes discarded while lingering
  std::chrono::steady_clock::time_point deadline_ = std::chrono::steady_clock::time_point::max();
  std::string wire_;  // the serialized response; its capacity is reused across requests
};

}  // namespace guichet::http
