#include "http/access_log.hpp"

#include <limits.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

namespace guichet::http {
namespace {

std::atomic<bool> g_json{false};

void append_json_escaped(std::string_view in, spdlog::memory_buf_t& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (unsigned char c : in) {
    switch (c) {
      case '"': out.append(std::string_view("\\\"")); break;
      case '\\': out.append(std::string_view("\\\\")); break;
      case '\n': out.append(std::string_view("\\n")); break;
      case '\r': out.append(std::string_view("\\r")); break;
      case '\t': out.append(std::string_view("\\t")); break;
      default:
        if (c < 0x20) {
          char esc[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
          out.append(esc, esc + 6);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
}

std::string json_string(std::string_view in) {
  spdlog::memory_buf_t buf;
  buf.push_back('"');
  append_json_escaped(in, buf);
  buf.push_back('"');
  return std::string(buf.data(), buf.size());
}

// %* : the message, escaped for a JSON string.
class JsonEscapedMessage final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&, spdlog::memory_buf_t& dest) override {
    append_json_escaped(std::string_view(msg.payload.data(), msg.payload.size()), dest);
  }
  std::unique_ptr<custom_flag_formatter> clone() const override { return std::make_unique<JsonEscapedMessage>(); }
};

// Formats into the owning AccessLog's buffer; single-threaded by construction.
class BufferSink final : public spdlog::sinks::base_sink<spdlog::details::null_mutex> {
 public:
  explicit BufferSink(std::string& out) : out_(out) {}

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t formatted;
    formatter_->format(msg, formatted);
    out_.append(formatted.data(), formatted.size());
  }
  void flush_() override {}

 private:
  std::string& out_;
};

constexpr std::size_t kFlushThreshold = 16 * 1024;

}  // namespace

void use_json_access_log(bool json) {
  g_json = json;
  if (json) {
    auto f = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
    f->add_flag<JsonEscapedMessage>('*').set_pattern(
        R"({"time":"%Y-%m-%dT%H:%M:%S.%fZ","level":"%l","logger":"%n","message":"%*"})");
    spdlog::set_formatter(std::move(f));
  } else {
    spdlog::set_pattern("%+");
  }
}


AccessLog::AccessLog(int fd) : fd_(fd), json_(g_json) {
  logger_ = std::make_shared<spdlog::logger>("access", std::make_shared<BufferSink>(buffer_));
  if (json_)
    logger_->set_formatter(std::make_unique<spdlog::pattern_formatter>(
        R"({"time":"%Y-%m-%dT%H:%M:%S.%fZ","level":"info","logger":"access",%v})", spdlog::pattern_time_type::utc));
  else
    logger_->set_pattern("[%Y-%m-%d %H:%M:%S.%e] [access] %v");
}

AccessLog::~AccessLog() { flush(); }

void AccessLog::record(const AccessEntry& e) {
  if (fd_ < 0) return;
  if (json_) {
    logger_->info(
        R"("request_id":{},"method":{},"target":{},"route":{},"status":{},"duration_ms":{:.3f},"bytes":{},"client":{})",
        json_string(e.request_id), json_string(e.method), json_string(e.target), json_string(e.route), e.status,
        e.milliseconds, e.response_bytes, json_string(e.client));
  } else {
    logger_->info("{} {} {} route={} status={} {:.3f}ms bytes={} client={}", e.request_id, e.method, e.target,
                  e.route, e.status, e.milliseconds, e.response_bytes, e.client);
  }
  if (buffer_.size() >= kFlushThreshold) flush();
}

void AccessLog::flush() {
  std::size_t start = 0;
  while (start < buffer_.size()) {
    // Whole lines, at most PIPE_BUF bytes per write so each write is atomic on a pipe.
    std::size_t end = std::min(buffer_.size(), start + PIPE_BUF);
    if (end < buffer_.size()) {
      std::size_t nl = buffer_.rfind('\n', end - 1);
      end = (nl != std::string::npos && nl >= start) ? nl + 1 : end;
    }
    ssize_t n = ::write(fd_, buffer_.data() + start, end - start);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // a closed log output must not stop the server
    start += static_cast<std::size_t>(n);
  }
  buffer_.clear();
}

}  // namespace guichet::http
