// Turns a SOCI exception into an Error value: classified, logged in full, SQL-free outside.
#pragma once

#include <exception>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace guichet::db_detail {

// Lock conflicts worth retrying: SQLite BUSY/LOCKED, PostgreSQL class 40 (serialization
// failure, deadlock).
bool is_retryable(const std::exception& e);

// The exception's text for the log: one line, and without the values SOCI appends to it
// (`with :email="…"`), which may be personal data or secrets. The SQL text stays: it is
// what an operator needs.
std::string describe(const std::exception& e);

// Logs the detail at error level; error codes: "constraint_violation" (a unique or foreign key rule said no),
// "database_unavailable" (connection lost), "database_error" (anything else).
Error to_error(const std::exception& e, std::string_view during);

}  // namespace guichet::db_detail
