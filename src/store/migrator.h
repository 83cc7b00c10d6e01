// Schema migrations: numbered SQL files per backend (migrations/sqlite/NNNN_name.sql,
// migrations/postgres/NNNN_name.sql), embedded in the binary at build time, checksummed (BLAKE2b),
// forward-only, each applied in its own transaction and recorded in `schema_migrations`.
// An applied migration whose file has since changed stops everything, naming the file.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "store/database.h"

namespace haven::store {

struct Migration {
  int number = 0;
  std::string name;      // file name, e.g. "0001_base.sql"
  std::string sql;
  std::string checksum;  // hex BLAKE2b-256 of `sql`
};

struct MigrationStatus {
  int number = 0;
  std::string name;
  bool applied = false;
  std::optional<core::Timestamp> applied_at;
  bool changed = false;  // applied, but the embedded file's checksum differs from the recorded one
  bool unknown = false;  // recorded in the database but not known to this binary (a newer haven's)
};

// Hex BLAKE2b-256 of a migration's SQL, as recorded in schema_migrations.checksum.
std::string migration_checksum(std::string_view sql);

// The migrations compiled into this binary for a backend, in order.
const std::vector<Migration>& embedded_migrations(Backend backend);

class Migrator {
 public:
  explicit Migrator(Database& db, const core::Clock& clock = core::SystemClock::instance());
  // With a given list (tests, tools); a Migration with an empty checksum gets it computed.
  Migrator(Database& db, std::vector<Migration> migrations, const core::Clock& clock);

  // Every known migration with its state, then any the database has that this binary does not
  // know (unknown = true, applied = true, name as recorded).
  core::Result<std::vector<MigrationStatus>> status();
  // Applies pending migrations in order; returns how many. Refuses (kConflict) if an applied
  // migration changed or the database has migrations this binary does not know (it is newer).
  core::Result<int> apply_pending();
  // Ok when every migration is applied and unchanged; otherwise an error saying what is not.
  core::Status check_current();

 private:
  Database& db_;
  std::vector<Migration> migrations_;
  const core::Clock& clock_;
};

}  // namespace haven::store
