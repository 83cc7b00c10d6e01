// Consistent copies of a database while it is in use, and restore into an empty one.
// SQLite: the online backup API (pages copied in steps, so writers are not blocked for long).
// PostgreSQL: `pg_dump --format=custom` / `pg_restore`, run as child processes.
#pragma once

#include <string>

#include "core/result.h"
#include "store/database_url.h"

namespace haven::store {

struct BackupReport {
  std::string method;      // "sqlite online backup" | "pg_dump (custom format)"
  int64_t bytes = 0;       // size of the written file
  std::string integrity;   // e.g. "integrity_check ok" after a SQLite backup
};

// Writes a consistent snapshot of `source` to `file` (overwrites only if `force`).
core::Result<BackupReport> backup_database(const DatabaseUrl& source, const std::string& file,
                                           bool force = false);
// Restores `file` into `target`, which must be empty (no tables); refuses otherwise.
core::Result<BackupReport> restore_database(const std::string& file, const DatabaseUrl& target);

}  // namespace haven::store
