// The shipped export plugin in the running server: on its schedule it writes the académie's
// registrations, with the candidates' identity, to a folder, as CSV or JSON, atomically.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <filesystem>
#include <fstream>

#include "tests/app/admin_client.hpp"
#include "tests/support/child_process.hpp"

namespace guichet::testing {
namespace {

using namespace std::chrono_literals;
namespace json = boost::json;
namespace fs = std::filesystem;

class ExportPlugin : public AdminApiBase {
 protected:
  void SetUp() override {}
  void start_with(const std::string& format) {
    work_ = fs::temp_directory_path() / ("guichet-export-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    fs::remove_all(work_);
    fs::create_directories(work_ / "plugins");
    fs::copy_file(fs::path(SHIPPED_PLUGIN_DIR) / "export.so", work_ / "plugins" / "export.so");
    std::ofstream(work_ / "plugins" / "export.json") << json::serialize(json::object{
        {"academy", "testia"}, {"folder", (work_ / "out").string()}, {"format", format}, {"interval_seconds", 1},
        {"keep", 2}});
    start_at("2024-11-01T10:00:00+01:00");
  }
  void configure(app::ServeConfig& c) override { c.plugins_dir = (work_ / "plugins").string(); }
  void TearDown() override {
    AdminApiBase::TearDown();
    std::error_code ec;
    fs::remove_all(work_, ec);
  }
  // The latest export once it holds `needle` (waits up to 10 s).
  std::string latest(const std::string& ext, const std::string& needle) {
    std::string text;
    for (int i = 0; i < 200; ++i) {
      std::ifstream in(work_ / "out" / ("inscriptions-testia-dernier." + ext));
      text.assign(std::istreambuf_iterator<char>(in), {});
      if (text.find(needle) != std::string::npos) break;
      std::this_thread::sleep_for(50ms);
    }
    return text;
  }
  size_t dated_files() {
    size_t n = 0;
    for (const auto& e : fs::directory_iterator(work_ / "out"))
      n += e.path().filename().string().rfind("inscriptions-testia-2", 0) == 0;
    return n;
  }
  fs::path work_;
  static inline int counter_ = 0;
};

TEST_P(ExportPlugin, WritesTheAcademysRegistrationsAsCsv) {
  ASSERT_NO_FATAL_FAILURE(start_with("csv"));
  std::string first = registered("elodie@example.org", "Martin", "Élodie");
  std::string second = registered("paul@example.org", "Durand-Lefèvre", "Paul");
  ASSERT_FALSE(first.empty());
  ASSERT_FALSE(second.empty());
  std::string csv = latest("csv", second);
  ASSERT_NE(csv.find(second), std::string::npos) << csv;
  EXPECT_EQ(csv.rfind("\xEF\xBB\xBFnumero_inscription;numero_candidat;academie;", 0), 0u) << csv.substr(0, 80);
  EXPECT_NE(csv.find(first + ";"), std::string::npos);
  EXPECT_NE(csv.find(";Martin;Élodie;2001-03-12;Poitiers;"), std::string::npos) << csv;
  EXPECT_NE(csv.find(";Durand-Lefèvre;Paul;"), std::string::npos) << csv;
  EXPECT_NE(csv.find("elodie@example.org"), std::string::npos);
  // Three lines: header and two registrations, each with the header's 21 columns.
  size_t lines = 0;
  std::istringstream in(csv);
  for (std::string line; std::getline(in, line);) {
    ++lines;
    EXPECT_EQ(std::count(line.begin(), line.end(), ';'), 20) << line;
  }
  EXPECT_EQ(lines, 3u);
  // Runs go on; only the most recent dated files are kept.
  std::this_thread::sleep_for(3500ms);
  EXPECT_EQ(dated_files(), 2u);
}

TEST_P(ExportPlugin, WritesTheAcademysRegistrationsAsJson) {
  ASSERT_NO_FATAL_FAILURE(start_with("json"));
  std::string number = registered("elodie@example.org", "Martin", "Élodie");
  ASSERT_FALSE(number.empty());
  auto doc = json::parse(latest("json", number));
  EXPECT_EQ(doc.at("academy").as_string(), "testia");
  const auto& rows = doc.at("registrations").as_array();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].at("registration_number").as_string(), number);
  EXPECT_EQ(rows[0].at("status").as_string(), "registered");
  EXPECT_EQ(rows[0].at("answers").at("speciality").as_string(), "cuisine");
  EXPECT_EQ(rows[0].at("candidate").at("email").as_string(), "elodie@example.org");
}

INSTANTIATE_TEST_SUITE_P(Backends, ExportPlugin, ::testing::Values(Backend::sqlite, Backend::postgresql), backend_name);

}  // namespace
}  // namespace guichet::testing
