// openapi.yaml describes every contract path, and the server answers as described: each
// documented operation is called, its status must be documented, and a JSON body must carry
// the schema's required properties (references resolved, nested objects checked).
#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <set>

#include "tests/app/server_fixture.hpp"

namespace guichet::testing {
namespace {

namespace json = boost::json;

YAML::Node spec() { return YAML::LoadFile(std::string(GUICHET_SOURCE_DIR) + "/openapi.yaml"); }

YAML::Node resolve(const YAML::Node& root, YAML::Node node) {
  for (int i = 0; node && node["$ref"] && i < 10; ++i) {
    std::string ref = node["$ref"].as<std::string>();  // "#/components/schemas/X"
    YAML::Node n = root;
    size_t pos = 2;
    while (pos < ref.size()) {
      size_t next = ref.find('/', pos);
      if (next == std::string::npos) next = ref.size();
      n = n[ref.substr(pos, next - pos)];
      pos = next + 1;
    }
    node = n;
  }
  return node;
}

// Checks `value` against the schema's type and required properties, recursively.
void check(const YAML::Node& root, YAML::Node schema, const json::value& value, const std::string& where,
           std::vector<std::string>& faults) {
  schema = resolve(root, schema);
  if (!schema) return;
  if (value.is_null()) {
    if (!(schema["nullable"] && schema["nullable"].as<bool>())) faults.push_back(where + ": null not allowed");
    return;
  }
  if (schema["allOf"])
    for (const auto& part : schema["allOf"]) check(root, part, value, where, faults);
  std::string type = schema["type"] ? schema["type"].as<std::string>() : "";
  if (type == "object") {
    if (!value.is_object()) return faults.push_back(where + ": object expected");
    const auto& o = value.as_object();
    if (schema["required"])
      for (const auto& r : schema["required"])
        if (!o.contains(r.as<std::string>())) faults.push_back(where + ": missing " + r.as<std::string>());
    if (schema["properties"])
      for (const auto& p : schema["properties"]) {
        auto key = p.first.as<std::string>();
        if (o.contains(key)) check(root, p.second, o.at(key), where + "." + key, faults);
      }
  } else if (type == "array") {
    if (!value.is_array()) return faults.push_back(where + ": array expected");
    for (size_t i = 0; i < value.as_array().size(); ++i)
      check(root, schema["items"], value.as_array()[i], where + "[" + std::to_string(i) + "]", faults);
  } else if (type == "string") {
    if (!value.is_string()) faults.push_back(where + ": string expected");
    else if (schema["enum"]) {
      std::set<std::string> allowed;
      for (const auto& e : schema["enum"]) allowed.insert(e.as<std::string>());
      if (!allowed.count(std::string(value.as_string()))) faults.push_back(where + ": value not in enum");
    }
  } else if (type == "boolean") {
    if (!value.is_bool()) faults.push_back(where + ": boolean expected");
  } else if (type == "integer") {
    if (!value.is_int64() && !value.is_uint64()) faults.push_back(where + ": integer expected");
  }
}

TEST(OpenApi, DescribesEveryContractPath) {
  auto paths = spec()["paths"];
  const std::pair<const char*, const char*> contract[] = {
      {"/healthz", "get"},
      {"/readyz", "get"},
      {"/metrics", "get"},
      {"/api/v1/academies", "get"},
      {"/api/v1/academies/{academy}", "get"},
      {"/api/v1/services", "get"},
      {"/api/v1/academies/{academy}/exams/{exam}/sessions/{session}", "get"},
      {"/api/v1/academies/{academy}/exams/{exam}/sessions/{session}/evaluate", "post"},
      {"/api/v1/accounts", "post"},
      {"/api/v1/accounts/activate", "post"},
      {"/api/v1/auth/login", "post"},
      {"/api/v1/auth/logout", "post"},
      {"/api/v1/auth/password-reset", "post"},
      {"/api/v1/auth/password-reset/confirm", "post"},
      {"/api/v1/me", "get"},
      {"/api/v1/me", "patch"},
      {"/api/v1/registrations", "get"},
      {"/api/v1/registrations", "post"},
      {"/api/v1/registrations/{id}", "get"},
      {"/api/v1/registrations/{id}", "put"},
      {"/api/v1/registrations/{id}", "delete"},
      {"/api/v1/registrations/{id}/recapitulatif.pdf", "get"},
  };
  for (auto [path, method] : contract) {
    ASSERT_TRUE(paths[path]) << path;
    EXPECT_TRUE(paths[path][method]) << method << " " << path;
  }
}

class OpenApiLive : public ServerFixture {
 protected:
  void SetUp() override { start(); }

