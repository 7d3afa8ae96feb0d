// A stored file on its way to a candidate: bytes, the name to offer, the type by content.
#pragma once

#include <string>

namespace guichet::services {

struct Download {
  std::string bytes, file_name, content_type;
  int version = 0;  // documents only
};

// Names offered for a registration's documents: the registration number and the version,
// so that two downloads never overwrite each other and the file says what it is.
// "recapitulatif-A13-BACPRO-2025-00001-v2.pdf".
inline std::string document_file_name(const std::string& type, const std::string& registration_number, int version,
                                      const std::string& extension = "pdf") {
  return type + "-" + registration_number + "-v" + std::to_string(version) + "." + extension;
}
inline std::string summary_file_name(const std::string& registration_number, int version) {
  return document_file_name("recapitulatif", registration_number, version);
}

}  // namespace guichet::services
