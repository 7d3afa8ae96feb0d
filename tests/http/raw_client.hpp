// A raw TCP peer for exercising the server's edges: partial requests, pipelining, stalls.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include <chrono>
#include <string>

namespace guichet::testing {

class RawClient {
 public:
  explicit RawClient(unsigned short port) : socket_(ioc_) {
    socket_.connect({boost::asio::ip::make_address("127.0.0.1"), port});
  }
  void send(const std::string& bytes) { boost::asio::write(socket_, boost::asio::buffer(bytes)); }
  // Sends everything, or stops at the first failure (a reset peer): its error, or none.
  boost::system::error_code try_send(const std::string& bytes) {
    boost::system::error_code ec;
    boost::asio::write(socket_, boost::asio::buffer(bytes), ec);
    return ec;
  }

  // Reads until the peer closes or `timeout` passes; returns everything read.
  std::string read_until_closed(std::chrono::milliseconds timeout, bool* closed = nullptr) {
    set_receive_timeout(timeout);
    std::string out;
    char buf[4096];
    for (;;) {
      ssize_t n = ::recv(socket_.native_handle(), buf, sizeof buf, 0);
      if (n > 0) { out.append(buf, static_cast<size_t>(n)); continue; }
      if (closed) *closed = (n == 0 || errno == ECONNRESET);
      return out;
    }
  }

  // Reads until `count` complete responses (with Content-Length bodies) are in.
  std::string read_responses(int count, std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    set_receive_timeout(timeout);
    std::string out;
    char buf[4096];
    while (complete_responses(out) < count) {
      ssize_t n = ::recv(socket_.native_handle(), buf, sizeof buf, 0);
      if (n <= 0) break;
      out.append(buf, static_cast<size_t>(n));
    }
    return out;
  }

  static int complete_responses(const std::string& s) {
    int count = 0;
    size_t pos = 0;
    for (;;) {
      size_t end = s.find("\r\n\r\n", pos);
      if (end == std::string::npos) return count;
      size_t cl = s.find("Content-Length: ", pos);
      size_t length = 0;
      if (cl != std::string::npos && cl < end) length = std::stoul(s.substr(cl + 16));
      if (s.size() < end + 4 + length) return count;
      ++count;
      pos = end + 4 + length;
    }
  }

 private:
  void set_receive_timeout(std::chrono::milliseconds t) {
    timeval tv{static_cast<time_t>(t.count() / 1000), static_cast<suseconds_t>((t.count() % 1000) * 1000)};
    ::setsockopt(socket_.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  boost::asio::io_context ioc_;
  boost::asio::ip::tcp::socket socket_;
};

}  // namespace guichet::testing
