#include "mail/transport.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

namespace guichet::mail {

namespace {

Error io_error(const std::string& what, const std::string& path, int err) {
  return Error{ErrorCode::mail_io, fmt::format("{} {}: {}", what, path, std::strerror(err))};
}

// Closes a descriptor on every path out.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { close(); }
  int get() const { return fd_; }
  int close() {
    if (fd_ < 0) return 0;
    int rc = ::close(fd_);
    fd_ = -1;
    return rc;
  }

 private:
  int fd_;
};

std::atomic<unsigned long> temp_counter{0};

}  // namespace

bool valid_mail_key(const std::string& key) {
  if (key.empty() || key.size() > 64) return false;
  for (char c : key) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

EmlFileTransport::EmlFileTransport(std::string dir) : dir_(std::move(dir)) {}

Status EmlFileTransport::deliver(const std::string& key, const std::string& rfc5322) {
  if (!valid_mail_key(key))
    return Error{ErrorCode::mail_key, "a mail key is 1 to 64 characters out of [A-Za-z0-9_-]"};

  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec) return Error{ErrorCode::mail_io, fmt::format("cannot create {}: {}", dir_, ec.message())};

  const std::string final_path = dir_ + "/" + key + ".eml";
  // Hidden and not ending in ".eml": a pickup process never sees a file being written.
  const std::string temp_path =
      fmt::format("{}/.{}.{}.{}.tmp", dir_, key, static_cast<long>(::getpid()),
                  temp_counter.fetch_add(1));

  Fd fd(::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640));
  if (fd.get() < 0) return io_error("cannot create", temp_path, errno);

  auto fail = [&](const std::string& what) -> Status {
    int err = errno;
    fd.close();
    ::unlink(temp_path.c_str());
    return io_error(what, temp_path, err);
  };

  const char* p = rfc5322.data();
  std::size_t left = rfc5322.size();
  while (left > 0) {
    ssize_t n = ::write(fd.get(), p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail("cannot write");
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  if (::fsync(fd.get()) != 0) return fail("cannot fsync");
  if (fd.close() != 0) return fail("cannot close");
  if (::rename(temp_path.c_str(), final_path.c_str()) != 0) {
    int err = errno;
    ::unlink(temp_path.c_str());
    return io_error("cannot rename to", final_path, err);
  }

  // Make the rename itself durable.
  Fd dir_fd(::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir_fd.get() < 0) return io_error("cannot open", dir_, errno);
  if (::fsync(dir_fd.get()) != 0 && errno != EINVAL) return io_error("cannot fsync", dir_, errno);
  return Status::Ok();
}

}  // namespace guichet::mail
