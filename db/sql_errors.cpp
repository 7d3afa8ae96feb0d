#include "db/sql_errors.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <sstream>

namespace guichet::db_detail {

bool is_retryable(const std::exception& e) {
  if (auto* lite = dynamic_cast<const soci::sqlite3_soci_error*>(&e)) {
    int primary = lite->result() & 0xff;
    return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
  }
  if (auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) return pg->sqlstate().rfind("40", 0) == 0;
  return false;
}

std::string describe(const std::exception& e) {
  std::string text = e.what();
  // SOCI ends with: while executing "SQL" with :a="…", :b=… .
  if (auto cut = text.rfind("\" with :"); cut != std::string::npos) text = text.substr(0, cut + 1) + " (valeurs omises)";
  std::string line;
  std::istringstream in(text);
  for (std::string part; std::getline(in, part);) {
    auto first = part.find_first_not_of(" \t\r");
    if (first == std::string::npos) continue;
    // PostgreSQL's DETAIL repeats the offending values ("Key (email)=(…) already exists");
    // a line of carets only points into the SQL.
    if (part.compare(first, 7, "DETAIL:") == 0) continue;
    if (part.find_first_not_of(" \t\r^") == std::string::npos) continue;
    for (std::size_t i = first; i < part.size(); ++i) {
      char c = part[i] == '\t' || part[i] == '\r' ? ' ' : part[i];
      if (c == ' ' && (line.empty() || line.back() == ' ')) continue;
      line += c;
    }
    if (!line.empty() && line.back() != ' ') line += ' ';
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line;
}

Error to_error(const std::exception& e, std::string_view during) {
  spdlog::error("base de données ({}) : {}", during, describe(e));
  if (auto* soci_error = dynamic_cast<const soci::soci_error*>(&e)) {
    switch (soci_error->get_error_category()) {
      case soci::soci_error::constraint_violation:
        return {ErrorCode::constraint_violation, "Cette opération contredit une donnée déjà enregistrée."};
      case soci::soci_error::connection_error:
        return {ErrorCode::database_unavailable, "La base de données ne répond pas. Veuillez réessayer plus tard."};
      default:
        break;
    }
    if (auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
      std::string state = pg->sqlstate();
      if (state.rfind("23", 0) == 0)
        return {ErrorCode::constraint_violation, "Cette opération contredit une donnée déjà enregistrée."};
      if (state.rfind("08", 0) == 0 || state.rfind("57P", 0) == 0)
        return {ErrorCode::database_unavailable, "La base de données ne répond pas. Veuillez réessayer plus tard."};
    }
    if (auto* lite = dynamic_cast<const soci::sqlite3_soci_error*>(&e)) {
      if ((lite->result() & 0xff) == SQLITE_CONSTRAINT)
        return {ErrorCode::constraint_violation, "Cette opération contredit une donnée déjà enregistrée."};
    }
  }
  return {ErrorCode::database_error, "La base de données a rencontré une erreur. Veuillez réessayer plus tard."};
}

}  // namespace guichet::db_detail
