// A child process run to completion within a wall-clock bound: its output (stdout and stderr
// together) collected, how it ended told apart (an exit status, a signal, or killed for
// running past the bound).
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace guichet::testing::hostile {

struct Finished {
  bool timed_out = false;  // killed (SIGKILL) at the bound
  int exit_code = -1;      // when it exited
  int signal = 0;          // when a signal ended it (SIGSEGV 11, SIGABRT 6, ...)
  std::string output;      // stdout and stderr, the first 16 MiB
  std::size_t output_bytes = 0;  // all it printed
  std::chrono::milliseconds took{0};

  bool exited() const { return !timed_out && signal == 0 && exit_code >= 0; }
  // "exit 1", "signal 11 (SIGSEGV)", "killed after 20 s"
  std::string how() const;
};

// Runs `argv` (argv[0] a path) with `input` on its standard input.
Finished run_bounded(const std::vector<std::string>& argv, std::chrono::milliseconds bound,
                     const std::string& input = "");

// The guichet binary under test.
inline std::string guichet_binary() { return GUICHET_BINARY; }

}  // namespace guichet::testing::hostile
