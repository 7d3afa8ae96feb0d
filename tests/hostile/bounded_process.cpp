#include "tests/hostile/bounded_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

namespace guichet::testing::hostile {

namespace {
constexpr std::size_t kKeep = 16u << 20;
}

std::string Finished::how() const {
  if (timed_out) return "tué après " + std::to_string(took.count()) + " ms (borne dépassée)";
  if (signal) return "signal " + std::to_string(signal) + " (" + ::strsignal(signal) + ")";
  return "sortie " + std::to_string(exit_code);
}

Finished run_bounded(const std::vector<std::string>& argv, std::chrono::milliseconds bound, const std::string& input) {
  using Clock = std::chrono::steady_clock;
  Finished f;
  int out[2], in[2];
  if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(in, O_CLOEXEC) != 0) {
    f.output = "pipe impossible";
    return f;
  }
  const auto start = Clock::now();
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(in[0], 0);
    ::dup2(out[1], 1);
    ::dup2(out[1], 2);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  ::close(out[1]);
  ::close(in[0]);
  // Small inputs (a password) fit the pipe's buffer: written at once, then closed.
  if (!input.empty()) {
    ssize_t w = ::write(in[1], input.data(), input.size());
    (void)w;
  }
  ::close(in[1]);
  ::fcntl(out[0], F_SETFL, O_NONBLOCK);
  const auto deadline = start + bound;
  bool open = true;
  char buffer[65536];
  while (open) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) {
      f.timed_out = true;
      break;
    }
    pollfd p{out[0], POLLIN, 0};
    int r = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 200)));
    if (r <= 0) continue;
    while (true) {
      ssize_t n = ::read(out[0], buffer, sizeof buffer);
      if (n > 0) {
        f.output_bytes += static_cast<std::size_t>(n);
        if (f.output.size() < kKeep) f.output.append(buffer, static_cast<std::size_t>(std::min<std::size_t>(n, kKeep - f.output.size())));
        continue;
      }
      if (n == 0) open = false;
      break;
    }
  }
  ::close(out[0]);
  int status = 0;
  if (f.timed_out) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
  } else {
    // Output closed: the process is ending (or closed its streams); give it until the bound.
    while (::waitpid(pid, &status, WNOHANG) == 0) {
      if (Clock::now() >= deadline) {
        f.timed_out = true;
        ::kill(pid, SIGKILL);
        ::waitpid(pid, &status, 0);
        break;
      }
      ::usleep(5000);
    }
  }
  f.took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
  if (!f.timed_out) {
    if (WIFEXITED(status)) f.exit_code = WEXITSTATUS(status);
    else if (WIFSIGNALED(status)) f.signal = WTERMSIG(status);
  }
  return f;
}

}  // namespace guichet::testing::hostile
