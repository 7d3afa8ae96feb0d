#include "http/connection.hpp"

#include <boost/asio/write.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/core/string.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace guichet::http {
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace asio = boost::asio;

namespace {

// A client's X-Request-Id is kept when it is short and plain; otherwise the server makes one.
bool acceptable_request_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') return false;
  return true;
}

void append(std::string& out, std::string_view s) { out.append(s.data(), s.size()); }

// Every X-Forwarded-For field of the request, in order, as one list.
std::string forwarded_for(const RequestHeader& req) {
  std::string out;
  auto [first, last] = req.equal_range("X-Forwarded-For");
  for (auto it = first; it != last; ++it) {
    if (!out.empty()) out += ',';
    append(out, it->value());
  }
  return out;
}

}  // namespace

Connection::Connection(Socket socket, Worker& worker, ServerShared& shared)
    : socket_(std::move(socket)), worker_(worker), shared_(shared) {
  boost::system::error_code ec;
  auto remote = socket_.remote_endpoint(ec);
  if (ec) {
    client_ = "-";
  } else {
    auto a = remote.address();
    // A dual-stack listener sees IPv4 clients as ::ffff:a.b.c.d: one name per client.
    if (a.is_v6() && a.to_v6().is_v4_mapped()) a = asio::ip::make_address_v4(asio::ip::v4_mapped, a.to_v6());
    client_ = a.to_string();
  }
  request_client_ = client_;
  socket_.set_option(asio::ip::tcp::no_delay(true), ec);
}

Connection::~Connection() {
  worker_.live.erase(this);
  shared_.metrics.connection_closed(worker_.index);
  shared_.open_connections.fetch_sub(1, std::memory_order_relaxed);
}

std::string Connection::new_request_id() {
  return fmt::format("{}-{}-{:x}", shared_.id_prefix, worker_.index, worker_.next_request++);
}

void Connection::start() {
  worker_.live.insert(this);
  shared_.metrics.connection_opened(worker_.index);
  wait_for_request();
}

void Connection::set_deadline(std::chrono::milliseconds timeout) {
  deadline_ = std::chrono::steady_clock::now() + timeout;
}

void Connection::expire_if_late(std::chrono::steady_clock::time_point now) {
  if (now < deadline_ || timed_out_) return;
  timed_out_ = true;
  if (!lingering_) shared_.metrics.timeout();  // a lingering close ending on time is no timeout
  boost::system::error_code ec;
  socket_.close(ec);  // pending operations complete with operation_aborted
}

void Connection::drain() {
  // Only a connection waiting for its next request is cut; one mid-request finishes.
  if (phase_ == Phase::idle) {
    boost::system::error_code ec;
    socket_.cancel(ec);
  }
}

void Connection::wait_for_request() {
  if (worker_.draining) return close();
  if (buffer_.size() > 0) return read_request();  // a pipelined request is already here
  phase_ = Phase::idle;
  set_deadline(shared_.options.idle_timeout);
  auto space = buffer_.prepare(4096);
  socket_.async_read_some(space, [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
    self->buffer_.commit(n);
    if (ec) return self->close();
    self->read_request();
  });
}

