// The hostile-script corpus against a running `guichet serve` (a child process), on SQLite and
// on PostgreSQL, one server per test for the whole corpus:
//  - through the rules API (POST /api/v1/admin/rules/versions): every académie script of the
//    corpus is refused (422) while the server stays up and keeps serving;
//  - through hot reloads of the served folder, one entry after the other: a script refused at
//    load leaves the last good rules serving and /readyz reporting the fault; a rule that
//    faults answers 500 rules_error within seconds (its fault in the log); a tampering rule
//    changes nothing for the next candidate; the other académie answers 200 within 2 s
//    throughout; the next good edit goes live; and SIGTERM stops the server, status 0.
// A server found down (or stuck) after an entry is a failure of that entry; it is restarted
// so the entries after it are still judged.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <functional>
#include <thread>

#include "tests/hostile/corpus.hpp"
#include "tests/hostile/served_guichet.hpp"
#include "tests/support/postgres_cluster.hpp"

namespace guichet::testing::hostile {
namespace {
namespace fs = std::filesystem;
namespace json = boost::json;
using namespace std::chrono_literals;

enum class Storage { sqlite, postgresql };
void PrintTo(Storage s, std::ostream* os) { *os << (s == Storage::sqlite ? "SQLite" : "PostgreSQL"); }

constexpr std::size_t kMaxAnswer = 1u << 20;
constexpr auto kNormalLatency = 2000ms;

bool eventually(std::chrono::milliseconds bound, const std::function<bool()>& done) {
  const auto until = std::chrono::steady_clock::now() + bound;
  while (std::chrono::steady_clock::now() < until) {
    if (done()) return true;
    std::this_thread::sleep_for(100ms);
  }
  return done();
}

std::optional<json::object> parse_object(const std::string& text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_object()) return std::nullopt;
  return v.as_object();
}

std::string tail(const std::string& text, std::size_t n = 3000) {
  return text.size() <= n ? text : "…" + text.substr(text.size() - n);
}

class HostileServer : public ::testing::TestWithParam<Storage> {
 protected:
  void SetUp() override {
    write_clean_scripts(root_.path / "scripts");
    url_ = GetParam() == Storage::postgresql ? PostgresCluster::instance().create_database("hostile") : "";
    server_ = std::make_unique<ServedGuichet>(root_.path, url_);
    ASSERT_TRUE(server_->start()) << server_->log();
  }

  // The live rules' version and the faults /readyz reports ("" and {} when it does not answer).
  struct Ready {
    bool answered = false;
    std::string version;
    std::vector<std::string> faults;
    std::vector<std::string> refused_files;  // pending_changes the gate refused
    std::size_t bytes = 0;
  };
  Ready readyz() {
    Ready r;
    Answer a = get(server_->port(), "/readyz", 3s);
    auto o = a.answered ? parse_object(a.body) : std::nullopt;
    if (!o || !o->contains("details")) return r;
    r.answered = true;
    r.bytes = a.body.size();
    const auto& d = o->at("details").as_object();
    if (d.contains("rules") && d.at("rules").is_object())
      r.version = std::string(d.at("rules").at("version").as_string());
    if (d.contains("script_faults"))
      for (const auto& f : d.at("script_faults").as_array())
        if (f.is_string()) r.faults.emplace_back(f.as_string());
    if (d.contains("pending_changes"))
      for (const auto& c : d.at("pending_changes").as_array())
        if (c.is_object() && c.as_object().contains("file") && c.at("state") == "refused")
          r.refused_files.emplace_back(c.at("file").as_string());
    return r;
  }
  static std::string joined(const std::vector<std::string>& faults) {
    std::string out;
    for (const auto& f : faults) out += f + "\n";
    return out;
  }

  std::string academy_name() {
    Answer a = get(server_->port(), "/api/v1/academies/testia", 3s);
    auto o = a.answered && a.status == 200 ? parse_object(a.body) : std::nullopt;
    return o && o->contains("name") ? std::string(o->at("name").as_string()) : "";
  }

  // An evaluation that answered 200 with valid = true.
  static bool valid(const Answer& a) {
    if (!a.answered || a.status != 200) return false;
    auto o = parse_object(a.body);
    return o && o->contains("valid") && o->at("valid").is_bool() && o->at("valid").as_bool();
  }
  static std::string error_code(const Answer& a) {
    auto o = a.answered ? parse_object(a.body) : std::nullopt;
    if (!o || !o->contains("error") || !o->at("error").is_object()) return "";
    const auto& e = o->at("error").as_object();
    return e.contains("code") && e.at("code").is_string() ? std::string(e.at("code").as_string()) : "";
  }
  static std::string describe(const Answer& a) {
    if (!a.answered) return a.failure;
    return std::to_string(a.status) + " en " + std::to_string(a.took.count()) + " ms : " + a.body.substr(0, 600);
  }

  // The other académie answers, valid, within its normal time.
  void expect_neighbour_serves(const std::string& when, int times = 1) {
    for (int i = 0; i < times; ++i) {
      Answer a = server_->evaluate("voisine", "17000");
      EXPECT_TRUE(valid(a)) << "voisine, " << when << " : " << describe(a);
      EXPECT_LT(a.took, kNormalLatency) << "voisine, " << when;
      if (!a.answered) return;
    }
  }

