// "Mes justificatifs" and "Mes documents" over real HTTP on both backends: streamed uploads
// (PUT and multipart), content sniffing, limits before the body, confirmation and freeze,
// isolation, CSRF, and an upload cut mid-way leaving nothing.
#include <openssl/sha.h>

#include <boost/json.hpp>

#include <fstream>
#include <map>

#include <zip.h>

#include "tests/app/candidate_client.hpp"
#include "tests/http/raw_client.hpp"
#include "core/clock.hpp"
#include "core/events.hpp"
#include "core/rules.hpp"
#include "db/database.hpp"
#include "db/file_store.hpp"
#include "services/document_service.hpp"
#include "tests/support/postgres_cluster.hpp"

namespace guichet::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

std::string pdf(std::size_t size, char fill = 'x') {
  std::string out = "%PDF-1.4\n";
  out.resize(size, fill);
  for (std::size_t i = 9; i < size; i += 997) out[i] = static_cast<char>(i % 256);
  return out;
}

std::string sha256_hex(const std::string& bytes) {
  unsigned char d[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), d);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned char c : d) {
    out += hex[c >> 4];
    out += hex[c & 15];
  }
  return out;
}

class PiecesApi : public CandidateApiBase, public ::testing::WithParamInterface<Backend> {
 protected:
  void SetUp() override {
    url_ = GetParam() == Backend::postgresql ? PostgresCluster::instance().create_database("pieces") : "";
    start("tests/fixtures/minimal", url_, "2024-11-01T10:00:00+01:00");
    token_ = account("elodie@example.org");
    auto r = send("POST", "/api/v1/registrations",
                  R"({"academy": "testia", "exam": "demo", "session": "2025", "answers": {"speciality": "cuisine",
                      "postal_code": "86000", "exemption": true}})",
                  bearer(token_));
    ASSERT_EQ(r.status, 201u) << r.body;
    reg_ = std::string(json::parse(r.body).at("id").as_string());
    base_ = "/api/v1/registrations/" + reg_ + "/pieces";
  }
  HttpResponse put(const std::string& code, const std::string& bytes, const std::string& name = "scan.pdf",
                   const std::string& token = "") {
    auto h = bearer(token.empty() ? token_ : token);
    h["Content-Type"] = "application/octet-stream";
    h["Content-Disposition"] = "attachment; filename=\"" + name + "\"";
    return send("PUT", base_ + "/" + code, bytes, h);
  }
  json::object pieces() {
    auto r = send("GET", base_, "", bearer(token_));
    EXPECT_EQ(r.status, 200u) << r.body;
    return json::parse(r.body).as_object();
  }
  json::object piece(const std::string& code) {
    const json::object all = pieces();  // kept alive: the loop reads into it
    for (const auto& p : all.at("pieces").as_array())
      if (p.at("code").as_string() == code) return p.as_object();
    return {};
  }

  // A document published by the office to the registration: the service on the same database
  // (the office's API has its own suite).
  Result<int> publish_as_office(const std::string& type, const std::string& bytes) {
    auto db = Database::open(url_, (root_ / "data").string(), 1);
    if (!db.ok()) return db.error();
    db::FileStore files(**db, root_ / "data" / "files");
    SystemClock clock;
    EventBus events;
    Rules rules(RuleSetOptions{}, clock, nullptr);
    services::DocumentService office(**db, files, clock, events, rules);
    return office.publish(reg_, type, bytes, type + ".pdf", "gestionnaire");
  }

  std::string url_, token_, reg_, base_;
};

