#include "tests/support/postgres_cluster.hpp"

#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <vector>

namespace guichet::testing {
namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "PostgreSQL de test : %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

std::string pg_config_bindir() {
  FILE* p = ::popen("pg_config --bindir 2>/dev/null", "r");
  if (!p) return "";
  char buf[4096] = {};
  std::string out = std::fgets(buf, sizeof buf, p) ? buf : "";
  ::pclose(p);
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

// The highest /usr/lib/postgresql/<N>/bin holding initdb; else pg_config's (libpq-dev ships a
// pg_config that may point at a folder without server binaries: checked).
std::string find_bindir() {
  if (const char* env = std::getenv("GUICHET_PG_BINDIR")) return env;
  std::vector<std::pair<int, fs::path>> found;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || !std::all_of(name.begin(), name.end(), ::isdigit)) continue;
    if (fs::exists(entry.path() / "bin" / "initdb")) found.emplace_back(std::stoi(name), entry.path() / "bin");
  }
  if (!found.empty()) return std::max_element(found.begin(), found.end())->second.string();
  std::string dir = pg_config_bindir();
  if (!dir.empty() && fs::exists(fs::path(dir) / "initdb")) return dir;
  return "";
}

unsigned short free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) fail("socket() impossible");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
    fail("aucun port libre sur 127.0.0.1");
  ::close(fd);
  return ntohs(addr.sin_port);
}

}  // namespace

PostgresCluster& PostgresCluster::instance() {
  static PostgresCluster* cluster = [] {
    static PostgresCluster c;
    const char* state = std::getenv("GUICHET_TEST_PG_STATE");
    if (!(state && *state && c.attach(state))) {
      c.create();
      c.watch_this_process();
    }
    return &c;
  }();
  return *cluster;
}

std::unique_ptr<PostgresCluster> PostgresCluster::start_private() {
  std::unique_ptr<PostgresCluster> c(new PostgresCluster());
  c->create();
  c->watch_this_process();
  return c;
}

void PostgresCluster::watch_this_process() {
  // The destructor stops the cluster on a normal exit; a process killed (SIGKILL, SIGPIPE,
  // abort) runs no destructor, so a detached watcher does it once this process is gone. Its
  // output goes nowhere: ctest waits for every holder of a test's pipes.
  std::string stop = as_owner(bindir_ + "/pg_ctl -D " + root_ + "/data -m immediate stop");
  std::string cmd = "setsid sh -c 'while kill -0 " + std::to_string(::getpid()) +
                    " 2>/dev/null; do sleep 1; done; if [ -d " + root_ + " ]; then " + stop + "; rm -rf " + root_ +
                    "; fi' </dev/null >/dev/null 2>&1 &";
  if (std::system(cmd.c_str()) != 0) std::fprintf(stderr, "PostgreSQL de test : pas de surveillance du processus\n");
}

bool PostgresCluster::attach(const std::string& file) {
  std::ifstream in(file);
  int as_postgres = 0;
  if (!(in >> port_ >> root_ >> bindir_ >> as_postgres)) return false;
  if (!fs::exists(fs::path(root_) / "data" / "postmaster.pid"))
    fail("le cluster décrit par " + file + " ne tourne plus (" + root_ + ")");
  as_postgres_ = as_postgres != 0;
  owned_ = false;
  return true;
}

bool PostgresCluster::start_detached(const std::string& file) {
  PostgresCluster c;
  c.create();
  std::ofstream out(file);
  out << c.port_ << ' ' << c.root_ << ' ' << c.bindir_ << ' ' << (c.as_postgres_ ? 1 : 0) << '\n';
  c.owned_ = false;  // outlives this process; stop_detached() removes it
  return static_cast<bool>(out);
}

bool PostgresCluster::stop_detached(const std::string& file) {
  PostgresCluster c;
  std::ifstream in(file);
  int as_postgres = 0;
  if (!(in >> c.port_ >> c.root_ >> c.bindir_ >> as_postgres)) return false;
  c.as_postgres_ = as_postgres != 0;
  // The server stops now; its folder (a database per test, gigabytes of small files) is
  // removed in the background, so the suite does not wait a minute for the disk.
  std::string stop = c.as_owner(c.bindir_ + "/pg_ctl -D " + c.root_ + "/data -m immediate stop >/dev/null 2>&1");
  [[maybe_unused]] int rc = std::system(stop.c_str());
  std::string trash = c.root_ + ".trash";
  std::error_code ec;
  std::filesystem::rename(c.root_, trash, ec);
  const std::string& gone = ec ? c.root_ : trash;
  rc = std::system(("setsid rm -rf '" + gone + "' </dev/null >/dev/null 2>&1 &").c_str());
  c.root_.clear();
  c.owned_ = false;
  std::remove(file.c_str());
  return true;
}