  // After an entry: a server down or not answering is that entry's failure; restart it.
  void recover_if_down(const Entry& e) {
    if (server_->healthy()) return;
    ADD_FAILURE() << e.id << " : le serveur " << (server_->alive() ? "ne répond plus" : "est tombé") << "\n"
                  << tail(server_->log());
    ASSERT_TRUE(server_->restart()) << server_->log();
  }

  void expect_clean_stop() {
    auto stopped = server_->stop(15s);
    EXPECT_TRUE(stopped.exited && stopped.signal == 0 && stopped.code == 0)
        << "SIGTERM : " << stopped.how() << "\n" << tail(server_->log());
  }

  // A prologue that faults at load: refused, reported on /readyz, the last good rules serving.
  void expect_refused_at_load(const Entry& e, const Ready& before, const std::string& live_name) {
    Ready now;
    bool settled = eventually(5s, [&] {
      now = readyz();
      bool reported = joined(now.faults).find(e.file()) != std::string::npos;
      return !server_->alive() || reported || (e.may_run() && now.version != before.version);
    });
    if (!server_->alive()) return;  // judged by the caller
    if (e.may_run() && now.version != before.version) {
      Answer own = server_->evaluate("testia", "86000");
      EXPECT_TRUE(valid(own)) << "testia : " << describe(own);
      return;
    }
    EXPECT_TRUE(settled) << "la faute n'est pas signalée sur /readyz : " << joined(now.faults);
    if (settled) {
      EXPECT_TRUE(shows_allowed_fault(e, joined(now.faults))) << joined(now.faults).substr(0, 2000);
      EXPECT_LT(now.bytes, kMaxAnswer) << "/readyz de " << now.bytes << " octets";
    }
    EXPECT_EQ(now.version, before.version) << "une version refusée est devenue active";
    EXPECT_EQ(academy_name(), live_name) << "les dernières bonnes règles ne sont plus servies";
    Answer own = server_->evaluate("testia", "86000");
    EXPECT_TRUE(valid(own)) << "testia : " << describe(own);
  }

  // Rules that load: they go live.
  // A script that loads but faults when run either goes live (and then faults in evaluation) or
  // is refused by the gate, whose sweep over generated answers ran it first: then it is listed
  // with an allowed fault and the last good rules keep serving.
  bool went_live(const Entry& e, const Ready& before) {
    bool refused = false;
    bool settled = eventually(8s, [&] {
      if (!server_->alive()) return true;
      Ready now = readyz();
      for (const auto& f : now.refused_files) refused = refused || f == e.file();
      if (refused) {
        EXPECT_TRUE(shows_allowed_fault(e, joined(now.faults))) << "refusée sans faute attendue :\n" << joined(now.faults);
        EXPECT_EQ(now.version, before.version) << "refusée mais en service";
      }
      return refused || now.version != before.version;
    });
    if (!server_->alive()) return false;
    EXPECT_TRUE(settled) << "la modification (qui se charge) n'est ni refusée ni devenue active";
    return settled && !refused;
  }

  // A rule that faults: 500 rules_error within seconds, maybe after a few evaluations when it
  // keeps memory between them, its fault in the log; the neighbour unaffected meanwhile.
  void expect_fault_when_run(const Entry& e, const Ready& before, std::size_t log_mark) {
    if (!went_live(e, before)) return;
    // All `repeat` evaluations: what a script keeps between them must not reach anything else.
    Answer last;
    for (int i = 0; i < e.repeat; ++i) {
      last = server_->evaluate("testia", "86000");
      if (!last.answered) break;
      if (e.repeat == 1) break;
      expect_neighbour_serves("pendant les évaluations de testia");
      if (!server_->alive()) break;
    }
    // 503 rules_unavailable: the académie's breaker opened after repeated trips (a stop too).
    EXPECT_TRUE(last.answered && ((last.status == 500 && error_code(last) == "rules_error") ||
                                  (last.status == 503 && error_code(last) == "rules_unavailable")))
        << "testia : " << describe(last);
    if (last.answered && last.status == 500) {
      EXPECT_TRUE(eventually(2s, [&] { return shows_allowed_fault(e, server_->log(log_mark)); }))
          << "la faute n'est pas journalisée avec sa nature :\n" << tail(server_->log(log_mark));
    }
    EXPECT_LT(server_->log_size() - log_mark, kMaxAnswer * 4) << "journal inondé";
  }

