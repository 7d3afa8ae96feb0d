#include "core/script_watcher.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

namespace guichet {

namespace {
constexpr uint32_t kMask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_CREATE | IN_MODIFY;
}

ScriptWatcher::ScriptWatcher(std::filesystem::path dir, Rules& rules, OnReload on_reload,
                             std::chrono::milliseconds debounce, SourceProvider provider)
    : dir_(std::move(dir)),
      rules_(rules),
      on_reload_(std::move(on_reload)),
      provider_(std::move(provider)),
      debounce_(debounce) {}

ScriptWatcher::~ScriptWatcher() { stop(); }

Status ScriptWatcher::start() {
  inotify_fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  stop_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (inotify_fd_ < 0 || stop_fd_ < 0) return Error{ErrorCode::watch_failed, "inotify indisponible"};
  // The folder itself (a subfolder created later) and the two rule subfolders.
  for (const auto& d : {dir_, dir_ / "academies", dir_ / "exams", dir_ / "lib"}) {
    if (inotify_add_watch(inotify_fd_, d.c_str(), kMask) < 0 && d == dir_)
      return Error{ErrorCode::watch_failed, "impossible de surveiller " + d.string()};
  }
  thread_ = std::thread([this] { run(); });
  return Status::Ok();
}

void ScriptWatcher::stop() {
  if (thread_.joinable()) {
    uint64_t one = 1;
    (void)!write(stop_fd_, &one, sizeof one);
    thread_.join();
  }
  if (inotify_fd_ >= 0) close(inotify_fd_);
  if (stop_fd_ >= 0) close(stop_fd_);
  inotify_fd_ = stop_fd_ = -1;
}

void ScriptWatcher::run() {
  alignas(struct inotify_event) char buf[16 * 1024];
  bool pending = false;
  for (;;) {
    pollfd fds[2] = {{inotify_fd_, POLLIN, 0}, {stop_fd_, POLLIN, 0}};
    int timeout = pending ? static_cast<int>(debounce_.count()) : -1;
    int n = poll(fds, 2, timeout);
    if (n < 0) continue;
    if (fds[1].revents & POLLIN) return;
    if (n == 0) {  // quiet for the debounce period: the edit is complete
      pending = false;
      reload_now();
      continue;
    }
    if (fds[0].revents & POLLIN) {
      ssize_t len;
      while ((len = read(inotify_fd_, buf, sizeof buf)) > 0) {
        for (char* p = buf; p < buf + len;) {
          auto* ev = reinterpret_cast<struct inotify_event*>(p);
          // A rule subfolder that appears later gets watched too.
          if ((ev->mask & IN_ISDIR) && (ev->mask & (IN_CREATE | IN_MOVED_TO)) && ev->len > 0) {
            std::string name = ev->name;
            if (name == "academies" || name == "exams" || name == "lib")
              inotify_add_watch(inotify_fd_, (dir_ / name).c_str(), kMask);
          }
          p += sizeof(struct inotify_event) + ev->len;
        }
      }
      pending = true;
    }
  }
}

void ScriptWatcher::reload_now() {
  auto sources = provider_ ? provider_() : read_sources(dir_);
  ReloadReport report;
  if (!sources.ok()) {
    report.refused.push_back({dir_.string(), 0, sources.error().message});
  } else {
    report = rules_.reload(*sources);
  }
  if (on_reload_) on_reload_(report);
}

}  // namespace guichet
