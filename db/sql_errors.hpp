// Turns a SOCI exception into an Error value: classified, logged in full, SQL-free outside.
#pragma once

#include <exception>
#include <string_view>

#include "core/result.hpp"

namespace guichet::db_detail {

// Lock conflicts worth retrying: SQLite BUSY/LOCKED, PostgreSQL class 40 (serialization
// failure, deadlock).
bool is_retryable(const std::exception& e);

// Error codes: "constraint_violation" (a unique or foreign key rule said no),
// "database_unavailable" (connection lost), "database_error" (anything else).
Error to_error(const std::exception& e, std::string_view during);

}  // namespace guichet::db_detail