TEST_P(PiecesApi, PutStreamsAFileThatReadsBackWithItsHash) {
  const std::string file = pdf(3 * 1024 * 1024 + 5);
  auto r = put("identite", file, "carte d'identité.pdf");
  ASSERT_EQ(r.status, 201u) << r.body;
  auto body = json::parse(r.body);
  EXPECT_EQ(body.at("file").at("sha256").as_string(), sha256_hex(file));
  EXPECT_EQ(body.at("file").at("size").as_int64(), static_cast<std::int64_t>(file.size()));
  EXPECT_EQ(body.at("file").at("name").as_string(), "carte d'identité.pdf");
  auto p = piece("identite");
  EXPECT_EQ(p.at("state").as_string(), "received");
  std::string file_id(p.at("files").as_array()[0].at("id").as_string());
  auto down = send("GET", base_ + "/identite/files/" + file_id, "", bearer(token_));
  ASSERT_EQ(down.status, 200u);
  EXPECT_TRUE(down.body == file);
  EXPECT_EQ(down.header("x-content-type-options"), "nosniff");
  EXPECT_EQ(down.header("content-disposition"),
            "attachment; filename=\"carte d'identit__.pdf\"; filename*=UTF-8''carte%20d%27identit%C3%A9.pdf");
  auto removed = send("DELETE", base_ + "/identite/files/" + file_id, "", bearer(token_));
  EXPECT_EQ(removed.status, 204u) << removed.body;
  EXPECT_EQ(piece("identite").at("state").as_string(), "missing");
}

TEST_P(PiecesApi, ABrowserPostsMultipart) {
  const std::string file = pdf(200 * 1024);
  const std::string boundary = "----WebKitFormBoundaryX3a9";
  std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"diplome.pdf\"\r\n" +
                     "Content-Type: application/pdf\r\n\r\n" + file + "\r\n--" + boundary + "--\r\n";
  auto h = bearer(token_);
  h["Content-Type"] = "multipart/form-data; boundary=" + boundary;
  auto r = send("POST", base_ + "/diplome", body, h);
  ASSERT_EQ(r.status, 201u) << r.body;
  EXPECT_EQ(json::parse(r.body).at("file").at("name").as_string(), "diplome.pdf");
  EXPECT_EQ(json::parse(r.body).at("file").at("sha256").as_string(), sha256_hex(file));
  auto bad = body.substr(0, body.size() - 10);  // the closing delimiter never comes
  auto cut = send("POST", base_ + "/diplome", bad, h);
  EXPECT_EQ(cut.status, 400u) << cut.body;
  EXPECT_EQ(piece("diplome").at("files").as_array().size(), 1u);
}

TEST_P(PiecesApi, AnExecutableNamedPdfIsRefusedByItsContent) {
  std::string exe("MZ\x90\x00\x03\x00\x00\x00", 8);
  exe.resize(40000, 'e');
  auto r = put("identite", exe, "carte.pdf");
  EXPECT_EQ(r.status, 415u) << r.body;
  EXPECT_EQ(code(r), "unsupported_file_type");
  EXPECT_EQ(piece("identite").at("files").as_array().size(), 0u);
}

TEST_P(PiecesApi, TooLargeIsRefusedBeforeTheBodyIsSent) {
  RawClient c(app_->port());
  c.send("PUT " + base_ + "/identite HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token_ +
         "\r\nContent-Length: " + std::to_string(10 * 1024 * 1024 + 1) + "\r\n\r\n");
  std::string answer = c.read_responses(1, 5s);
  EXPECT_NE(answer.find("HTTP/1.1 413"), std::string::npos) << answer;
  EXPECT_NE(answer.find("file_too_large"), std::string::npos) << answer;
}

TEST_P(PiecesApi, ConfirmListsWhatIsMissingThenTheSetIsFrozen) {
  ASSERT_EQ(put("identite", pdf(5000)).status, 201u);
  auto missing = send("POST", base_ + "/confirm", "", bearer(token_));
  EXPECT_EQ(missing.status, 422u) << missing.body;
  EXPECT_EQ(code(missing), "pieces_missing");
  EXPECT_EQ(json::parse(missing.body).at("error").at("fields").at("diplome").as_string(), "Pièce manquante : Diplôme");
  ASSERT_EQ(put("diplome", pdf(5000)).status, 201u);
  auto ok = send("POST", base_ + "/confirm", "", bearer(token_));
  ASSERT_EQ(ok.status, 200u) << ok.body;
  EXPECT_TRUE(json::parse(ok.body).at("confirmed").as_bool());
  auto late = put("identite", pdf(5000));
  EXPECT_EQ(late.status, 409u);
  EXPECT_EQ(code(late), "pieces_frozen");
}

