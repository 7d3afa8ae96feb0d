// Watches the scripts folder (inotify) and reloads the rules when a script changes, on its
// own thread, off the request path. Edits are debounced: an editor's save is several events.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <thread>

#include "core/result.hpp"
#include "core/rules.hpp"

namespace guichet {

class ScriptWatcher {
 public:
  using OnReload = std::function<void(const ReloadReport&)>;
  // What to load after a change; by default the folder as it is (read_sources).
  using SourceProvider = std::function<Result<SourceSet>()>;

  ScriptWatcher(std::filesystem::path dir, Rules& rules, OnReload on_reload,
                std::chrono::milliseconds debounce = std::chrono::milliseconds(150), SourceProvider provider = {});
  ~ScriptWatcher();

  // Starts watching; an error value when inotify cannot watch the folder.
  Status start();
  void stop();

 private:
  void run();
  void reload_now();

  std::filesystem::path dir_;
  Rules& rules_;
  OnReload on_reload_;
  SourceProvider provider_;
  std::chrono::milliseconds debounce_;
  int inotify_fd_ = -1;
  int stop_fd_ = -1;  // eventfd to wake the thread for stop()
  std::thread thread_;
};

}  // namespace guichet
