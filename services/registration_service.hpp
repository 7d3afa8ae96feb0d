// Registrations: save, read, modify, and the summary PDF. Every decision about windows,
// fields, pieces and offices comes from the rules (the scripts); none is made here.
#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/events.hpp"
#include "core/result.hpp"
#include "core/rules.hpp"
#include "db/database.hpp"
#include "services/candidate_config.hpp"
#include "services/document_entry.hpp"
#include "services/download.hpp"
#include "services/registration_context.hpp"

namespace guichet::services {

struct RegistrationHistory;  // services/office_service.hpp

struct RegistrationRequest {
  std::string academy, exam, session;
  boost::json::object answers;  // the candidate's free-form answers: data, not a view
};

class RegistrationService {
 public:
  RegistrationService(Database& db, const Clock& clock, EventBus& events, Rules& rules, CandidateConfig config);

  // `worker`: the calling thread's rules worker (its own Lua state).
  Result<RegistrationRecord> create(const std::string& account_id, const RegistrationRequest& request,
                                     unsigned worker);
  Result<std::vector<RegistrationRecord>> list(const std::string& account_id);
  // "not_found" for anything that is not the caller's.
  Result<RegistrationRecord> get(const std::string& account_id, const std::string& id);
  // `if_match`: the version the caller saw (ETag); "stale_version" when it moved on.
  Result<RegistrationRecord> modify(const std::string& account_id, const std::string& id,
                                    const boost::json::object& answers, std::optional<int> if_match,
                                    unsigned worker);
  // Always an error: candidates cannot withdraw themselves (the message names the office).
  Error withdraw(const std::string& account_id, const std::string& id);
  // The PDF, named "recapitulatif-<registration number>-v<version>.pdf".
  Result<Download> summary_pdf(const std::string& account_id, const std::string& id);
  // The registration's deadlines (end of registrations, of modifications, of the pieces or
  // the postal sending) as an iCalendar file in the académie's zone, named
  // "inscription-<registration number>.ics".
  Result<Download> calendar(const std::string& account_id, const std::string& id);
  // "Mes documents": the latest version of each document of the registration. The summary's
  // version is the registration's (re-issued at each modification; every version stays
  // reproducible from the kept history).
  Result<std::vector<DocumentEntry>> documents(const std::string& account_id, const std::string& id);
  // Every version the candidate's registration went through (the export of their data): the
  // office's changes say "the office", never which person.
  Result<RegistrationHistory> history(const std::string& account_id, const std::string& id);

 private:
  Database& db_;
  const Clock& clock_;
  EventBus& events_;
  Rules& rules_;
  CandidateConfig config_;
};

}  // namespace guichet::services
