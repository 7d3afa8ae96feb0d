// `guichet serve` as a child process for the hostile-script tests: started on an ephemeral
// loopback port over a scripts folder and a database (SQLite in its data folder, or a
// PostgreSQL URL), watched (alive, healthy), restarted when a script took it down, and
// stopped with SIGTERM within a bound.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/hostile/bounded_http.hpp"

namespace guichet::testing::hostile {

class ServedGuichet {
 public:
  // `root` holds scripts/ (the served folder) and data/; `database` empty is SQLite.
  ServedGuichet(std::filesystem::path root, std::string database);
  ~ServedGuichet();
  ServedGuichet(const ServedGuichet&) = delete;
  ServedGuichet& operator=(const ServedGuichet&) = delete;

  // Starts it; false when no port was announced within 20 s (see log()).
  bool start();
  bool alive();
  // Alive, and /healthz answers 200 within 2 s.
  bool healthy();
  unsigned short port() const { return port_; }
  const std::filesystem::path& scripts() const { return scripts_; }

  // What the running (or last) process logged; from `offset` on.
  std::string log(std::size_t offset = 0) const;
  std::size_t log_size() const;

  struct Stopped {
    bool exited = false;  // on its own, within the bound
    int code = -1;
    int signal = 0;
    std::chrono::milliseconds took{0};
    std::string how() const;
  };
  // SIGTERM, then SIGKILL when it is still running at `bound`.
  Stopped stop(std::chrono::milliseconds bound);
  // Stops it (SIGTERM within 5 s, else SIGKILL) and starts it again; false when it does not come up.
  bool restart();

  // A staff member with the rules_editor role for testia, made with `guichet admin
  // create-user`; then a bearer token (staff sessions survive restarts). "" on failure,
  // with the reason in `why`.
  std::string rules_editor_token(std::string& why);

  Answer call(const std::string& method, const std::string& target, const std::string& body = "",
              const std::string& token = "", std::chrono::milliseconds bound = std::chrono::seconds(5));
  Answer evaluate(const std::string& academy, const std::string& postal_code,
                  std::chrono::milliseconds bound = std::chrono::seconds(5));

  // What the command line needs to reach the same storage.
  std::vector<std::string> storage_options() const;

 private:
  std::filesystem::path root_, scripts_, data_;
  std::string database_;
  pid_t pid_ = -1;
  unsigned short port_ = 0;
  int starts_ = 0;
  std::filesystem::path log_;
};

}  // namespace guichet::testing::hostile