TEST_P(PiecesApi, AnotherCandidateGets404AndAnonymousCallers401) {
  ASSERT_EQ(put("identite", pdf(5000)).status, 201u);
  std::string file_id(piece("identite").at("files").as_array()[0].at("id").as_string());
  std::string intruder = account("intrus@example.org");
  EXPECT_EQ(send("GET", base_, "", bearer(intruder)).status, 404u);
  EXPECT_EQ(put("identite", pdf(5000), "x.pdf", intruder).status, 404u);
  EXPECT_EQ(send("GET", base_ + "/identite/files/" + file_id, "", bearer(intruder)).status, 404u);
  EXPECT_EQ(send("DELETE", base_ + "/identite/files/" + file_id, "", bearer(intruder)).status, 404u);
  EXPECT_EQ(send("POST", base_ + "/confirm", "", bearer(intruder)).status, 404u);
  // No session at all: 401, as for an id that does not exist (nothing told about the id).
  EXPECT_EQ(send("PUT", base_ + "/identite", pdf(5000), {{"Content-Type", "application/pdf"}}).status, 401u);
  EXPECT_EQ(send("PUT", "/api/v1/registrations/nope/pieces/identite", pdf(5000), {{"Content-Type", "application/pdf"}}).status,
            401u);
  EXPECT_EQ(send("GET", base_).status, 401u);
  EXPECT_EQ(send("GET", base_ + "/identite/files/" + file_id).status, 401u);
  EXPECT_EQ(send("DELETE", base_ + "/identite/files/" + file_id).status, 401u);
  EXPECT_EQ(send("POST", base_ + "/confirm").status, 401u);
  EXPECT_EQ(piece("identite").at("files").as_array().size(), 1u);
}

TEST_P(PiecesApi, TheCookieAloneCannotUpload) {
  auto login = post_json("/api/v1/auth/login", R"({"email": "elodie@example.org", "password": "une phrase de passe solide"})");
  std::string cookie = login.header("set-cookie");
  cookie = cookie.substr(0, cookie.find(';'));
  auto r = send("PUT", base_ + "/identite", pdf(5000), {{"Cookie", cookie}, {"Content-Type", "application/pdf"}});
  EXPECT_EQ(r.status, 403u) << r.body;
  EXPECT_EQ(code(r), "csrf_failed");
  std::string csrf(json::parse(login.body).at("csrf_token").as_string());
  auto ok = send("PUT", base_ + "/identite", pdf(5000),
                 {{"Cookie", cookie}, {"X-CSRF-Token", csrf}, {"Content-Type", "application/pdf"}});
  EXPECT_EQ(ok.status, 201u) << ok.body;
}

TEST_P(PiecesApi, AnUploadCutMidwayLeavesNothing) {
  {
    RawClient c(app_->port());
    c.send("PUT " + base_ + "/identite HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token_ +
           "\r\nContent-Length: 2000000\r\n\r\n" + pdf(900 * 1024));
    std::this_thread::sleep_for(300ms);
  }  // the client goes away
  std::this_thread::sleep_for(500ms);
  EXPECT_EQ(piece("identite").at("files").as_array().size(), 0u);
  if (GetParam() == Backend::sqlite) {
    std::size_t leftovers = 0;
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(root_ / "data" / "files", ec);
         it != std::filesystem::recursive_directory_iterator(); ++it)
      leftovers += it->is_regular_file();
    EXPECT_EQ(leftovers, 0u);
  }
  // And the next upload works.
  EXPECT_EQ(put("identite", pdf(5000)).status, 201u);
}

// One upload at a time: a second one while the first still streams is told to come back.
class OneUploadAtATime : public PiecesApi {
 protected:
  void configure(app::ServeConfig& c) override { c.max_uploads = 1; }
};

