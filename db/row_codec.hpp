// Small helpers to read rows portably across SQLite and PostgreSQL.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>

#include "core/clock.hpp"
#include "db/sql_time.hpp"

namespace guichet::db_detail {

inline std::string text(const soci::row& r, std::size_t i) {
  return r.get_indicator(i) == soci::i_null ? std::string() : r.get<std::string>(i);
}

inline long long integer(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return 0;
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_integer: return r.get<int>(i);
    case soci::dt_long_long: return r.get<long long>(i);
    case soci::dt_unsigned_long_long: return static_cast<long long>(r.get<unsigned long long>(i));
    case soci::dt_double: return static_cast<long long>(r.get<double>(i));
    default: return std::stoll(r.get<std::string>(i));
  }
}

inline Instant instant(const soci::row& r, std::size_t i) {
  auto t = from_sql_time(text(r, i));
  return t.ok() ? *t : Instant{};
}

inline std::optional<Instant> maybe_instant(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return std::nullopt;
  return instant(r, i);
}

}  // namespace guichet::db_detail
