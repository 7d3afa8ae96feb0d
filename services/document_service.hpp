// "Mes documents" beyond the summary: documents the office publishes to a registration
// (convocation, relevé de notes, ...). Each publication is a new version; candidates see and
// download the latest of each type, the office keeps every version.
#pragma once

#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/events.hpp"
#include "core/result.hpp"
#include "core/rules.hpp"
#include "db/database.hpp"
#include "db/documents_repository.hpp"
#include "db/file_store.hpp"
#include "services/audit.hpp"
#include "services/document_entry.hpp"
#include "services/download.hpp"

namespace guichet::services {

// A document type's label as the académie declares it (`academy` may be null), else a
// title made from the code (a type published before the list changed).
std::string document_title(const Academy* academy, const std::string& type);

class DocumentService {
 public:
  DocumentService(Database& db, db::FileStore& files, const Clock& clock, EventBus& events, Rules& rules);

  // A new version of document `type` ("convocation", "releve_notes", ...; PDF only). The
  // publishing API comes with the back office; this is its storage. Returns the version.
  Result<int> publish(const std::string& registration_id, const std::string& type, const std::string& pdf,
                      const std::string& file_name, const std::string& publisher,
                      const AlsoInTransaction& also = {});
  // The caller's registration's published documents, latest version of each type.
  Result<std::vector<DocumentEntry>> latest(const std::string& account_id, const std::string& registration_id);
  Result<Download> download(const std::string& account_id, const std::string& registration_id,
                            const std::string& type);
  // Every version, for the office.
  Result<std::vector<db::DocumentRow>> history(const std::string& registration_id);

  // The French title of a document type.
  static std::string title_of(const std::string& type);


 private:
  Database& db_;
  db::FileStore& files_;
  const Clock& clock_;
  EventBus& events_;
  Rules& rules_;
};

}  // namespace guichet::services
