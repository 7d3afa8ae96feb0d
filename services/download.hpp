// A stored file on its way to a candidate: bytes, the name to offer, the type by content.
#pragma once

#include <string>

namespace guichet::services {

struct Download {
  std::string bytes, file_name, content_type;
  int version = 0;  // documents only
};

}  // namespace guichet::services
