// A registration together with the rules that govern it: shared by the services that act on
// one registration (registrations, pieces, documents). Ownership is checked here once:
// anything that is not the caller's is "not_found", never "forbidden".
#pragma once

#include <boost/json/object.hpp>

#include <memory>
#include <string>

#include "core/result.hpp"
#include "core/rules.hpp"
#include "db/database.hpp"
#include "db/registrations_repository.hpp"
#include "mail/templates.hpp"

namespace guichet::services {

struct Context {
  std::shared_ptr<const RuleSet> rules;
  const Academy* academy = nullptr;
  const Session* session = nullptr;
  const Exam* exam = nullptr;
};

struct Owned {
  db::RegistrationRow row;
  Context ctx;
};

Error registration_not_found();
Result<Context> context_for(Rules& rules, const std::string& academy, const std::string& exam,
                            const std::string& session);
// The caller's registration; "not_found" for anyone else's.
Result<db::RegistrationRow> owned_row(Database& db, const std::string& account_id, const std::string& id);
// The caller's registration with its rules.
Result<Owned> load_owned(Database& db, Rules& rules, const std::string& account_id, const std::string& id);

// A registration as the API shows it (the office adds to it); `rules` may be null.
boost::json::object registration_json(const db::RegistrationRow& r, const RuleSet* rules);

// What the registration mails say about a registration.
mail::RegistrationMailData registration_mail_data(const db::RegistrationRow& r, const Context& c);

}  // namespace guichet::services
