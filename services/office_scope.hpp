// The two checks every office call makes: the actor's role allows the action, and the
// registration belongs to the actor's académie (otherwise it does not exist for them).
#pragma once

#include <optional>

#include "core/result.hpp"
#include "db/registrations_repository.hpp"
#include "services/audit.hpp"
#include "services/office_service.hpp"
#include "services/registration_context.hpp"
#include "services/staff_roles.hpp"

namespace guichet::services {

inline Status need(const Actor& by, Right right) {
  if (!allows(by.roles, right)) return Error{ErrorCode::forbidden, "Votre rôle ne permet pas cette action."};
  return Status::Ok();
}

struct OfficeService::Scoped {
  db::RegistrationRow row;
  std::optional<Context> ctx;  // absent when the rules no longer describe the session
};

// "staff:<id>": how histories name an office author.
inline std::string staff_author(const Actor& by) { return "staff:" + by.id; }

}  // namespace guichet::services
