// What of a database URL may go to a log: everything but its password, whether in the user
// part (postgresql://user:secret@host/db) or as a parameter (?password=secret).
#pragma once

#include <string>
#include <string_view>

namespace guichet::db {

std::string redact_url(std::string_view url);

}  // namespace guichet::db
