// A small blocking HTTP/1.1 client for tests against a real server on loopback.
#pragma once

#include <map>
#include <string>

namespace guichet::testing {

struct HttpResponse {
  unsigned status = 0;
  std::map<std::string, std::string> headers;  // lower-case names; a repeated field's values joined by "\n"
  std::string body;
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

// One request on a fresh connection. Throws on connection errors (tests only).
HttpResponse http_request(unsigned short port, const std::string& method, const std::string& target,
                          const std::string& body = "", const std::map<std::string, std::string>& headers = {});

}  // namespace guichet::testing
