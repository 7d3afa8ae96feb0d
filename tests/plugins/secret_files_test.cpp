// A plugin's secrets read from their own files: "<key>_file" stands for "<key>" where the
// schema declares "<key>", in nested objects and arrays; a path the plugin itself declares
// ("ca_file") stays a path; a missing, empty or doubled secret is a fault naming the place.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <filesystem>
#include <fstream>

#include "plugins/host/secret_files.hpp"

namespace {
namespace fs = std::filesystem;
namespace json = boost::json;
using guichet::plugins::resolve_secret_files;

const json::value kSchema = json::parse(R"({
  "type": "object",
  "properties": {
    "password": {"type": "string"},
    "ca_file": {"type": "string"},
    "endpoints": {"type": "array", "items": {"type": "object", "properties": {
      "url": {"type": "string"}, "secret": {"type": "string", "minLength": 16}}}}
  }
})");

struct SecretFiles : ::testing::Test {
  fs::path dir = fs::temp_directory_path() / ("guichet-secrets-" + std::to_string(::getpid()));
  void SetUp() override { fs::create_directories(dir); }
  void TearDown() override { fs::remove_all(dir); }
  std::string write(const std::string& name, const std::string& text) {
    std::ofstream(dir / name) << text;
    return (dir / name).string();
  }
};

TEST_F(SecretFiles, AFileStandsForTheSecretItNames) {
  json::value config = json::parse(R"({"ca_file": "/etc/ssl/certs/ca.pem", "endpoints": [
      {"url": "https://a.example/hook", "secret_file": ")" + write("hook", "0123456789abcdef-webhook\n") + R"("}]})");
  config.as_object()["password_file"] = write("smtp", "mot-de-passe-smtp\r\n");
  EXPECT_TRUE(resolve_secret_files(kSchema, config).empty());
  const auto& o = config.as_object();
  EXPECT_EQ(o.at("password").as_string(), "mot-de-passe-smtp");
  EXPECT_FALSE(o.contains("password_file"));
  EXPECT_EQ(o.at("ca_file").as_string(), "/etc/ssl/certs/ca.pem");  // the plugin's own path, untouched
  const auto& endpoint = o.at("endpoints").as_array().at(0).as_object();
  EXPECT_EQ(endpoint.at("secret").as_string(), "0123456789abcdef-webhook");
  EXPECT_FALSE(endpoint.contains("secret_file"));
}

TEST_F(SecretFiles, AMissingEmptyOrDoubledSecretIsAFaultNamingItsPlace) {
  json::value missing = json::parse(R"({"password_file": "/nonexistent/smtp"})");
  auto faults = resolve_secret_files(kSchema, missing);
  ASSERT_EQ(faults.size(), 1u);
  EXPECT_EQ(faults[0], "config.password_file : fichier secret illisible : /nonexistent/smtp");

  json::value empty = json::parse(R"({"endpoints": [{"url": "u", "secret_file": ")" + write("empty", "\n") + R"("}]})");
  faults = resolve_secret_files(kSchema, empty);
  ASSERT_EQ(faults.size(), 1u);
  EXPECT_NE(faults[0].find("config.endpoints[0].secret_file : fichier secret vide"), std::string::npos) << faults[0];

  json::value doubled = json::parse(R"({"password": "en clair", "password_file": ")" + write("p", "x\n") + R"("})");
  faults = resolve_secret_files(kSchema, doubled);
  ASSERT_EQ(faults.size(), 1u);
  EXPECT_NE(faults[0].find("aussi donné en clair"), std::string::npos) << faults[0];
}

}  // namespace
