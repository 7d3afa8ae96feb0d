// Runs a shell command for a test and collects what it printed (stdout; add 2>&1 for both).
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace guichet::testing {

struct CommandResult {
  int code = -1;  // exit status, -1 when the command could not start
  std::string out;
};

inline CommandResult run_command_status(const std::string& command) {
  CommandResult r;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return r;
  std::array<char, 4096> buffer;
  while (size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) r.out.append(buffer.data(), n);
  int status = ::pclose(pipe);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

inline std::string run_command(const std::string& command) { return run_command_status(command).out; }

}  // namespace guichet::testing
