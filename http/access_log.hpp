// One line per request through spdlog, text or JSON lines. Each worker thread owns its
// AccessLog: lines are formatted by a per-worker spdlog logger into a private buffer and
// written with whole-line write(2) calls of at most PIPE_BUF bytes, so workers never share a
// lock and lines from different workers never interleave.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace spdlog {
class logger;
}

namespace guichet::http {

// Switches every log (the default logger and the access logs created afterwards) to JSON
// lines when `json`; text otherwise.
void use_json_access_log(bool json);

struct AccessEntry {
  std::string_view request_id;
  std::string_view method;
  std::string_view target;
  std::string_view route;
  std::string_view client;
  unsigned status = 0;
  double milliseconds = 0;
  std::size_t response_bytes = 0;
};

class AccessLog {
 public:
  explicit AccessLog(int fd);  // fd < 0: discard
  ~AccessLog();
  void record(const AccessEntry& entry);
  // Writes out what is buffered; called by the worker's timer and at shutdown.
  void flush();

 private:
  int fd_;
  bool json_;
  std::string buffer_;
  std::shared_ptr<spdlog::logger> logger_;
};

}  // namespace guichet::http
