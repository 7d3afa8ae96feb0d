#include "http/views/office_registration_view.hpp"

#include <boost/json.hpp>

#include "http/views/registration_view.hpp"

namespace guichet::views {
namespace json = boost::json;

json::object office_registration(const services::OfficeRegistration& r) {
  json::object out = registration(r.registration);
  if (const auto& a = r.candidate)
    out["candidate"] = json::object{{"account_id", a->id},          {"email", a->email},
                                    {"last_name", a->last_name},    {"first_name", a->first_name},
                                    {"birth_date", a->birth_date},  {"birth_place", a->birth_place},
                                    {"nationality", a->nationality}, {"phone", a->phone}};
  return out;
}

}  // namespace guichet::views
