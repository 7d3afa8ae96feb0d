// Secrets of a plugin's configuration kept in their own files (readable by guichet alone), out
// of <name>.json: a member "<key>_file": "/path" stands for "<key>": the file's first line, when
// the plugin's schema declares "<key>" and no "<key>_file" of its own (the SMTP plugin's own
// "ca_file" is a path it reads, and stays one). Resolved before validation, so the schema judges
// the secret as if it were written in place.
#pragma once

#include <boost/json/value.hpp>

#include <string>
#include <vector>

namespace guichet::plugins {

// Replaces every such member of `config` in place (objects through the schema's properties,
// arrays through its items); faults in French, as "config.path : message".
std::vector<std::string> resolve_secret_files(const boost::json::value& schema, boost::json::value& config);

}  // namespace guichet::plugins