TEST_P(OneUploadAtATime, ASecondUploadGets503UntilTheFirstEnds) {
  const std::string body = pdf(600 * 1024);
  RawClient first(app_->port());
  first.send("PUT " + base_ + "/identite HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token_ +
             "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body.substr(0, 300 * 1024));
  std::this_thread::sleep_for(300ms);  // the first body is streaming

  auto busy = put("diplome", pdf(5000));
  EXPECT_EQ(busy.status, 503u) << busy.body;
  EXPECT_EQ(json::parse(busy.body).at("error").at("code").as_string(), "uploads_busy");
  EXPECT_EQ(busy.header("retry-after"), "5");
  EXPECT_EQ(piece("diplome").at("files").as_array().size(), 0u);

  first.send(body.substr(300 * 1024));
  EXPECT_NE(first.read_responses(1).find("HTTP/1.1 201"), std::string::npos);
  // The slot is free again.
  EXPECT_EQ(put("diplome", pdf(5000)).status, 201u);
  EXPECT_EQ(piece("identite").at("files").as_array().size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, OneUploadAtATime, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& info) { return info.param == Backend::sqlite ? "SQLite" : "PostgreSQL"; });

TEST_P(PiecesApi, DocumentsListTheSummaryAtItsVersion) {
  auto r = send("GET", "/api/v1/registrations/" + reg_ + "/documents", "", bearer(token_));
  ASSERT_EQ(r.status, 200u) << r.body;
  auto docs = json::parse(r.body).at("documents").as_array();
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].at("type").as_string(), "recapitulatif");
  EXPECT_EQ(send("GET", "/api/v1/registrations/" + reg_ + "/documents/convocation", "", bearer(token_)).status, 404u);
}

TEST_P(PiecesApi, ADiskFailureAnswers503AndKeepsWhatWasThere) {
  if (GetParam() != Backend::sqlite) GTEST_SKIP() << "the database failure is covered by the service suite";
  ASSERT_EQ(put("identite", pdf(5000, 'k')).status, 201u);
  std::filesystem::remove_all(root_ / "data" / "files" / "tmp");
  std::ofstream(root_ / "data" / "files" / "tmp") << "not a folder";
  auto r = put("identite", pdf(300 * 1024));
  EXPECT_EQ(r.status, 503u) << r.body;
  EXPECT_EQ(code(r), "storage_unavailable");
  auto files = piece("identite").at("files").as_array();
  ASSERT_EQ(files.size(), 1u);
  auto kept = send("GET", base_ + "/identite/files/" + std::string(files[0].at("id").as_string()), "", bearer(token_));
  EXPECT_TRUE(kept.body == pdf(5000, 'k'));
}

TEST_P(PiecesApi, AnOfficeDocumentIsListedAndDownloadedAtItsLatestVersion) {
  auto first = publish_as_office("convocation", pdf(3000, '1'));
  ASSERT_TRUE(first.ok()) << first.error().code << " " << first.error().message;
  ASSERT_TRUE(publish_as_office("convocation", pdf(3000, '2')).ok());
  auto list = send("GET", "/api/v1/registrations/" + reg_ + "/documents", "", bearer(token_));
  auto docs = json::parse(list.body).at("documents").as_array();
  ASSERT_EQ(docs.size(), 2u) << list.body;
  EXPECT_EQ(docs[1].at("type").as_string(), "convocation");
  EXPECT_EQ(docs[1].at("version").as_int64(), 2);
  auto pdf_back = send("GET", "/api/v1/registrations/" + reg_ + "/documents/convocation", "", bearer(token_));
  ASSERT_EQ(pdf_back.status, 200u);
  EXPECT_EQ(pdf_back.header("content-type"), "application/pdf");
  EXPECT_TRUE(pdf_back.body == pdf(3000, '2'));
  std::string intruder = account("intrus@example.org");
  EXPECT_EQ(send("GET", "/api/v1/registrations/" + reg_ + "/documents/convocation", "", bearer(intruder)).status, 404u);
}

// GDPR access: one ZIP with the account, every version of every registration, the pieces with
// their bytes and SHA-256, the documents; nothing of anyone else; a session is needed.
std::map<std::string, std::string> unzip(const std::string& bytes) {
  std::map<std::string, std::string> out;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = source ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
  if (!archive) return out;
  for (zip_int64_t i = 0; i < zip_get_num_entries(archive, 0); ++i) {
    zip_stat_t st;
    zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &st);
    std::string content(static_cast<std::size_t>(st.size), '\0');
    zip_file_t* f = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
    if (f) {
      zip_fread(f, content.data(), content.size());
      zip_fclose(f);
    }
    out[st.name] = content;
  }
  zip_close(archive);
  return out;
}

