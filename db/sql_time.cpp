#include "db/sql_time.hpp"

#include <date/date.h>

#include <sstream>

namespace guichet::db_detail {

std::string to_sql_time(Instant t) { return date::format("%FT%TZ", t); }

Result<Instant> from_sql_time(std::string_view text) {
  std::istringstream in{std::string(text)};
  Instant t;
  in >> date::parse("%FT%TZ", t);
  if (in.fail()) return Error{ErrorCode::database_error, "Date illisible dans la base de données."};
  return t;
}

std::string sql_time_column(bool postgresql, std::string_view column) {
  if (!postgresql) return std::string(column);
  return "to_char(" + std::string(column) + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";
}

}  // namespace guichet::db_detail
