// Database::open dispatches on the URL's backend; the rest of the shared Database/Tx behaviour.
#include "store/database.h"

#include <spdlog/spdlog.h>

#include "store/postgres/postgres_database.h"
#include "store/sqlite/sqlite_database.h"

namespace haven::store {

std::unique_ptr<Database> Database::open(const DatabaseUrl& url, const OpenOptions& options) {
  switch (url.backend) {
    case Backend::kSqlite:
      return open_sqlite(url, options);
    case Backend::kPostgres:
      return open_postgres(url, options);
  }
  throw DbError(DbError::Kind::kOther, "unknown database backend for " + url.masked());
}

std::optional<Row> Tx::query_one(std::string_view sql, const Params& p) {
  Rows rows = c_.query(sql, p);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

core::Error to_error(const DbError& e) {
  if (e.kind() == DbError::Kind::kOther) {
    spdlog::error("database error: {}", e.what());
  } else {
    spdlog::warn("database {}: {}",
                 e.kind() == DbError::Kind::kUnavailable ? "unavailable"
                 : e.kind() == DbError::Kind::kBusy      ? "busy"
                                                         : "constraint violated",
                 e.what());
  }
  switch (e.kind()) {
    case DbError::Kind::kUnavailable:
      return core::Error::unavailable(
          "The database is not reachable right now; try again shortly.");
    case DbError::Kind::kConstraint:
      return core::Error::conflict(
          "The change conflicts with data already stored (a duplicate or a missing reference).");
    case DbError::Kind::kBusy:
      return core::Error::unavailable("The database is busy right now; try again shortly.");
    case DbError::Kind::kOther:
      break;
  }
  return core::Error::internal("An unexpected database error occurred; it has been logged.");
}

}  // namespace haven::store