TEST_P(PiecesApi, TheExportHoldsEveryVersionAndEveryFileWithItsHash) {
  ASSERT_TRUE(publish_as_office("convocation", pdf(3000, 'c')).ok());
  const std::string scan = pdf(7000, 'e');
  ASSERT_EQ(put("identite", scan, "carte d'identité.pdf").status, 201u);
  auto changed = send("PUT", "/api/v1/registrations/" + reg_,
                      R"({"answers": {"speciality": "cuisine", "postal_code": "86100", "exemption": true}})", bearer(token_));
  ASSERT_EQ(changed.status, 200u) << changed.body;
  const std::string other = account("autre@example.org");
  ASSERT_EQ(send("POST", "/api/v1/registrations",
                 R"({"academy": "testia", "exam": "demo", "session": "2025", "answers": {"speciality": "cuisine",
                     "postal_code": "86000", "exemption": true}})",
                 bearer(other)).status, 201u);

  auto r = send("GET", "/api/v1/me/export", "", bearer(token_));
  ASSERT_EQ(r.status, 200u) << r.body.substr(0, 500);
  EXPECT_EQ(r.header("content-type"), "application/zip");
  EXPECT_NE(r.header("content-disposition").find("attachment; filename=\"mes-donnees-20"), std::string::npos)
      << r.header("content-disposition");
  auto entries = unzip(r.body);
  ASSERT_TRUE(entries.count("donnees.json")) << entries.size();
  EXPECT_TRUE(entries.count("LISEZMOI.txt"));
  const json::object data = json::parse(entries.at("donnees.json")).as_object();
  EXPECT_EQ(data.at("account").at("email").as_string(), "elodie@example.org");
  const auto& registrations = data.at("registrations").as_array();
  ASSERT_EQ(registrations.size(), 1u);  // not the other candidate's
  const auto& mine = registrations[0].as_object();
  EXPECT_EQ(mine.at("id").as_string(), reg_);
  const auto& versions = mine.at("versions").as_array();
  ASSERT_EQ(versions.size(), 2u) << json::serialize(versions);
  EXPECT_NE(json::serialize(versions[0]).find("86000"), std::string::npos);
  EXPECT_NE(json::serialize(versions[1]).find("86100"), std::string::npos);
  // The piece's file: in the archive under a safe name, the same bytes, the SHA-256 listed.
  const std::string number(mine.at("registration_number").as_string());
  const std::string path = "pieces/" + number + "/identite/1-carte d'identité.pdf";
  ASSERT_TRUE(entries.count(path)) << json::serialize(data.at("files"));
  EXPECT_TRUE(entries.at(path) == scan);
  bool listed = false;
  for (const auto& f : data.at("files").as_array())
    if (f.at("path").as_string() == path) listed = f.at("sha256").as_string() == sha256_hex(scan);
  EXPECT_TRUE(listed) << json::serialize(data.at("files"));
  // The summary PDF is among the documents.
  bool summary = false;
  for (const auto& [name, bytes] : entries)
    if (name.rfind("documents/" + number + "/recapitulatif-", 0) == 0) summary = bytes.rfind("%PDF", 0) == 0;
  EXPECT_TRUE(summary);
  bool convocation = false;
  for (const auto& [name, bytes] : entries)
    if (name.rfind("documents/" + number + "/convocation-", 0) == 0) convocation = bytes == pdf(3000, 'c');
  EXPECT_TRUE(convocation) << json::serialize(data.at("files"));
  EXPECT_EQ(mine.at("documents").as_array().size(), 2u);
  EXPECT_EQ(send("GET", "/api/v1/me/export", "", {}).status, 401u);
}

INSTANTIATE_TEST_SUITE_P(Backends, PiecesApi, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& info) { return info.param == Backend::sqlite ? "SQLite" : "PostgreSQL"; });

}  // namespace
}  // namespace guichet::testing
