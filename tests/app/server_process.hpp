// `guichet serve` as a child process on an ephemeral loopback port: its log goes to a file,
// and the port is read from the "écoute sur" line.
#pragma once

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace guichet::testing {

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p);
  return {std::istreambuf_iterator<char>(in), {}};
}

// The port of the "écoute sur 127.0.0.1:PORT" line of a server's log; 0 while there is none.
inline unsigned short listening_port(const std::string& log) {
  static constexpr std::string_view kLine = "écoute sur 127.0.0.1:";
  for (auto at = log.find(kLine); at != std::string::npos; at = log.find(kLine, at + 1)) {
    unsigned long port = 0;
    std::size_t i = at + kLine.size(), digits = 0;
    for (; i < log.size() && log[i] >= '0' && log[i] <= '9' && digits < 6; ++i, ++digits) port = port * 10 + (log[i] - '0');
    if (digits > 0 && port <= 65535) return static_cast<unsigned short>(port);
  }
  return 0;
}

struct ServerProcess {
  pid_t pid = -1;
  unsigned short port = 0;  // 0: it did not come up (see the log)
};

// Runs GUICHET_BINARY serve --listen 127.0.0.1:0 with `args` appended, logging to `log`.
inline ServerProcess start_server_process(const std::filesystem::path& log, std::vector<std::string> args) {
  args.insert(args.begin(), {GUICHET_BINARY, "serve", "--listen", "127.0.0.1:0"});
  ServerProcess p;
  p.pid = fork();
  if (p.pid == 0) {
    FILE* f = std::freopen(log.c_str(), "w", stdout);
    (void)f;
    dup2(fileno(stdout), 2);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(GUICHET_BINARY, argv.data());
    _exit(127);
  }
  for (int i = 0; i < 200 && !p.port; ++i) {
    p.port = listening_port(slurp(log));
    if (!p.port) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  return p;
}

}  // namespace guichet::testing
