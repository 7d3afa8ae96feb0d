// openapi.yaml describes every contract path, and the server answers as described: each
// documented operation is called, its status must be documented, and a JSON body must carry
// the schema's required properties (references resolved, nested objects checked).
#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <set>

#include "core/error_code.hpp"
#include "http/router.hpp"
#include "http/routes.hpp"
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

const char* const kMethods[] = {"get", "post", "put", "patch", "delete"};

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Codes every route can answer (the router's and the connection's).
std::set<std::string> everywhere_codes(const YAML::Node& root) {
  std::set<std::string> out;
  for (const auto& c : root["x-error-codes-everywhere"]) out.insert(c.as<std::string>());
  return out;
}

// The route table and the document list the same operations, each way.
TEST(OpenApi, RouteTableAndDocumentAgree) {
  auto root = spec();
  auto routes = api::api_routes();
  std::set<std::pair<std::string, std::string>> routed, documented;
  std::set<std::string> any_method;  // paths a route answers whatever the method
  for (const auto& r : routes) {
    if (r.method == http::Method::any) any_method.insert(std::string(r.path));
    else routed.insert({std::string(r.path), lower(http::method_name(r.method))});
  }
  for (const auto& p : root["paths"]) {
    auto path = p.first.as<std::string>();
    for (const char* m : kMethods)
      if (p.second[m]) documented.insert({path, m});
  }
  for (const auto& [path, method] : routed)
    EXPECT_TRUE(documented.count({path, method})) << method << " " << path << " is routed but not in openapi.yaml";
  for (const auto& path : any_method) EXPECT_TRUE(root["paths"][path]) << path << " is routed but not in openapi.yaml";
  for (const auto& [path, method] : documented)
    EXPECT_TRUE(routed.count({path, method}) || any_method.count(path))
        << method << " " << path << " is in openapi.yaml but no route answers it";
}

// Every code the document names is in the error table with the status the operation
// documents; every code a client can see is named somewhere.
TEST(OpenApi, ErrorCodesAgreeWithTheTable) {
  auto root = spec();
  std::set<std::string> named = everywhere_codes(root);
  ASSERT_FALSE(named.empty()) << "x-error-codes-everywhere is missing";
  for (const auto& name : named) {
    auto code = error_code_named(name);
    ASSERT_TRUE(code) << name << " (x-error-codes-everywhere) is not in core/error_code.hpp";
    EXPECT_EQ(info(*code).exposure, Exposure::shown) << name << " never reaches a client as itself";
  }
  for (const auto& p : root["paths"]) {
    for (const char* m : kMethods) {
      auto op = p.second[m];
      if (!op) continue;
      std::string where = std::string(m) + " " + p.first.as<std::string>();
      ASSERT_TRUE(op["x-error-codes"]) << where << " has no x-error-codes";
      for (const auto& c : op["x-error-codes"]) {
        auto name = c.as<std::string>();
        auto code = error_code_named(name);
        ASSERT_TRUE(code) << where << ": " << name << " is not in core/error_code.hpp";
        EXPECT_EQ(info(*code).exposure, Exposure::shown) << where << ": " << name << " never reaches a client";
        EXPECT_TRUE(op["responses"][std::to_string(info(*code).status)])
            << where << ": " << name << " answers " << info(*code).status << ", not in its responses";
        named.insert(name);
      }
    }
  }
  for (auto c = error_codes_begin(); c != error_codes_end(); ++c) {
    if (c->exposure != Exposure::shown) continue;
    EXPECT_TRUE(named.count(std::string(c->name))) << c->name << " is answered by no documented operation";
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
    if (r.status >= 400 && r.header("content-type").find("application/json") != std::string::npos) {
      // The error's code is one the operation (or every route) lists.
      std::string code(json::parse(r.body).at("error").at("code").as_string());
      std::set<std::string> listed = everywhere_codes(root);
      for (const auto& c : op["x-error-codes"]) listed.insert(c.as<std::string>());
      EXPECT_TRUE(listed.count(code)) << target << " answered " << code << ", not in its x-error-codes";
    }
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
