#include "plugins/host/json_schema.hpp"

#include <boost/json.hpp>

#include <set>

namespace guichet::plugins {
namespace json = boost::json;

namespace {

const std::set<std::string> kKeywords = {"type",     "properties", "required",  "additionalProperties",
                                         "items",    "enum",       "minimum",   "maximum",
                                         "minLength", "maxLength", "minItems",  "maxItems",
                                         "default",  "description", "title",    "$schema"};

void check_at(const json::value& schema, const std::string& path, std::vector<std::string>& faults) {
  if (!schema.is_object()) {
    faults.push_back(path + " : un schéma doit être un objet");
    return;
  }
  for (const auto& [k, v] : schema.as_object()) {
    std::string key(k);
    if (!kKeywords.count(key)) faults.push_back(path + " : mot-clé non pris en charge « " + key + " »");
  }
  const auto& o = schema.as_object();
  if (const auto* props = o.if_contains("properties")) {
    if (!props->is_object()) faults.push_back(path + ".properties : objet attendu");
    else
      for (const auto& [k, v] : props->as_object()) check_at(v, path + ".properties." + std::string(k), faults);
  }
  if (const auto* items = o.if_contains("items")) check_at(*items, path + ".items", faults);
  if (const auto* req = o.if_contains("required"); req && !req->is_array())
    faults.push_back(path + ".required : liste attendue");
}

bool has_type(const json::value& v, const std::string& type) {
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  if (type == "string") return v.is_string();
  if (type == "boolean") return v.is_bool();
  if (type == "null") return v.is_null();
  if (type == "integer") return v.is_int64() || v.is_uint64() || (v.is_double() && v.get_double() == static_cast<double>(static_cast<long long>(v.get_double())));
  if (type == "number") return v.is_number();
  return false;
}

double number_of(const json::value& v) { return v.to_number<double>(); }

std::size_t utf8_length(const json::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

void validate_at(const json::value& schema, const json::value& value, const std::string& path,
                 std::vector<std::string>& faults) {
  const auto& o = schema.as_object();
  if (const auto* type = o.if_contains("type")) {
    bool ok = false;
    if (type->is_string()) ok = has_type(value, std::string(type->as_string()));
    if (type->is_array())
      for (const auto& t : type->as_array()) ok |= t.is_string() && has_type(value, std::string(t.as_string()));
    if (!ok) {
      faults.push_back(path + " : type attendu " + json::serialize(*type));
      return;
    }
  }
  if (const auto* allowed = o.if_contains("enum"); allowed && allowed->is_array()) {
    bool found = false;
    for (const auto& a : allowed->as_array()) found |= a == value;
    if (!found) faults.push_back(path + " : valeur hors de " + json::serialize(*allowed));
  }
  if (value.is_number()) {
    if (const auto* min = o.if_contains("minimum"); min && min->is_number() && number_of(value) < number_of(*min))
      faults.push_back(path + " : au moins " + json::serialize(*min));
    if (const auto* max = o.if_contains("maximum"); max && max->is_number() && number_of(value) > number_of(*max))
      faults.push_back(path + " : au plus " + json::serialize(*max));
  }
  if (value.is_string()) {
    std::size_t n = utf8_length(value.as_string());
    if (const auto* min = o.if_contains("minLength"); min && min->is_number() && n < number_of(*min))
      faults.push_back(path + " : au moins " + json::serialize(*min) + " caractère(s)");
    if (const auto* max = o.if_contains("maxLength"); max && max->is_number() && n > number_of(*max))
      faults.push_back(path + " : au plus " + json::serialize(*max) + " caractère(s)");
  }
  if (value.is_array()) {
    const auto& a = value.as_array();
    if (const auto* min = o.if_contains("minItems"); min && min->is_number() && a.size() < number_of(*min))
      faults.push_back(path + " : au moins " + json::serialize(*min) + " élément(s)");
    if (const auto* max = o.if_contains("maxItems"); max && max->is_number() && a.size() > number_of(*max))
      faults.push_back(path + " : au plus " + json::serialize(*max) + " élément(s)");
    if (const auto* items = o.if_contains("items"))
      for (std::size_t i = 0; i < a.size(); ++i) validate_at(*items, a[i], path + "[" + std::to_string(i) + "]", faults);
  }
  if (value.is_object()) {
    const auto& obj = value.as_object();
    const json::object* props = o.if_contains("properties") ? o.at("properties").if_object() : nullptr;
    if (const auto* req = o.if_contains("required"); req && req->is_array())
      for (const auto& r : req->as_array())
        if (r.is_string() && !obj.contains(r.as_string()))
          faults.push_back(path + "." + std::string(r.as_string()) + " : obligatoire");
    const json::value* extra = o.if_contains("additionalProperties");
    for (const auto& [k, v] : obj) {
      const json::value* sub = props ? props->if_contains(k) : nullptr;
      if (sub) validate_at(*sub, v, path + "." + std::string(k), faults);
      else if (extra && extra->is_bool() && !extra->get_bool())
        faults.push_back(path + "." + std::string(k) + " : propriété inconnue");
    }
  }
}

}  // namespace

std::vector<std::string> check_schema(const json::value& schema) {
  std::vector<std::string> faults;
  check_at(schema, "schéma", faults);
  return faults;
}

std::vector<std::string> validate(const json::value& schema, const json::value& value) {
  std::vector<std::string> faults;
  validate_at(schema, value, "config", faults);
  return faults;
}

}  // namespace guichet::plugins
