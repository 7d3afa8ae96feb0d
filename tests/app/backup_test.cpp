// `guichet backup` while candidates register and upload, then `guichet restore` elsewhere: every
// registration and piece acknowledged before the backup started is in the restored database,
// each file with its SHA-256; a restore never lands on data already there. Both backends.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <soci/soci.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "db/file_store.hpp"
#include "db/registrations_repository.hpp"
#include "services/crypto.hpp"
#include "tests/app/candidate_client.hpp"
#include "tests/support/postgres_cluster.hpp"
#include "tests/support/run_command.hpp"

namespace guichet::testing {
namespace {

namespace json = boost::json;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

struct Acknowledged {
  std::string registration_id, registration_number, file_id, sha256;
};

class Backup : public CandidateApiBase, public ::testing::WithParamInterface<Backend> {
 protected:
  void SetUp() override {
    url_ = GetParam() == Backend::postgresql ? PostgresCluster::instance().create_database("sauvegarde") : "";
    start("tests/fixtures/minimal", url_, "2024-11-01T10:00:00+01:00");
  }
  CommandResult guichet(const std::string& args, const std::string& url) {
    return run_command_status(std::string(GUICHET_BINARY) + " " + args + " --config none" +
                              (url.empty() ? "" : " --database '" + url + "'") + " 2>&1");
  }
  // One candidate's registration, acknowledged.
  std::optional<Acknowledged> register_one(const std::string& token) {
    auto r = send("POST", "/api/v1/registrations",
                  R"({"academy": "testia", "exam": "demo", "session": "2025", "answers": {"speciality": "cuisine",
                      "postal_code": "86000", "exemption": true}})",
                  bearer(token));
    if (r.status != 201u) return std::nullopt;
    Acknowledged a;
    const json::value reg = json::parse(r.body);
    a.registration_id = std::string(reg.at("id").as_string());
    a.registration_number = std::string(reg.at("registration_number").as_string());
    return a;
  }
  // A piece of its own bytes added to a registration; acknowledged once the 201 came back.
  std::optional<Acknowledged> upload(const std::string& token, Acknowledged a, const std::string& piece, int n) {
    std::string bytes = "%PDF-1.4\npièce n° " + std::to_string(n) + "\n";
    bytes.resize(20000 + 100 * static_cast<std::size_t>(n), static_cast<char>('a' + n % 26));
    auto h = bearer(token);
    h["Content-Type"] = "application/octet-stream";
    h["Content-Disposition"] = "attachment; filename=\"piece.pdf\"";
    auto up = send("PUT", "/api/v1/registrations/" + a.registration_id + "/pieces/" + piece, bytes, h);
    if (up.status != 201u) return std::nullopt;
    a.file_id = std::string(json::parse(up.body).at("file").at("id").as_string());
    a.sha256 = services::sha256_hex(bytes);
    return a;
  }
  std::string url_;
};

