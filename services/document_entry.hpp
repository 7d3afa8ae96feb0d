// One line of "Mes documents": the summary the registration issues, or a document the office
// published. The registration's and the document service's lists share it.
#pragma once

#include <optional>
#include <string>

#include "core/clock.hpp"

namespace date {
class time_zone;
}

namespace guichet::services {

struct DocumentEntry {
  std::string registration_id;
  std::string type;   // "recapitulatif", "convocation", ...
  std::string title;  // in French
  int version = 1;
  Instant date{};  // when this version was issued
  std::string content_type;
  std::optional<long long> size;  // known for published files only
  bool available = true;          // the summary stops being downloadable at the close
  const date::time_zone* zone = nullptr;  // the académie's
};

}  // namespace guichet::services
