#include "tests/hostile/bounded_http.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace guichet::testing::hostile {

// Asynchronous operations on a private io_context run for the bound at most: a blocking
// read would wait forever on a server stuck in a script (socket timeouts do not stop Asio's
// synchronous reads, which poll again on EAGAIN).
Answer request(unsigned short port, const std::string& method, const std::string& target, const std::string& body,
               const std::map<std::string, std::string>& headers, std::chrono::milliseconds bound) {
  namespace beast = boost::beast;
  namespace http = beast::http;
  using Clock = std::chrono::steady_clock;
  Answer a;
  const auto start = Clock::now();
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::socket socket(ioc);

  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, "127.0.0.1");
  for (const auto& [k, v] : headers) req.set(k, v);
  if (!body.empty() && !headers.count("Content-Type")) req.set(http::field::content_type, "application/json");
  if (!body.empty() || method == "POST" || method == "PUT") {
    req.body() = body;
    req.prepare_payload();
  }
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64u << 20);
  bool done = false;

  socket.async_connect({boost::asio::ip::make_address("127.0.0.1"), port}, [&](beast::error_code ec) {
    if (ec) {
      a.failure = "connexion impossible : " + ec.message();
      done = true;
      return;
    }
    http::async_write(socket, req, [&](beast::error_code ec, std::size_t) {
      if (ec) {
        a.failure = "envoi impossible : " + ec.message();
        done = true;
        return;
      }
      http::async_read(socket, buffer, parser, [&](beast::error_code ec, std::size_t) {
        if (ec) a.failure = "réponse interrompue : " + ec.message();
        done = true;
      });
    });
  });
  ioc.run_for(bound);
  a.took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
  if (!done) {
    a.failure = "pas de réponse dans les " + std::to_string(bound.count()) + " ms";
    beast::error_code ignored;
    socket.close(ignored);
    return a;
  }
  if (!a.failure.empty() || !parser.is_done()) return a;
  auto res = parser.release();
  a.answered = true;
  a.status = res.result_int();
  a.body = res.body();
  beast::error_code ignored;
  socket.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
  return a;
}

}  // namespace guichet::testing::hostile
