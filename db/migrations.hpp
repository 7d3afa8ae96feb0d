// Numbered schema migrations, applied at start and by `guichet migrate`. Adding one is one
// entry at the end of the table in migrations.cpp; a shipped migration never changes.
#pragma once

#include "core/result.hpp"
#include "db/database.hpp"

namespace guichet {

// Applies every migration the database lacks, each in its own transaction. Safe when several
// servers start at once (PostgreSQL advisory lock; SQLite's write lock). Refuses a database
// migrated by a newer guichet ("schema_too_new").
Status migrate(Database& db);

int latest_schema_version();
// 0 for a database never migrated.
Result<int> current_schema_version(Database& db);

}  // namespace guichet
