#include "tests/hostile/served_guichet.hpp"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>

#include <fstream>
#include <thread>

#include "services/totp.hpp"
#include "tests/hostile/bounded_process.hpp"
#include "tests/hostile/corpus.hpp"

namespace guichet::testing::hostile {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

const std::string kEmail = "regles@example.org";
const std::string kPassword = "une phrase de passe solide";

// The port of the "écoute sur 127.0.0.1:PORT" line, or 0.
unsigned short announced_port(const std::string& log) {
  const std::string tag = "écoute sur 127.0.0.1:";
  auto at = log.find(tag);
  if (at == std::string::npos) return 0;
  at += tag.size();
  unsigned port = 0;
  bool digits = false;
  while (at < log.size() && log[at] >= '0' && log[at] <= '9') {
    port = port * 10 + static_cast<unsigned>(log[at++] - '0');
    digits = true;
  }
  return digits && port < 65536 ? static_cast<unsigned short>(port) : 0;
}

}  // namespace

std::string ServedGuichet::Stopped::how() const {
  if (!exited) return "toujours en marche après " + std::to_string(took.count()) + " ms (tué)";
  if (signal) return "signal " + std::to_string(signal) + " (" + ::strsignal(signal) + ")";
  return "sortie " + std::to_string(code) + " en " + std::to_string(took.count()) + " ms";
}

ServedGuichet::ServedGuichet(fs::path root, std::string database)
    : root_(std::move(root)), scripts_(root_ / "scripts"), data_(root_ / "data"), database_(std::move(database)) {}

ServedGuichet::~ServedGuichet() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
}

std::vector<std::string> ServedGuichet::storage_options() const {
  std::vector<std::string> out{"--scripts", scripts_.string(), "--data-dir", data_.string()};
  if (!database_.empty()) {
    out.push_back("--database");
    out.push_back(database_);
  }
  return out;
}

bool ServedGuichet::start() {
  log_ = root_ / ("serve-" + std::to_string(++starts_) + ".log");
  std::vector<std::string> args{guichet_binary(), "serve", "--listen", "127.0.0.1:0", "--threads", "2",
                                "--password-cost", "minimal"};
  for (const auto& o : storage_options()) args.push_back(o);
  pid_ = ::fork();
  if (pid_ == 0) {
    FILE* f = std::freopen(log_.c_str(), "w", stdout);
    (void)f;
    ::dup2(::fileno(stdout), 2);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  port_ = 0;
  for (int i = 0; i < 400 && !port_ && alive(); ++i) {
    port_ = announced_port(log());
    if (!port_) std::this_thread::sleep_for(50ms);
  }
  return port_ != 0;
}

bool ServedGuichet::alive() {
  if (pid_ <= 0) return false;
  int status = 0;
  pid_t r = ::waitpid(pid_, &status, WNOHANG);
  if (r == 0) return true;
  pid_ = -1;
  return false;
}

bool ServedGuichet::healthy() {
  if (!alive()) return false;
  Answer a = get(port_, "/healthz", 2s);
  return a.answered && a.status == 200;
}

std::string ServedGuichet::log(std::size_t offset) const {
  std::ifstream in(log_, std::ios::binary);
  if (!in) return {};
  in.seekg(static_cast<std::streamoff>(offset));
  return {std::istreambuf_iterator<char>(in), {}};
}

std::size_t ServedGuichet::log_size() const {
  std::error_code ec;
  auto n = fs::file_size(log_, ec);
  return ec ? 0 : static_cast<std::size_t>(n);
}

ServedGuichet::Stopped ServedGuichet::stop(std::chrono::milliseconds bound) {
  Stopped s;
  if (pid_ <= 0) {
    s.exited = true;
    s.code = 0;
    return s;
  }
  const auto start = std::chrono::steady_clock::now();
  ::kill(pid_, SIGTERM);
  int status = 0;
  while (true) {
    pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      s.exited = true;
      break;
    }
    if (std::chrono::steady_clock::now() - start > bound) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(20ms);
  }
  s.took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  if (s.exited) {
    if (WIFEXITED(status)) s.code = WEXITSTATUS(status);
    else if (WIFSIGNALED(status)) s.signal = WTERMSIG(status);
  }
  pid_ = -1;
  return s;
}

bool ServedGuichet::restart() {
  if (pid_ > 0) stop(5s);
  return start();
}

std::string ServedGuichet::rules_editor_token(std::string& why) {
  std::vector<std::string> args{guichet_binary(), "admin", "create-user", "--academy", "testia", "--email", kEmail,
                                "--name", "Règles Hostiles", "--roles", "rules_editor,auditor", "--password-cost",
                                "minimal"};
  for (const auto& o : storage_options()) args.push_back(o);
  Finished made = run_bounded(args, 30s, kPassword + "\n");
  if (!made.exited() || made.exit_code != 0) {
    why = "admin create-user : " + made.how() + "\n" + made.output;
    return "";
  }
  std::string secret;
  for (size_t at = 0; at < made.output.size();) {
    size_t end = made.output.find('\n', at);
    std::string line = made.output.substr(at, end == std::string::npos ? std::string::npos : end - at);
    at = end == std::string::npos ? made.output.size() : end + 1;
    if (line.empty() || line[0] != '{') continue;
    boost::system::error_code ec;
    auto v = boost::json::parse(line, ec);
    if (!ec && v.is_object() && v.as_object().contains("totp_secret"))
      secret = std::string(v.at("totp_secret").as_string());
  }
  if (secret.empty()) {
    why = "pas de secret TOTP dans : " + made.output;
    return "";
  }
  // The server's clock is the machine's: the code of this step, else of the next (a code
  // works once; a step may end between the two calls).
  for (int offset : {0, 1}) {
    auto now = std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
    std::string code = services::totp_code(secret, services::totp_step(now) + offset);
    boost::json::object body{{"email", kEmail}, {"password", kPassword}, {"code", code}};
    Answer a = call("POST", "/api/v1/admin/auth/login", boost::json::serialize(body), "", 10s);
    if (a.answered && a.status == 200) return std::string(boost::json::parse(a.body).at("token").as_string());
    why = "connexion : " + (a.answered ? std::to_string(a.status) + " " + a.body : a.failure);
  }
  return "";
}

Answer ServedGuichet::call(const std::string& method, const std::string& target, const std::string& body,
                           const std::string& token, std::chrono::milliseconds bound) {
  std::map<std::string, std::string> headers;
  if (!token.empty()) headers["Authorization"] = "Bearer " + token;
  if (!body.empty()) headers["Content-Type"] = "application/json";
  return request(port_, method, target, body, headers, bound);
}

Answer ServedGuichet::evaluate(const std::string& academy, const std::string& postal_code,
                               std::chrono::milliseconds bound) {
  const std::string exam = academy == "voisine" ? "voisin" : "demo";
  return call("POST", "/api/v1/academies/" + academy + "/exams/" + exam + "/sessions/2025/evaluate",
              evaluate_body(postal_code), "", bound);
}

}  // namespace guichet::testing::hostile
