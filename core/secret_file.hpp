// A secret kept in a file of its own (readable by the service alone), out of the process list,
// the environment and the configuration a colleague reads: the database password, a plugin's
// SMTP password or webhook key. Its first line, without the line ending.
#pragma once

#include <filesystem>
#include <string>

#include "core/result.hpp"

namespace guichet {

// An unreadable, empty or oversized (over 4 KiB) file is an error, in French, naming the path:
// a server that silently connects without its secret is worse than one that stops and says why.
Result<std::string> read_secret_file(const std::filesystem::path& path);

}  // namespace guichet
