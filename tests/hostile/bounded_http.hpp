// One HTTP request on loopback that gives up after a bound: a server stuck in a script must
// fail the test, not hang it.
#pragma once

#include <chrono>
#include <map>
#include <string>

namespace guichet::testing::hostile {

struct Answer {
  bool answered = false;  // a whole response arrived within the bound
  std::string failure;    // why not
  unsigned status = 0;
  std::string body;
  std::chrono::milliseconds took{0};
};

Answer request(unsigned short port, const std::string& method, const std::string& target, const std::string& body,
               const std::map<std::string, std::string>& headers, std::chrono::milliseconds bound);

inline Answer get(unsigned short port, const std::string& target,
                  std::chrono::milliseconds bound = std::chrono::seconds(5)) {
  return request(port, "GET", target, "", {}, bound);
}

}  // namespace guichet::testing::hostile