std::string PostgresCluster::as_owner(const std::string& command) const {
  // PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` user.
  return (as_postgres_ ? "runuser -u postgres -- " : "") + command;
}

void PostgresCluster::create() {
  bindir_ = find_bindir();
  if (bindir_.empty())
    fail("initdb introuvable (ni /usr/lib/postgresql/*/bin/initdb, ni pg_config --bindir) : "
         "paquet Debian « postgresql » manquant ? Lancez tools/deps.sh, ou donnez le dossier "
         "dans GUICHET_PG_BINDIR.");
  char tmpl[] = "/tmp/guichet-pg-XXXXXX";
  if (!::mkdtemp(tmpl)) fail("dossier temporaire impossible");
  root_ = tmpl;
  as_postgres_ = ::geteuid() == 0;
  if (as_postgres_) {
    passwd* pw = ::getpwnam("postgres");
    if (!pw) fail("les tests tournent en root mais l'utilisateur « postgres » n'existe pas");
    if (::chown(root_.c_str(), pw->pw_uid, pw->pw_gid) != 0) fail("chown du dossier du cluster impossible");
  }
  std::string cmd = as_owner(bindir_ + "/initdb -D " + root_ + "/data -A trust -U postgres -E UTF8 --locale=C "
                             "--no-sync >" + root_ + "/initdb.log 2>&1");
  if (std::system(cmd.c_str()) != 0) fail("initdb a échoué, voir " + root_ + "/initdb.log");
  // The port is free when chosen but may be taken before the server binds it: try others.
  for (int attempt = 0; attempt < 5; ++attempt) {
    port_ = free_port();
    cmd = as_owner(bindir_ + "/pg_ctl -D " + root_ + "/data -l " + root_ + "/server.log -w -t 60 -o \"-p " +
                   std::to_string(port_) + " -k " + root_ +
                   " -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
                   " -c full_page_writes=off -c max_connections=200\" start >/dev/null 2>&1");
    if (std::system(cmd.c_str()) == 0) return;
  }
  fail("le serveur ne démarre pas, voir " + root_ + "/server.log");
}

void PostgresCluster::stop_server() {
  std::string cmd = as_owner(bindir_ + "/pg_ctl -D " + root_ + "/data -m fast -w stop >/dev/null 2>&1");
  if (std::system(cmd.c_str()) != 0) fail("pg_ctl stop a échoué, voir " + root_ + "/server.log");
}

void PostgresCluster::start_server() {
  // Same options as at creation: pg_ctl keeps them in postmaster.opts.
  std::string cmd = as_owner(bindir_ + "/pg_ctl -D " + root_ + "/data -l " + root_ + "/server.log -w -t 60 -o \"-p " +
                             std::to_string(port_) + " -k " + root_ +
                             " -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
                             " -c full_page_writes=off -c max_connections=200\" start >/dev/null 2>&1");
  if (std::system(cmd.c_str()) != 0) fail("le serveur ne redémarre pas, voir " + root_ + "/server.log");
}

PostgresCluster::~PostgresCluster() {
  if (owned_) destroy();
}

void PostgresCluster::destroy() {
  if (root_.empty()) return;
  std::string cmd = as_owner(bindir_ + "/pg_ctl -D " + root_ + "/data -m immediate stop >/dev/null 2>&1");
  [[maybe_unused]] int rc = std::system(cmd.c_str());
  std::error_code ec;
  fs::remove_all(root_, ec);
  root_.clear();
}

std::string PostgresCluster::admin_url() const {
  return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/postgres";
}

std::string PostgresCluster::create_database(const std::string& prefix) {
  std::string name = prefix + "_" + std::to_string(::getpid()) + "_" + std::to_string(++counter_);
  try {
    soci::session admin(*soci::factory_postgresql(),
                        "host=127.0.0.1 port=" + std::to_string(port_) + " user=postgres dbname=postgres");
    admin << "CREATE DATABASE \"" + name + "\"";
  } catch (const std::exception& e) {
    fail("CREATE DATABASE " + name + " impossible : " + e.what());
  }
  return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/" + name;
}

}  // namespace guichet::testing