void Connection::read_request() {
  phase_ = Phase::reading;
  sink_.reset();
  stream_parser_.reset();
  force_close_ = stop_ = body_unread_ = false;
  reading_into_ = writing_ = filled_ = -1;
  read_error_ = {};
  request_client_ = client_;  // until the header names another (a request refused before it)
  ctx_.max_body_bytes = 0;     // the previous request's route said nothing about this one
  for (auto& chunk : chunks_) std::vector<char>().swap(chunk);  // an idle connection keeps no upload buffers
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(shared_.options.max_header_bytes));
  // Beast checks Content-Length against the body limit while parsing the header: the limit is
  // set once the route is known (a streamed route has its own).
  parser_->body_limit(boost::none);
  // From the first byte on, the whole request must arrive by this deadline, however it drips.
  set_deadline(shared_.options.read_timeout);
  bhttp::async_read_header(socket_, buffer_, *parser_,
                           [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
}

void Connection::on_header(beast::error_code ec) {
  if (ec) {
    deadline_ = std::chrono::steady_clock::time_point::max();
    if (read_failed(ec)) return;
  }
  if (shared_.options.stream_router) {
    prepare_context(parser_->get());
    sink_ = shared_.options.stream_router(parser_->get(), ctx_);
    if (sink_) return start_stream();
  }
  parser_->body_limit(body_limit());
  if (auto length = parser_->content_length(); length && *length > body_limit())
    return (void)read_failed(bhttp::error::body_limit);
  bhttp::async_read(socket_, buffer_, *parser_,
                    [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
}

void Connection::on_read(beast::error_code ec) {
  started_ = std::chrono::steady_clock::now();
  deadline_ = std::chrono::steady_clock::time_point::max();
  if (!ec) return handle();
  read_failed(ec);
}

// Answers or closes after a failed read; true when it did (always, for an error).
bool Connection::read_failed(beast::error_code ec) {
  if (timed_out_ || ec == bhttp::error::end_of_stream || ec == asio::error::operation_aborted) {
    close();
    return true;
  }
  if (ec == bhttp::error::header_limit) {
    reject(ErrorCode::headers_too_large, "Les en-têtes de la requête sont trop volumineux.");
    return true;
  }
  if (ec == bhttp::error::body_limit) {
    body_unread_ = true;
    reject(ErrorCode::payload_too_large,
           fmt::format("Le contenu envoyé dépasse la taille autorisée ({} Kio).", body_limit() / 1024));
    return true;
  }
  if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
      ec != bhttp::error::partial_message) {
    reject(ErrorCode::malformed_request, "La requête est mal formée.");
    return true;
  }
  close();  // connection reset and the like: nobody to answer
  return true;
}

std::uint64_t Connection::body_limit() const {
  return ctx_.max_body_bytes ? ctx_.max_body_bytes : shared_.options.max_body_bytes;
}

void Connection::reject(ErrorCode code, std::string_view message) {
  ctx_.make_completion = nullptr;  // it holds a reference to this connection
  method_ = "-";
  target_ = "-";
  route_ = "rejected";
  request_id_ = new_request_id();
  response_ = {};
  response_.version(11);
  write_json_error(response_, code, message);
  response_.set("X-Request-Id", request_id_);
  close_after_write_ = true;
  serialize_response(false);
  write();
}

void Connection::prepare_context(const RequestHeader& req) {
  ctx_ = RequestContext{};
  ctx_.worker_index = worker_.index;
  // Behind trusted proxies, the client they name; never what an untrusted peer claims.
  const TrustedProxies& proxies = shared_.options.trusted_proxies;
  request_client_ = proxies.empty() ? client_ : proxies.client(client_, forwarded_for(req));
  ctx_.client_address = request_client_;
  auto incoming_id = req["X-Request-Id"];
  ctx_.request_id = acceptable_request_id(incoming_id) ? std::string(incoming_id) : new_request_id();
  ctx_.make_completion = [self = shared_from_this()] {
    return Completion([self] { asio::post(self->worker_.ioc, [self] { self->finish_handle(); }); },
                      [self] {
                        asio::post(self->worker_.ioc, [self] {
                          self->deferred_failed_ = true;
                          self->finish_handle();
                        });
                      });
  };
  method_ = req.method_string();
  target_ = req.target();
  response_ = {};
  response_.version(req.version());
}

const RequestHeader& Connection::header() const {
  if (stream_parser_) return stream_parser_->get();
  return parser_->get();
}

void Connection::handle() {
  phase_ = Phase::handling;
  const Request& req = parser_->get();
  // With a stream router, the context was made when the header arrived.
  if (!shared_.options.stream_router) prepare_context(req);
  try {
    shared_.handler(req, response_, ctx_);
  } catch (const std::exception& e) {
    answer_internal_error(e.what());
  } catch (...) {
    answer_internal_error("exception sans message");
  }
  if (!ctx_.deferred) finish_handle();
}

// --- Streamed bodies. Every step runs on this worker's thread; a sink's `next` posts back here.

Next Connection::resume(std::function<void(bool)> step) {
  return [self = shared_from_this(), step = std::move(step)](bool go_on) {
    asio::post(self->worker_.ioc, [step, go_on] { step(go_on); });
  };
}

void Connection::start_stream() {
  phase_ = Phase::handling;
  deadline_ = std::chrono::steady_clock::time_point::max();
  started_ = std::chrono::steady_clock::now();
  const std::uint64_t limit = sink_->max_body_bytes();
  if (auto length = parser_->content_length(); length && *length > limit) {
    sink_->abort();
    sink_.reset();
    body_unread_ = true;
    reject(ErrorCode::payload_too_large,
           limit >= 1024 * 1024
               ? fmt::format("Le fichier envoyé dépasse la taille autorisée ({} Mio).", limit / (1024 * 1024))
               : fmt::format("Le contenu envoyé dépasse la taille autorisée ({} octets).", limit));
    return;
  }
  stream_parser_.emplace(std::move(*parser_));
  stream_parser_->body_limit(limit);
  method_ = stream_parser_->get().method_string();
  target_ = stream_parser_->get().target();
  upload_deadline_ = std::chrono::steady_clock::now() + shared_.options.upload_timeout;
  try {
    sink_->open(resume([self = shared_from_this()](bool go_on) {
      if (!go_on) return self->finish_stream(true);
      self->send_continue();
    }));
  } catch (const std::exception& e) {
    fail_stream(e.what());
  }
}

// A client that sent "Expect: 100-continue" waits for this before sending the body.
void Connection::send_continue() {
  auto expect = header()[bhttp::field::expect];
  if (!beast::iequals(expect, "100-continue")) return pump();
  static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
  phase_ = Phase::writing;
  set_deadline(shared_.options.write_timeout);
  asio::async_write(socket_, asio::buffer(kContinue.data(), kContinue.size()),
                    [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                      self->deadline_ = std::chrono::steady_clock::time_point::max();
                      if (ec) {
                        self->sink_->abort();
                        return self->close();
                      }
                      self->pump();
                    });
}

// Two buffers: while the sink stores one chunk (on the blocking pool), the next one is read
// from the socket into the other. The sink still gets one chunk at a time, in order.
void Connection::pump() {
  if (writing_ < 0 && filled_ >= 0) {
    const int buffer = filled_;
    filled_ = -1;
    writing_ = buffer;
    phase_ = Phase::handling;
    try {
      sink_->write(std::string_view(chunks_[buffer].data(), filled_bytes_),
                   resume([self = shared_from_this()](bool go_on) { self->on_written(go_on); }));
    } catch (const std::exception& e) {
      return fail_stream(e.what());  // no read is in flight: a dispatch follows a completed read
    }
  }
  if (reading_into_ < 0 && !stream_parser_->is_done()) {
    for (int b = 0; b < 2; ++b)
      if (b != writing_ && b != filled_) return start_read(b);
    return;  // both buffers busy: the next read waits for the sink
  }
  if (writing_ < 0 && filled_ < 0 && reading_into_ < 0 && stream_parser_->is_done()) finish_stream(false);
}

void Connection::start_read(int buffer) {
  constexpr std::size_t kChunk = 256 * 1024;
  if (chunks_[buffer].size() != kChunk) chunks_[buffer].resize(kChunk);
  auto& body = stream_parser_->get().body();
  body.data = chunks_[buffer].data();
  body.size = kChunk;
  body.more = true;
  reading_into_ = buffer;
  if (writing_ < 0) phase_ = Phase::reading;
  // Each chunk within read_timeout, the whole body within upload_timeout.
  deadline_ = std::min(std::chrono::steady_clock::now() + shared_.options.read_timeout, upload_deadline_);
  bhttp::async_read(socket_, buffer_, *stream_parser_,
                    [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_chunk(ec); });
}

void Connection::on_chunk(beast::error_code ec) {
  const int buffer = reading_into_;
  reading_into_ = -1;
  deadline_ = std::chrono::steady_clock::time_point::max();
  if (stop_) return finish_stream(true);  // the sink said stop while this read was pending
  if (ec == bhttp::error::need_buffer) ec = {};
  if (ec) {
    read_error_ = ec;
    if (writing_ < 0) fail_read();  // else when the sink is done with its chunk
    return;
  }
  filled_bytes_ = chunks_[buffer].size() - stream_parser_->get().body().size;
  if (filled_bytes_ > 0) filled_ = buffer;
  pump();
}

void Connection::on_written(bool go_on) {
  writing_ = -1;
  if (!go_on) {
    stop_ = true;
    if (reading_into_ >= 0) {
      boost::system::error_code ignored;
      socket_.cancel(ignored);  // on_chunk finishes
      return;
    }
    return finish_stream(true);
  }
  if (read_error_) return fail_read();
  pump();
}

// The body will not arrive whole: the sink forgets it, the client gets a 413 or nothing.
void Connection::fail_read() {
  sink_->abort();
  sink_.reset();
  if (read_error_ == bhttp::error::body_limit) {
    body_unread_ = true;
    reject(ErrorCode::payload_too_large, "Le fichier envoyé dépasse la taille autorisée.");
    return;
  }
  close();  // timeout, client gone, malformed chunking: nobody to answer usefully
}

// The body is complete, or the sink stopped reading (the connection then closes after the
// answer, the rest of the body unread).
void Connection::finish_stream(bool stopped) {
  phase_ = Phase::handling;
  if (stopped) force_close_ = body_unread_ = true;
  auto sink = std::move(sink_);
  try {
    sink->finish(response_, ctx_);
  } catch (const std::exception& e) {
    answer_internal_error(e.what());
  }
  if (!ctx_.deferred) finish_handle();
}

void Connection::fail_stream(std::string_view what) {
  if (sink_) sink_->abort();
  sink_.reset();
  force_close_ = true;
  answer_internal_error(what);
  finish_handle();
}

// A handler threw: the client gets a plain 500, the log gets the detail.
void Connection::answer_internal_error(std::string_view what) {
  spdlog::error("requête {} : exception non traitée : {}", ctx_.request_id, what);
  if (ctx_.deferred) {
    // Work may already be running on another thread and writing the response: leave it be.
    // The completion (called by that work, or dropped unused) finishes with a 500, once.
    deferred_failed_ = true;
    return;
  }
  response_ = {};
  write_json_error(response_, ErrorCode::internal_error);
}

void Connection::finish_handle() {
  if (deferred_failed_) {
    deferred_failed_ = false;
    response_ = {};
    write_json_error(response_, ErrorCode::internal_error);
  }
  const RequestHeader& req = header();
  ctx_.make_completion = nullptr;  // drops the self-reference
  route_ = ctx_.route.empty() ? "unmatched" : std::move(ctx_.route);
  request_id_ = std::move(ctx_.request_id);
  response_.set("X-Request-Id", request_id_);
  const bool keep_alive = stream_parser_ ? stream_parser_->keep_alive() : parser_->keep_alive();
  close_after_write_ = !keep_alive || worker_.draining || force_close_;
  response_.version(req.version());
  if (shared_.options.decorate) shared_.options.decorate(req, response_);
  serialize_response(req.method() == bhttp::verb::head);
  write();
}

// One buffer, one send: cheaper than Beast's buffer-sequence serializer for small answers.
// Framing is always Content-Length (handlers fill string bodies).
void Connection::serialize_response(bool head) {
  const unsigned status = response_.result_int();
  wire_.clear();
  append(wire_, response_.version() == 10 ? "HTTP/1.0 " : "HTTP/1.1 ");
  append(wire_, std::to_string(status));
  wire_ += ' ';
  append(wire_, bhttp::obsolete_reason(response_.result()));
  append(wire_, "\r\nServer: guichet\r\n");
  for (const auto& field : response_) {
    auto name = field.name();
    if (name == bhttp::field::content_length || name == bhttp::field::connection ||
        name == bhttp::field::transfer_encoding || name == bhttp::field::server)
      continue;
    append(wire_, field.name_string());
    append(wire_, ": ");
    append(wire_, field.value());
    append(wire_, "\r\n");
  }
  // 1xx, 204 and 304 carry no body and no length.
  const bool bodiless = status < 200 || status == 204 || status == 304;
  if (!bodiless) {
    append(wire_, "Content-Length: ");
    append(wire_, std::to_string(response_.body().size()));
    append(wire_, "\r\n");
  }
  if (close_after_write_) append(wire_, "Connection: close\r\n");
  else if (response_.version() == 10) append(wire_, "Connection: keep-alive\r\n");
  append(wire_, "\r\n");
  if (!head && !bodiless) wire_ += response_.body();
}

void Connection::write() {
  phase_ = Phase::writing;
  set_deadline(shared_.options.write_timeout);
  asio::async_write(socket_, asio::buffer(wire_),
                    [self = shared_from_this()](boost::system::error_code ec, std::size_t) { self->on_write(ec); });
}

void Connection::on_write(beast::error_code ec) {
  deadline_ = std::chrono::steady_clock::time_point::max();
  auto elapsed = std::chrono::steady_clock::now() - started_;
  unsigned status = response_.result_int();
  shared_.metrics.record(worker_.index, route_, method_, status, elapsed);
  worker_.log.record({request_id_, method_, target_, route_, request_client_, status,
                      std::chrono::duration<double, std::milli>(elapsed).count(), response_.body().size()});
  if (!ec && body_unread_ && !timed_out_) return linger();
  if (ec || close_after_write_ || worker_.draining) return close();
  wait_for_request();
}

void Connection::linger() {
  body_unread_ = false;
  lingering_ = true;
  lingered_ = 0;
  phase_ = Phase::reading;
  ctx_.make_completion = nullptr;  // it holds a reference to this connection
  sink_.reset();
  boost::system::error_code ec;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_send, ec);  // the answer is complete: FIN
  if (ec) return close();
  lingered_ = buffer_.size();
  buffer_.consume(buffer_.size());
  if (chunks_[0].size() < 64 * 1024) chunks_[0].resize(64 * 1024);
  set_deadline(shared_.options.linger_time);  // the sweep closes the socket then
  linger_read();
}

void Connection::linger_read() {
  if (lingered_ >= shared_.options.linger_bytes) return close();
  socket_.async_read_some(asio::buffer(chunks_[0]), [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
    self->lingered_ += n;
    if (ec) return self->close();  // the client closed, or the time is up
    self->linger_read();
  });
}

void Connection::close() {
  phase_ = Phase::idle;
  lingering_ = false;
  ctx_.make_completion = nullptr;  // it holds a reference to this connection
  sink_.reset();
  deadline_ = std::chrono::steady_clock::time_point::max();
  boost::system::error_code ec;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_send, ec);
  socket_.close(ec);
}

}  // namespace guichet::http
