// Starts the real server (ServerApp) on an ephemeral loopback port, with a private copy of a
// scripts folder and a temporary data folder.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>
#include <algorithm>

#include "app/server_wiring.hpp"
#include "tests/support/http_client.hpp"

namespace guichet::testing {

class ServerFixture : public ::testing::Test {
 protected:
  // Scripts copied from GUICHET_SOURCE_DIR/<scripts_rel>; `database` empty = SQLite.
  void start(const std::string& scripts_rel = "tests/fixtures/minimal", const std::string& database = "",
             const std::optional<std::string>& simulated = std::nullopt) {
    namespace fs = std::filesystem;
    root_ = fs::temp_directory_path() /
            ("guichet-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    fs::remove_all(root_);
    fs::create_directories(root_);
    fs::copy(fs::path(GUICHET_SOURCE_DIR) / scripts_rel, root_ / "scripts", fs::copy_options::recursive);
    app::ServeConfig c;
    c.host = "127.0.0.1";
    c.port = 0;
    c.data_dir = (root_ / "data").string();
    c.scripts_dir = (root_ / "scripts").string();
    c.database_url = database;
    c.threads = 2;
    c.simulated_time = simulated;
    c.password_cost = "minimal";  // Argon2id at its floor: tests sign up many accounts
    c.outbox_period = std::chrono::milliseconds(50);
    configure(c);
    config_ = c;
    auto app = app::ServerApp::start(c);
    ASSERT_TRUE(app.ok()) << app.error().message;
    app_ = std::move(*app);
  }

  // Stops the server and starts it again on the same folders and database (a new port).
  void restart() {
    app_->stop();
    app_.reset();
    auto app = app::ServerApp::start(config_);
    ASSERT_TRUE(app.ok()) << app.error().message;
    app_ = std::move(*app);
  }

  // A test class's changes to the configuration, before the server starts.
  virtual void configure(app::ServeConfig&) {}

  void TearDown() override {
    if (app_) app_->stop();
    app_.reset();
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }

  HttpResponse get(const std::string& target) { return http_request(app_->port(), "GET", target); }
  HttpResponse post_json(const std::string& target, const std::string& body,
                         std::map<std::string, std::string> headers = {}) {
    headers["Content-Type"] = "application/json";
    return http_request(app_->port(), "POST", target, body, headers);
  }
  HttpResponse send(const std::string& method, const std::string& target, const std::string& body = "",
                    std::map<std::string, std::string> headers = {}) {
    if (!body.empty() && !headers.count("Content-Type")) headers["Content-Type"] = "application/json";
    return http_request(app_->port(), method, target, body, headers);
  }
  // The .eml files the default transport wrote, oldest first (waits up to 3 s for `count`).
  std::vector<std::string> outbox(size_t count = 0) {
    std::vector<std::string> out;
    for (int i = 0; i < 60; ++i) {
      out.clear();
      std::vector<std::filesystem::directory_entry> files;
      if (std::filesystem::exists(root_ / "data" / "outbox"))
        for (const auto& e : std::filesystem::directory_iterator(root_ / "data" / "outbox"))
          if (e.path().extension() == ".eml") files.push_back(e);
      std::sort(files.begin(), files.end(),
                [](const auto& a, const auto& b) { return a.last_write_time() < b.last_write_time(); });
      for (const auto& f : files) {
        std::ifstream in(f.path());
        out.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
      }
      if (out.size() >= count) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return out;
  }
  // The newest mail for which `about` holds, waiting up to 10 s for it; empty if none came.
  // Tests wait for the mail they are about, not for a count: earlier mails (an activation, a
  // registration receipt) are delivered in the background and may land after a count was taken.
  std::string await_mail(const std::function<bool(const std::string&)>& about) {
    for (int i = 0; i < 200; ++i) {
      auto mails = outbox();
      for (auto m = mails.rbegin(); m != mails.rend(); ++m)
        if (about(*m)) return *m;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return {};
  }
  void write_script(const std::string& rel, const std::string& text) {
    // Write then rename, as editors do, so the watcher never reads half a file.
    auto tmp = root_ / "scripts" / (rel + ".tmp~");
    std::ofstream(tmp) << text;
    std::filesystem::rename(tmp, root_ / "scripts" / rel);
  }
  std::string read_script(const std::string& rel) {
    std::ifstream in(root_ / "scripts" / rel);
    return {std::istreambuf_iterator<char>(in), {}};
  }

  std::unique_ptr<app::ServerApp> app_;
  app::ServeConfig config_;
  std::filesystem::path root_;
  static inline int counter_ = 0;
};

}  // namespace guichet::testing
