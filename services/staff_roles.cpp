#include "services/staff_roles.hpp"

#include <array>
#include <utility>

namespace guichet::services {
namespace {

// Sorted by name: roles_text() writes them in this order.
constexpr std::array<std::pair<std::string_view, Role>, 4> kNames = {{
    {"admin", kAdmin},
    {"auditor", kAuditor},
    {"manager", kManager},
    {"rules_editor", kRulesEditor},
}};

}  // namespace

bool allows(unsigned roles, Right right) {
  switch (right) {
    case Right::read_registrations: return roles & (kManager | kAuditor);
    case Right::change_registrations: return roles & kManager;
    case Right::read_rules: return roles & (kRulesEditor | kAuditor | kManager);
    case Right::change_rules: return roles & kRulesEditor;
    case Right::read_audit: return roles & (kAuditor | kAdmin);
    case Right::manage_staff: return roles & kAdmin;
  }
  return false;
}

std::optional<unsigned> parse_roles(std::string_view text) {
  unsigned roles = 0;
  while (!text.empty()) {
    auto comma = text.find(',');
    std::string_view name = text.substr(0, comma);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    bool known = false;
    for (const auto& [n, role] : kNames)
      if (n == name) {
        roles |= role;
        known = true;
      }
    if (!known) return std::nullopt;
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  if (roles == 0) return std::nullopt;
  return roles;
}

std::string roles_text(unsigned roles) {
  std::string out;
  for (const auto& [name, role] : kNames)
    if (roles & role) {
      if (!out.empty()) out += ',';
      out += name;
    }
  return out;
}

}  // namespace guichet::services
