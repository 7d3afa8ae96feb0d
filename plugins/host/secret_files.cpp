#include "plugins/host/secret_files.hpp"

#include <boost/json.hpp>

#include "core/secret_file.hpp"

namespace guichet::plugins {
namespace {

namespace json = boost::json;
constexpr std::string_view kSuffix = "_file";

const json::object* properties_of(const json::value& schema) {
  if (!schema.is_object()) return nullptr;
  auto it = schema.as_object().find("properties");
  return it != schema.as_object().end() && it->value().is_object() ? &it->value().as_object() : nullptr;
}

void resolve(const json::value& schema, json::value& config, const std::string& path, std::vector<std::string>& faults) {
  if (config.is_array()) {
    if (!schema.is_object()) return;
    auto items = schema.as_object().find("items");
    if (items == schema.as_object().end()) return;
    auto& array = config.as_array();
    for (std::size_t i = 0; i < array.size(); ++i)
      resolve(items->value(), array[i], path + "[" + std::to_string(i) + "]", faults);
    return;
  }
  const json::object* properties = properties_of(schema);
  if (!config.is_object() || !properties) return;
  auto& object = config.as_object();
  std::vector<std::string> keys;
  for (const auto& member : object) keys.emplace_back(member.key());
  for (const auto& key : keys) {
    const bool suffixed = key.size() > kSuffix.size() && key.compare(key.size() - kSuffix.size(), kSuffix.size(), kSuffix) == 0;
    const std::string target = suffixed ? key.substr(0, key.size() - kSuffix.size()) : "";
    if (suffixed && properties->contains(target) && !properties->contains(key)) {
      const std::string where = path + "." + key;
      if (!object.at(key).is_string()) {
        faults.push_back(where + " : le chemin d'un fichier secret est un texte");
        continue;
      }
      if (object.contains(target)) {
        faults.push_back(where + " : « " + target + " » est aussi donné en clair ; gardez l'un des deux");
        continue;
      }
      auto secret = read_secret_file(std::string(object.at(key).as_string()));
      if (!secret.ok()) {
        faults.push_back(where + " : " + secret.error().message);
        continue;
      }
      object.erase(key);
      object[target] = *secret;
    } else if (properties->contains(key)) {
      resolve(properties->at(key), object.at(key), path + "." + key, faults);
    }
  }
}

}  // namespace

std::vector<std::string> resolve_secret_files(const json::value& schema, json::value& config) {
  std::vector<std::string> faults;
  resolve(schema, config, "config", faults);
  return faults;
}

}  // namespace guichet::plugins
