#include "tests/hostile/bounded_http.hpp"

#include <sys/socket.h>
#include <sys/time.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace guichet::testing::hostile {

Answer request(unsigned short port, const std::string& method, const std::string& target, const std::string& body,
               const std::map<std::string, std::string>& headers, std::chrono::milliseconds bound) {
  namespace beast = boost::beast;
  namespace http = beast::http;
  using Clock = std::chrono::steady_clock;
  Answer a;
  const auto start = Clock::now();
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::socket socket(ioc);
  beast::error_code ec;
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), port}, ec);
  if (ec) {
    a.failure = "connexion impossible : " + ec.message();
    return a;
  }
  // Blocking reads and writes that give up: the bound applies to each system call, and the
  // loop below stops the whole once it is spent.
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(bound.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((bound.count() % 1000) * 1000);
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);

  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, "127.0.0.1");
  for (const auto& [k, v] : headers) req.set(k, v);
  if (!body.empty() && !headers.count("Content-Type")) req.set(http::field::content_type, "application/json");
  if (!body.empty() || method == "POST" || method == "PUT") {
    req.body() = body;
    req.prepare_payload();
  }
  http::write(socket, req, ec);
  if (ec) {
    a.failure = "envoi impossible : " + ec.message();
    return a;
  }
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64u << 20);
  while (!parser.is_done()) {
    if (Clock::now() - start > bound) {
      a.failure = "pas de réponse dans les " + std::to_string(bound.count()) + " ms";
      break;
    }
    http::read_some(socket, buffer, parser, ec);
    if (ec == boost::asio::error::would_block || ec == boost::asio::error::try_again) {
      a.failure = "pas de réponse dans les " + std::to_string(bound.count()) + " ms";
      break;
    }
    if (ec) {
      a.failure = "réponse interrompue : " + ec.message();
      break;
    }
  }
  a.took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
  if (!parser.is_done()) return a;
  auto res = parser.release();
  a.answered = true;
  a.status = res.result_int();
  a.body = res.body();
  socket.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
  return a;
}

}  // namespace guichet::testing::hostile
