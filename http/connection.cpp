#include "http/connection.hpp"

#include <boost/asio/write.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
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

}  // namespace

Connection::Connection(Socket socket, Worker& worker, ServerShared& shared)
    : socket_(std::move(socket)), worker_(worker), shared_(shared) {
  boost::system::error_code ec;
  auto remote = socket_.remote_endpoint(ec);
  client_ = ec ? "-" : remote.address().to_string();
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
  shared_.metrics.timeout();
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
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(shared_.options.max_header_bytes));
  parser_->body_limit(shared_.options.max_body_bytes);
  // From the first byte on, the whole request must arrive by this deadline, however it drips.
  set_deadline(shared_.options.read_timeout);
  bhttp::async_read(socket_, buffer_, *parser_,
                    [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
}

void Connection::on_read(beast::error_code ec) {
  started_ = std::chrono::steady_clock::now();
  deadline_ = std::chrono::steady_clock::time_point::max();
  if (!ec) return handle();
  if (timed_out_ || ec == bhttp::error::end_of_stream || ec == asio::error::operation_aborted) return close();
  if (ec == bhttp::error::header_limit)
    return reject(431, "headers_too_large", "Les en-têtes de la requête sont trop volumineux.");
  if (ec == bhttp::error::body_limit)
    return reject(413, "payload_too_large",
                  fmt::format("Le contenu envoyé dépasse la taille autorisée ({} Kio).",
                              shared_.options.max_body_bytes / 1024));
  if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
      ec != bhttp::error::partial_message)
    return reject(400, "malformed_request", "La requête est mal formée.");
  close();  // connection reset and the like: nobody to answer
}

void Connection::reject(unsigned status, std::string_view code, std::string_view message) {
  method_ = "-";
  target_ = "-";
  route_ = "rejected";
  request_id_ = new_request_id();
  response_ = {};
  response_.version(11);
  write_json_error(response_, status, code, message);
  response_.set("X-Request-Id", request_id_);
  close_after_write_ = true;
  serialize_response(false);
  write();
}

void Connection::handle() {
  phase_ = Phase::handling;
  const Request& req = parser_->get();
  ctx_ = RequestContext{};
  ctx_.worker_index = worker_.index;
  ctx_.client_address = client_;
  auto incoming_id = req["X-Request-Id"];
  ctx_.request_id = acceptable_request_id(incoming_id) ? std::string(incoming_id) : new_request_id();
  ctx_.make_completion = [self = shared_from_this()] {
    return Completion([self] { asio::post(self->worker_.ioc, [self] { self->finish_handle(); }); });
  };
  method_ = req.method_string();
  target_ = req.target();

  response_ = {};
  response_.version(req.version());
  try {
    shared_.handler(req, response_, ctx_);
  } catch (const std::exception& e) {
    answer_internal_error(e.what());
  } catch (...) {
    answer_internal_error("exception sans message");
  }
  if (!ctx_.deferred) finish_handle();
}

// A handler threw: the client gets a plain 500, the log gets the detail.
void Connection::answer_internal_error(std::string_view what) {
  spdlog::error("requête {} : exception non traitée : {}", ctx_.request_id, what);
  ctx_.deferred = false;
  response_ = {};
  write_json_error(response_, 500, "internal_error", "Une erreur interne est survenue. Veuillez réessayer plus tard.");
}

void Connection::finish_handle() {
  const Request& req = parser_->get();
  ctx_.make_completion = nullptr;  // drops the self-reference
  route_ = ctx_.route.empty() ? "unmatched" : std::move(ctx_.route);
  request_id_ = std::move(ctx_.request_id);
  response_.set("X-Request-Id", request_id_);
  close_after_write_ = !req.keep_alive() || worker_.draining;
  response_.version(req.version());
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
  worker_.log.record({request_id_, method_, target_, route_, client_, status,
                      std::chrono::duration<double, std::milli>(elapsed).count(), response_.body().size()});
  if (ec || close_after_write_ || worker_.draining) return close();
  wait_for_request();
}

void Connection::close() {
  phase_ = Phase::idle;
  deadline_ = std::chrono::steady_clock::time_point::max();
  boost::system::error_code ec;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_send, ec);
  socket_.close(ec);
}

}  // namespace guichet::http
