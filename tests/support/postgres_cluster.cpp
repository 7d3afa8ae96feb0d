#include "tests/support/postgres_cluster.hpp"

#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <vector>

namespace guichet::testing {
namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "PostgreSQL de test : %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

std::string find_bindir() {
  if (const char* env = std::getenv("GUICHET_PG_BINDIR")) return env;
  std::vector<fs::path> found;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec))
    if (fs::exists(entry.path() / "bin" / "initdb")) found.push_back(entry.path() / "bin");
  if (found.empty()) return "";
  std::sort(found.begin(), found.end(), [](const fs::path& a, const fs::path& b) {
    return std::stoi(a.parent_path().filename()) < std::stoi(b.parent_path().filename());
  });
  return found.back().string();
}

unsigned short free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

}  // namespace

PostgresCluster& PostgresCluster::instance() {
  static PostgresCluster cluster(true);
  return cluster;
}

PostgresCluster::PostgresCluster(bool start_now) {
  if (!start_now) return;
  const char* state = std::getenv("GUICHET_TEST_PG_STATE");
  if (state && attach(state)) return;
  start();
}

bool PostgresCluster::attach(const std::string& file) {
  std::ifstream in(file);
  int as_postgres = 0;
  if (!(in >> port_ >> root_ >> bindir_ >> as_postgres)) return false;
  as_postgres_ = as_postgres != 0;
  owned_ = false;
  return true;
}

bool PostgresCluster::start_detached(const std::string& file) {
  PostgresCluster c(false);
  c.start();
  std::ofstream out(file);
  out << c.port_ << ' ' << c.root_ << ' ' << c.bindir_ << ' ' << (c.as_postgres_ ? 1 : 0) << '\n';
  c.owned_ = false;
  return static_cast<bool>(out);
}

bool PostgresCluster::stop_detached(const std::string& file) {
  PostgresCluster c(false);
  if (!c.attach(file)) return false;
  c.stop();
  std::remove(file.c_str());
  return true;
}

void PostgresCluster::start() {
  bindir_ = find_bindir();
  if (bindir_.empty())
    fail("initdb introuvable dans /usr/lib/postgresql/*/bin (paquet Debian « postgresql » manquant ? "
         "lancez tools/deps.sh)");
  char tmpl[] = "/tmp/guichet-pg-XXXXXX";
  if (!::mkdtemp(tmpl)) fail("dossier temporaire impossible");
  root_ = tmpl;
  as_postgres_ = ::geteuid() == 0;
  if (as_postgres_) {
    // PostgreSQL refuses to run as root: the cluster belongs to the `postgres` user.
    passwd* pw = ::getpwnam("postgres");
    if (!pw) fail("l'utilisateur « postgres » n'existe pas");
    if (::chown(root_.c_str(), pw->pw_uid, pw->pw_gid) != 0) fail("chown du dossier du cluster impossible");
  }
  std::string run = as_postgres_ ? "runuser -u postgres -- " : "";
  std::string data = root_ + "/data";
  std::string cmd = run + bindir_ + "/initdb -D " + data +
                    " -A trust -U postgres -E UTF8 --locale=C --no-sync >" + root_ + "/initdb.log 2>&1";
  if (std::system(cmd.c_str()) != 0) fail("initdb a échoué, voir " + root_ + "/initdb.log");
  for (int attempt = 0; attempt < 5; ++attempt) {
    port_ = free_port();
    cmd = run + bindir_ + "/pg_ctl -D " + data + " -l " + root_ + "/server.log -w -t 60 -o \"-p " +
          std::to_string(port_) + " -k " + root_ +
          " -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
          " -c max_connections=200\" start >/dev/null 2>&1";
    if (std::system(cmd.c_str()) == 0) return;
  }
  fail("le serveur ne démarre pas, voir " + root_ + "/server.log");
}

PostgresCluster::~PostgresCluster() {
  if (owned_) stop();
}

void PostgresCluster::stop() {
  if (root_.empty()) return;
  std::string run = as_postgres_ ? "runuser -u postgres -- " : "";
  std::string cmd = run + bindir_ + "/pg_ctl -D " + root_ + "/data -m immediate stop >/dev/null 2>&1";
  [[maybe_unused]] int rc = std::system(cmd.c_str());
  std::error_code ec;
  fs::remove_all(root_, ec);
}

std::string PostgresCluster::admin_url() const {
  return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/postgres";
}

std::string PostgresCluster::create_database(const std::string& prefix) {
  std::string name = prefix + "_" + std::to_string(::getpid()) + "_" + std::to_string(++counter_);
  soci::session admin(*soci::factory_postgresql(),
                      "host=127.0.0.1 port=" + std::to_string(port_) + " user=postgres dbname=postgres");
  admin << "CREATE DATABASE " + name;
  return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/" + name;
}

}  // namespace guichet::testing
