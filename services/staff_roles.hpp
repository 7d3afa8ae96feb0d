// What each staff role may do. Every right is scoped to the user's own académie; the roles
// only say which kinds of action. A user may hold several roles.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace guichet::services {

enum Role : unsigned {
  kManager = 1,      // registrations, pieces, documents
  kRulesEditor = 2,  // scripts: submit, analyse, activate, roll back
  kAuditor = 4,      // read only, including the audit log
  kAdmin = 8,        // the académie's staff accounts
};

enum class Right {
  read_registrations,
  change_registrations,
  read_rules,
  change_rules,
  read_audit,
  manage_staff,
};

bool allows(unsigned roles, Right right);
// "admin,manager" <-> bits; nothing when a name is unknown or the list is empty.
std::optional<unsigned> parse_roles(std::string_view text);
std::string roles_text(unsigned roles);

}  // namespace guichet::services
