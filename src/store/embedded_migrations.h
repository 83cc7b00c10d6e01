// The migration files compiled into the binary, as the build found them (see
// EmbedMigrations.cmake). Internal to store/: everyone else uses embedded_migrations() from
// migrator.h, which adds checksums.
#pragma once

#include <string_view>
#include <vector>

#include "store/database_url.h"

namespace haven::store {

struct EmbeddedMigrationFile {
  int number = 0;
  std::string_view name;  // "0001_base.sql"
  std::string_view sql;   // the file's bytes, exactly
};

// Sorted by number. Defined in the generated embedded_migrations.cpp.
const std::vector<EmbeddedMigrationFile>& embedded_migration_files(Backend backend);

}  // namespace haven::store