  // Calls the operation and checks the answer against the description.
  void expect_described(const std::string& path, const std::string& method, const std::string& target,
                        const std::string& body = "") {
    auto root = spec();
    auto op = root["paths"][path][method];
    ASSERT_TRUE(op) << method << " " << path;
    auto r = body.empty() ? http_request(app_->port(), method == "get" ? "GET" : "POST", target)
                          : http_request(app_->port(), "POST", target, body, {{"Content-Type", "application/json"}});
    auto response = resolve(root, op["responses"][std::to_string(r.status)]);
    ASSERT_TRUE(response) << target << " answered " << r.status << ", which is not described";
    auto content = response["content"];
    ASSERT_TRUE(content) << target;
    if (content["application/json"]) {
      EXPECT_NE(r.header("content-type").find("application/json"), std::string::npos) << target;
      std::vector<std::string> faults;
      check(root, content["application/json"]["schema"], json::parse(r.body), target, faults);
      EXPECT_TRUE(faults.empty()) << faults[0] << "\n" << r.body;
    } else {
      EXPECT_NE(r.header("content-type").find("text/plain"), std::string::npos) << target;
    }
  }
};

TEST_F(OpenApiLive, EveryDescribedOperationAnswersAsDescribed) {
  const std::string s = "/api/v1/academies/{academy}/exams/{exam}/sessions/{session}";
  expect_described("/healthz", "get", "/healthz");
  expect_described("/readyz", "get", "/readyz");
  expect_described("/metrics", "get", "/metrics");
  expect_described("/api/v1/academies", "get", "/api/v1/academies");
  expect_described("/api/v1/academies/{academy}", "get", "/api/v1/academies/testia");
  expect_described("/api/v1/academies/{academy}", "get", "/api/v1/academies/nope");
  expect_described("/api/v1/services", "get", "/api/v1/services?at=2024-10-20T10:00:00Z");
  expect_described("/api/v1/services", "get", "/api/v1/services?at=bad");
  expect_described(s, "get", "/api/v1/academies/testia/exams/demo/sessions/2025");
  expect_described(s, "get", "/api/v1/academies/testia/exams/demo/sessions/1900");
  const std::string e = "/api/v1/academies/testia/exams/demo/sessions/2025/evaluate";
  expect_described(s + "/evaluate", "post", e + "?explain=true",
                   R"({"answers": {"speciality": "cuisine", "postal_code": "86000"}, "identity": {"birth_date": "2004-01-02", "nationality": "francaise"}})");
  expect_described(s + "/evaluate", "post", e, R"({"answers": {"speciality": "nope"}})");
  expect_described(s + "/evaluate", "post", e, R"({"answers": 3})");
  expect_described(s + "/evaluate", "post", e, R"({"answers": )");
  // Candidate space: the answers a frontend meets first.
  expect_described("/api/v1/accounts", "post", "/api/v1/accounts",
                   R"({"email": "openapi@example.org", "password": "une phrase de passe solide", "last_name": "A",
                       "first_name": "B", "birth_date": "2000-01-01", "birth_place": "Niort", "nationality": "ue"})");
  expect_described("/api/v1/accounts", "post", "/api/v1/accounts", R"({"email": "pas une adresse"})");
  expect_described("/api/v1/accounts/activate", "post", "/api/v1/accounts/activate", R"({"token": "inconnu"})");
  expect_described("/api/v1/auth/login", "post", "/api/v1/auth/login",
                   R"({"email": "openapi@example.org", "password": "une phrase de passe solide"})");
  expect_described("/api/v1/auth/login", "post", "/api/v1/auth/login",
                   R"({"email": "nobody@example.org", "password": "une phrase de passe solide"})");
  expect_described("/api/v1/auth/password-reset", "post", "/api/v1/auth/password-reset", R"({"email": "x@example.org"})");
  expect_described("/api/v1/me", "get", "/api/v1/me");
  expect_described("/api/v1/registrations", "get", "/api/v1/registrations");
  expect_described("/api/v1/registrations/{id}", "get", "/api/v1/registrations/abc");
  // Back office: what a caller without a staff session meets.
  expect_described("/api/v1/admin/auth/login", "post", "/api/v1/admin/auth/login",
                   R"({"email": "x@example.org", "password": "une phrase de passe solide", "code": "123456"})");
  expect_described("/api/v1/admin/auth/login", "post", "/api/v1/admin/auth/login", R"({"email": 3})");
  expect_described("/api/v1/admin/auth/invitation", "post", "/api/v1/admin/auth/invitation",
                   R"({"token": "inconnu", "password": "une phrase de passe solide"})");
  expect_described("/api/v1/admin/me", "get", "/api/v1/admin/me");
  expect_described("/api/v1/admin/registrations", "get", "/api/v1/admin/registrations");
  expect_described("/api/v1/admin/audit", "get", "/api/v1/admin/audit");
  // Plugins: no plugin loaded here, so its routes are unknown.
  expect_described("/api/v1/plugins/{plugin}/{path}", "get", "/api/v1/plugins/webhook/status");
}

}  // namespace
}  // namespace guichet::testing