  // A tampering rule: the tampering candidate, then a clean one, who must be judged as if alone.
  void expect_no_leak(const Entry& e, const Ready& before) {
    if (!went_live(e, before)) return;
    // Two tampering candidates, then two clean ones, twice: requests go to the workers in
    // turn, so every worker's rules meet the tampering before a probe.
    for (int round = 0; round < 2; ++round) {
      for (int i = 0; i < 2; ++i) {
        Answer trap = server_->evaluate("testia", "86001");
        EXPECT_TRUE(trap.answered && (trap.status == 200 || trap.status == 500)) << describe(trap);
        if (!trap.answered) return;
      }
      for (int i = 0; i < 2; ++i) {
        Answer probe = server_->evaluate("testia", "86000");
        EXPECT_TRUE(probe.answered) << probe.failure;
        if (!probe.answered) return;
        if (probe.status == 200) {
          EXPECT_TRUE(valid(probe) && probe.body.find("fuite :") == std::string::npos) << describe(probe);
          if (!valid(probe)) return;
        } else {
          EXPECT_TRUE(e.expect.count("error") && probe.status == 500) << describe(probe);
        }
      }
    }
  }

  TempDir root_{"server"};
  std::string url_;
  std::unique_ptr<ServedGuichet> server_;
};

TEST_P(HostileServer, TheRulesApiRefusesEveryHostileAcademyScript) {
  std::string why;
  const std::string token = server_->rules_editor_token(why);
  ASSERT_FALSE(token.empty()) << why;
  int submitted = 0;
  for (const Entry& e : corpus()) {
    if (e.place == Place::validate) continue;  // an académie's version holds no exam
    SCOPED_TRACE(e.id);
    ++submitted;
    json::object body{{"script", injected(e)}, {"note", "corpus hostile : " + e.id}};
    if (e.may_run()) body["tests"] = json::array{json::object{{"path", "tests/sonde.lua"}, {"text", leak_cases()}}};
    if (e.repeat > 1)
      body["tests"] = json::array{json::object{{"path", "tests/repete.lua"}, {"text", repeated_cases(e.repeat)}}};
    Answer a = server_->call("POST", "/api/v1/admin/rules/versions", json::serialize(body), token, 20s);
    EXPECT_TRUE(a.answered) << "soumission : " << a.failure;
    if (a.answered) {
      EXPECT_LT(a.body.size(), kMaxAnswer) << "réponse de " << a.body.size() << " octets";
      if (e.may_run()) {
        EXPECT_TRUE(a.status == 201 || a.status == 422) << describe(a);
      } else {
        EXPECT_EQ(a.status, 422u) << describe(a);
        EXPECT_TRUE(shows_allowed_fault(e, a.body)) << "aucune faute attendue dans : " << a.body.substr(0, 2000);
      }
    }
    if (!server_->healthy()) {
      recover_if_down(e);
      continue;
    }
    expect_neighbour_serves("après la soumission");
    Answer own = server_->evaluate("testia", "86000");
    EXPECT_TRUE(valid(own)) << "testia garde ses règles : " << describe(own);
  }
  EXPECT_GT(submitted, 30);
  expect_clean_stop();
}

TEST_P(HostileServer, HotReloadsOfTheCorpusNeverTakeTheServiceDown) {
  int generation = 0;
  std::string live_name = "Académie de test";
  for (const Entry& e : corpus()) {
    SCOPED_TRACE(e.id);
    const Ready before = readyz();
    ASSERT_TRUE(before.answered) << tail(server_->log());
    const std::size_t log_mark = server_->log_size();
    replace_file(server_->scripts() / e.file(), injected(e));
    if (e.faults_at_load()) expect_refused_at_load(e, before, live_name);
    else if (e.may_run()) expect_no_leak(e, before);
    else expect_fault_when_run(e, before, log_mark);

    const bool up = server_->healthy();
    if (up) expect_neighbour_serves("après la modification", 3);
    // The next good edit goes live (on a restarted server when this one is down or stuck).
    live_name = "Académie de test " + std::to_string(++generation);
    if (e.place == Place::validate) replace_file(server_->scripts() / "exams/demo.lua", clean_exam());
    replace_file(server_->scripts() / "academies/testia.lua", clean_academy(live_name));
    if (!up) {
      ADD_FAILURE() << e.id << " : le serveur " << (server_->alive() ? "ne répond plus" : "est tombé") << "\n"
                    << tail(server_->log(log_mark));
      ASSERT_TRUE(server_->restart()) << server_->log();
    }
    bool good = eventually(8s, [&] {
      return !server_->alive() || (academy_name() == live_name && valid(server_->evaluate("testia", "86000")));
    }) && server_->alive();
    EXPECT_TRUE(good) << "la modification correcte suivante n'est pas devenue active";
    if (good) {
      Ready after = readyz();
      EXPECT_TRUE(after.faults.empty()) << "faute toujours signalée : " << joined(after.faults).substr(0, 2000);
    } else {
      ADD_FAILURE() << e.id << " : serveur redémarré\n" << tail(server_->log(log_mark));
      ASSERT_TRUE(server_->restart()) << server_->log();
    }
  }
  expect_clean_stop();
}

INSTANTIATE_TEST_SUITE_P(Backends, HostileServer, ::testing::Values(Storage::sqlite, Storage::postgresql),
                         [](const ::testing::TestParamInfo<Storage>& info) {
                           return info.param == Storage::sqlite ? std::string("SQLite") : std::string("PostgreSQL");
                         });

}  // namespace
}  // namespace guichet::testing::hostile
