#include "http/json_error.hpp"

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace guichet::http {

void write_json(Response& res, unsigned status, const boost::json::value& body) {
  res.result(static_cast<boost::beast::http::status>(status));
  res.set(boost::beast::http::field::content_type, kJsonContentType);
  res.set(boost::beast::http::field::cache_control, "no-store");
  res.body() = boost::json::serialize(body);
}

void write_json_error(Response& res, ErrorCode code, std::string_view message,
                      const std::map<std::string, std::string>& fields) {
  const ErrorCodeInfo& c = info(code);
  boost::json::object err{{"code", c.name}, {"message", message.empty() ? c.message : message}};
  if (!fields.empty()) {
    boost::json::object f;
    for (const auto& [k, v] : fields) f[k] = v;
    err["fields"] = std::move(f);
  }
  write_json(res, c.status, boost::json::object{{"error", std::move(err)}});
}

}  // namespace guichet::http
