// Instants in the database: UTC text with microseconds ("2024-11-13T18:00:00.000000Z"), which
// sorts as time in SQLite and casts to TIMESTAMPTZ in PostgreSQL.
#pragma once

#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace guichet::db_detail {

std::string to_sql_time(Instant t);
Result<Instant> from_sql_time(std::string_view text);
// The SELECT expression that reads column `column` back in that text form, per backend.
std::string sql_time_column(bool postgresql, std::string_view column);

}  // namespace guichet::db_detail