TEST_P(Backup, UnderLoadTheRestoredCopyHoldsEveryAcknowledgedRegistrationAndFile) {
  // Eight candidates registered (sign-ups are limited per client address), then uploads
  // from all of them, one after the other, for as long as the backup runs.
  std::vector<std::string> tokens;
  std::vector<Acknowledged> registrations;
  for (int i = 0; i < 8; ++i) {
    tokens.push_back(account("candidat" + std::to_string(i) + "@example.org"));
    auto r = register_one(tokens.back());
    ASSERT_TRUE(r.has_value());
    registrations.push_back(*r);
  }
  std::mutex mutex;
  std::vector<Acknowledged> acknowledged;
  std::atomic<bool> stop{false};
  std::thread load([&] {
    const char* pieces[] = {"identite", "diplome"};
    for (int n = 0; !stop && n < 400; ++n) {
      const std::size_t who = static_cast<std::size_t>(n) % tokens.size();
      if (auto a = upload(tokens[who], registrations[who], pieces[(n / 8) % 2], n)) {
        std::lock_guard lock(mutex);
        acknowledged.push_back(*a);
      }
    }
  });
  // The backup starts once some files are in, while the others keep coming.
  for (int i = 0; i < 400; ++i) {
    {
      std::lock_guard lock(mutex);
      if (acknowledged.size() >= 3) break;
    }
    std::this_thread::sleep_for(25ms);
  }
  std::vector<Acknowledged> before;
  {
    std::lock_guard lock(mutex);
    before = acknowledged;
  }
  ASSERT_GE(before.size(), 3u);
  const fs::path archive = root_ / "sauvegarde.zip";
  auto backup = guichet("backup --out " + archive.string() + " --data-dir " + (root_ / "data").string(), url_);
  std::size_t during = 0;
  {
    std::lock_guard lock(mutex);
    during = acknowledged.size() - before.size();
  }
  stop = true;
  load.join();
  ASSERT_EQ(backup.code, 0) << backup.out;
  EXPECT_GT(during, 0u) << "aucun dépôt pendant la sauvegarde : le test ne la met pas sous charge";
  EXPECT_NE(backup.out.find("sauvegarde écrite"), std::string::npos) << backup.out;
  EXPECT_TRUE(fs::exists(archive));
  // An archive is never overwritten.
  EXPECT_EQ(guichet("backup --out " + archive.string() + " --data-dir " + (root_ / "data").string(), url_).code, 1);

  const std::string restored_url =
      GetParam() == Backend::postgresql ? PostgresCluster::instance().create_database("restauree") : "";
  const fs::path restored = root_ / "restauree";
  auto restore = guichet("restore --from " + archive.string() + " --data-dir " + restored.string(), restored_url);
  ASSERT_EQ(restore.code, 0) << restore.out;
  // Not twice into the same place.
  auto again = guichet("restore --from " + archive.string() + " --data-dir " + restored.string(), restored_url);
  EXPECT_NE(again.code, 0) << again.out;

  auto db = Database::open(restored_url, restored.string(), 1);
  ASSERT_TRUE(db.ok()) << db.error().message;
  db::FileStore files(**db, restored / "files");
  for (const auto& a : before) {
    SCOPED_TRACE(a.registration_number);
    std::optional<db::RegistrationRow> row;
    std::string stored_id;  // the API names the piece's file; its bytes are a stored file
    ASSERT_TRUE((*db)->with_session([&](db::Session& s) {
                     row = db::find_registration(s, a.registration_id);
                     s << "SELECT file_id FROM piece_files WHERE id = :id", soci::use(a.file_id), soci::into(stored_id);
                     return Status::Ok();
                   }).ok());
    ASSERT_TRUE(row.has_value());
    EXPECT_EQ(row->registration_number, a.registration_number);
    ASSERT_FALSE(stored_id.empty());
    auto bytes = files.read(stored_id);
    ASSERT_TRUE(bytes.ok()) << bytes.error().message;
    EXPECT_EQ(services::sha256_hex(*bytes), a.sha256);
  }
}

TEST_P(Backup, AnArchiveThatIsNotOneOrIsDamagedIsRefused) {
  const fs::path bogus = root_ / "pas-une-sauvegarde.zip";
  std::ofstream(bogus) << "ceci n'est pas une archive";
  auto r = guichet("restore --from " + bogus.string() + " --data-dir " + (root_ / "ailleurs").string(), "");
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("archive illisible"), std::string::npos) << r.out;
  // A SQLite backup does not go into PostgreSQL, nor the reverse.
  if (GetParam() == Backend::sqlite) {
    const fs::path archive = root_ / "s.zip";
    ASSERT_EQ(guichet("backup --out " + archive.string() + " --data-dir " + (root_ / "data").string(), "").code, 0);
    auto cross = guichet("restore --from " + archive.string() + " --data-dir " + (root_ / "x").string(),
                         PostgresCluster::instance().create_database("croisee"));
    EXPECT_EQ(cross.code, 1) << cross.out;
    EXPECT_NE(cross.out.find("même type de base"), std::string::npos) << cross.out;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, Backup, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& info) { return info.param == Backend::sqlite ? "SQLite" : "PostgreSQL"; });

}  // namespace
}  // namespace guichet::testing
