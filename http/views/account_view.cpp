#include "http/views/account_view.hpp"

namespace guichet::views {

boost::json::object account(const services::AccountView& a) {
  return {{"id", a.id},
          {"email", a.email},
          {"status", a.status},
          {"last_name", a.identity.last_name},
          {"first_name", a.identity.first_name},
          {"birth_date", a.identity.birth_date},
          {"birth_place", a.identity.birth_place},
          {"nationality", a.identity.nationality},
          {"phone", a.identity.phone},
          {"personal_data_locked", a.personal_data_locked}};
}

}  // namespace guichet::views
