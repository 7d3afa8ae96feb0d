// "/a/b/c" -> {"a", "b", "c"}; empty segments are skipped (routes match on what remains).
#pragma once

#include <string_view>
#include <vector>

namespace guichet::http {

inline std::vector<std::string_view> path_segments(std::string_view path) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    out.push_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

}  // namespace guichet::http
