// `guichet serve` as a child process on an ephemeral loopback port: its log goes to a file,
// and the port is read from the "écoute sur" line.
#pragma once

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <thread>
#include <vector>

namespace guichet::testing {

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p);
  return {std::istreambuf_iterator<char>(in), {}};
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
  std::regex listening(R"(écoute sur 127\.0\.0\.1:(\d+))");
  for (int i = 0; i < 200 && !p.port; ++i) {
    std::smatch m;
    std::string text = slurp(log);
    if (std::regex_search(text, m, listening)) p.port = static_cast<unsigned short>(std::stoi(m[1]));
    else std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  return p;
}

}  // namespace guichet::testing
