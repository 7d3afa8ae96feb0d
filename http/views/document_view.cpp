#include "http/views/document_view.hpp"

#include <boost/json.hpp>

#include "core/time_format.hpp"

namespace guichet::views {
namespace json = boost::json;

json::object document(const services::DocumentEntry& d) {
  json::object out{{"type", d.type},
                   {"title", d.title},
                   {"version", d.version},
                   {"date", format_rfc3339(std::chrono::floor<std::chrono::seconds>(d.date), d.zone)},
                   {"content_type", d.content_type}};
  if (d.size) out["size"] = *d.size;
  out["available"] = d.available;
  out["href"] = "/api/v1/registrations/" + d.registration_id + "/documents/" + d.type;
  return out;
}

json::array documents(const std::vector<services::DocumentEntry>& list) {
  json::array out;
  for (const auto& d : list) out.push_back(document(d));
  return out;
}

}  // namespace guichet::views
