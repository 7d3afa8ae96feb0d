#include "db/pg_listener.hpp"

#include <libpq-fe.h>
#include <poll.h>
#include <spdlog/spdlog.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <chrono>

namespace guichet::db {

PgListener::PgListener(std::string conninfo, std::string channel, std::function<void()> on_notify)
    : conninfo_(std::move(conninfo)), channel_(std::move(channel)), on_notify_(std::move(on_notify)) {
  stop_fd_ = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
}

PgListener::~PgListener() {
  stop();
  if (stop_fd_ >= 0) close(stop_fd_);
}

void PgListener::start() { thread_ = std::thread([this] { run(); }); }

void PgListener::stop() {
  if (stopping_.exchange(true)) return;
  std::uint64_t one = 1;
  (void)!write(stop_fd_, &one, sizeof one);
  if (thread_.joinable()) thread_.join();
}

void PgListener::run() {
  int backoff_ms = 100;
  while (!stopping_) {
    PGconn* conn = PQconnectdb(conninfo_.c_str());
    bool listening = false;
    if (PQstatus(conn) == CONNECTION_OK) {
      // The channel name is ours (a constant), quoted as an identifier all the same.
      char* quoted = PQescapeIdentifier(conn, channel_.c_str(), channel_.size());
      PGresult* r = PQexec(conn, ("LISTEN " + std::string(quoted ? quoted : "")).c_str());
      listening = quoted && PQresultStatus(r) == PGRES_COMMAND_OK;
      PQclear(r);
      PQfreemem(quoted);
    }
    if (!listening) {
      spdlog::warn("écoute des activations de règles indisponible : {}", PQerrorMessage(conn));
      PQfinish(conn);
      pollfd pfd{stop_fd_, POLLIN, 0};
      poll(&pfd, 1, backoff_ms);
      backoff_ms = std::min(backoff_ms * 2, 5000);
      continue;
    }
    backoff_ms = 100;
    // Whatever happened while we were not listening: catch up once.
    on_notify_();
    while (!stopping_) {
      pollfd fds[2] = {{PQsocket(conn), POLLIN, 0}, {stop_fd_, POLLIN, 0}};
      if (poll(fds, 2, -1) < 0 && errno != EINTR) break;
      if (fds[1].revents) break;
      if (!PQconsumeInput(conn)) break;  // connection lost: reconnect
      bool notified = false;
      while (PGnotify* n = PQnotifies(conn)) {
        notified = true;
        PQfreemem(n);
      }
      if (notified) on_notify_();
    }
    PQfinish(conn);
  }
}

}  // namespace guichet::db
