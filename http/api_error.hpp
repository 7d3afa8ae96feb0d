// Contract errors for the API routes: status + machine code + French message (+ fields).
#pragma once

#include <map>
#include <string>

namespace guichet::api {

struct ApiError {
  unsigned status = 500;
  std::string code;
  std::string message;
  std::map<std::string, std::string> fields = {};
};

}  // namespace guichet::api
