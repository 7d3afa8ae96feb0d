// Validation of a plugin's configuration against the JSON Schema it declares. No C++ JSON
// Schema library is packaged in Debian 12, so this is the subset plugin configurations need,
// stated in plugins/README.md: type (object, array, string, integer, number, boolean, null),
// properties, required, additionalProperties (boolean), items, enum, minimum, maximum,
// minLength, maxLength, minItems, maxItems, default (ignored). Any other keyword in a schema is
// refused when the plugin loads, so a plugin never believes a constraint is checked when it
// is not.
#pragma once

#include <boost/json/value.hpp>

#include <string>
#include <vector>

namespace guichet::plugins {

// Faults of the schema itself (unknown keywords, wrong types), as "path: message".
std::vector<std::string> check_schema(const boost::json::value& schema);
// Faults of `value` against `schema`, as "config.path: message" in French.
std::vector<std::string> validate(const boost::json::value& schema, const boost::json::value& value);

}  // namespace guichet::plugins
