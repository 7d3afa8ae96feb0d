#include "http/server.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <fmt/format.h>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include <condition_variable>
#include <mutex>
#include <thread>

#include "http/connection.hpp"

namespace guichet::http {
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

std::string random_prefix() {
  unsigned char bytes[4];
  randombytes_buf(bytes, sizeof bytes);
  return fmt::format("{:02x}{:02x}{:02x}{:02x}", bytes[0], bytes[1], bytes[2], bytes[3]);
}
}  // namespace

struct Server::Impl {
  Impl(ServerOptions options, Handler handler) {
    if (options.threads == 0) options.threads = 1;
    shared = std::make_unique<ServerShared>(std::move(options), std::move(handler));
  }

  std::unique_ptr<ServerShared> shared;
  std::vector<std::unique_ptr<Worker>> workers;
  std::vector<std::optional<asio::executor_work_guard<asio::io_context::executor_type>>> guards;
  std::vector<std::thread> threads;
  std::unique_ptr<tcp::acceptor> acceptor;  // on worker 0
  std::unique_ptr<asio::steady_timer> accept_retry;
  unsigned next_worker = 0;
  unsigned short bound_port = 0;
  bool started = false, stopping = false, joined = false;
  std::mutex done_mutex;
  std::condition_variable done_cv;
  unsigned finished = 0;

  void accept() {
    Worker& target = *workers[next_worker];
    next_worker = (next_worker + 1) % workers.size();
    acceptor->async_accept(target.ioc, [this, &target](boost::system::error_code ec, Socket socket) {
      if (ec == asio::error::operation_aborted || !acceptor->is_open()) return;
      if (ec) {
        // Out of descriptors and the like: pause instead of spinning.
        spdlog::warn("accept : {}", ec.message());
        accept_retry->expires_after(std::chrono::milliseconds(100));
        accept_retry->async_wait([this](boost::system::error_code e) {
          if (!e && acceptor->is_open()) accept();
        });
        return;
      }
      if (shared->open_connections.fetch_add(1, std::memory_order_relaxed) >= shared->options.max_connections) {
        shared->open_connections.fetch_sub(1, std::memory_order_relaxed);
        shared->metrics.connection_refused();
        boost::system::error_code ignored;
        socket.close(ignored);
      } else {
        asio::post(target.ioc, [this, &target, s = std::move(socket)]() mutable {
          std::make_shared<Connection>(std::move(s), target, *shared)->start();
        });
      }
      accept();
    });
  }

  // Cuts connections past their deadline and flushes the access log; keeps running while
  // draining (in-flight requests still have deadlines) until the worker has no connection.
  void schedule_housekeeping(unsigned i) {
    Worker& w = *workers[i];
    w.housekeeping.expires_after(kHousekeepingPeriod);
    w.housekeeping.async_wait([this, &w, i](boost::system::error_code ec) {
      auto now = std::chrono::steady_clock::now();
      std::vector<Connection*> live(w.live.begin(), w.live.end());
      for (Connection* c : live) c->expire_if_late(now);
      w.log.flush();
      if (ec == asio::error::operation_aborted) return;
      if (w.draining && w.live.empty()) return;
      schedule_housekeeping(i);
    });
  }
};

Server::Server(ServerOptions options, Handler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {}

Server::~Server() {
  stop();
  wait();
}

HttpMetrics& Server::metrics() { return impl_->shared->metrics; }

unsigned short Server::port() const { return impl_->bound_port; }

Status Server::start() {
  Impl& m = *impl_;
  if (m.started) return Error{ErrorCode::server_started, "le serveur est déjà démarré"};
  if (sodium_init() < 0) return Error{ErrorCode::crypto_unavailable, "libsodium indisponible"};
  m.shared->id_prefix = random_prefix();
  const ServerOptions& o = m.shared->options;
  for (unsigned i = 0; i < o.threads; ++i) {
    m.workers.push_back(std::make_unique<Worker>(i, o.access_log_fd));
    m.guards.emplace_back(asio::make_work_guard(m.workers[i]->ioc));
  }

  boost::system::error_code ec;
  auto address = asio::ip::make_address(o.host, ec);
  if (ec) return Error{ErrorCode::listen, fmt::format("adresse d'écoute invalide : {}", o.host)};
  tcp::endpoint endpoint(address, o.port);
  m.acceptor = std::make_unique<tcp::acceptor>(m.workers[0]->ioc);
  m.accept_retry = std::make_unique<asio::steady_timer>(m.workers[0]->ioc);
  m.acceptor->open(endpoint.protocol(), ec);
  if (!ec) m.acceptor->set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) m.acceptor->bind(endpoint, ec);
  if (!ec) m.acceptor->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return Error{ErrorCode::listen, fmt::format("écoute impossible sur {}:{} : {}", o.host, o.port, ec.message())};
  m.bound_port = m.acceptor->local_endpoint().port();

  m.accept();
  for (unsigned i = 0; i < o.threads; ++i) {
    m.schedule_housekeeping(i);
    m.threads.emplace_back([&m, i] {
      for (;;) {
        try {
          m.workers[i]->ioc.run();
          break;
        } catch (const std::exception& e) {
          // A handler threw past every guard: log it and keep serving the other connections.
          spdlog::error("worker {} : exception : {}", i, e.what());
        }
      }
      m.workers[i]->log.flush();
      std::lock_guard lock(m.done_mutex);
      ++m.finished;
      m.done_cv.notify_all();
    });
  }
  m.started = true;
  return Status::Ok();
}

void Server::stop() {
  Impl& m = *impl_;
  if (!m.started || m.stopping) return;
  m.stopping = true;
  asio::post(m.workers[0]->ioc, [&m] {
    boost::system::error_code ec;
    m.acceptor->close(ec);
    m.accept_retry->cancel();
  });
  for (unsigned i = 0; i < m.workers.size(); ++i) {
    // Set now, so a response being prepared on a busy worker already says "close".
    m.workers[i]->draining = true;
    asio::post(m.workers[i]->ioc, [&m, i] {
      Worker& w = *m.workers[i];
      std::vector<Connection*> live(w.live.begin(), w.live.end());
      for (Connection* c : live) c->drain();
    });
    m.guards[i].reset();
  }
}

void Server::wait() {
  Impl& m = *impl_;
  if (!m.started || m.joined) return;
  {
    std::unique_lock lock(m.done_mutex);
    if (!m.done_cv.wait_for(lock, m.shared->options.drain_timeout, [&] { return m.finished == m.workers.size(); })) {
      spdlog::warn("arrêt : des requêtes n'ont pas fini dans le délai, elles sont interrompues");
      for (auto& w : m.workers) w->ioc.stop();
    }
  }
  for (auto& t : m.threads) t.join();
  m.joined = true;
}

}  // namespace guichet::http
