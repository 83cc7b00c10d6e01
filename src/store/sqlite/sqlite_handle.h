// RAII owners for sqlite3 connections and statements, and the mapping of SQLite result codes to
// DbError kinds. Shared by the SQLite backend and the backup code; internal to store/.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>
#include <string_view>

#include "store/database.h"

namespace haven::store::sqlite {

struct CloseDb {
  void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
struct FinalizeStmt {
  void operator()(sqlite3_stmt* s) const noexcept { sqlite3_finalize(s); }
};
using DbHandle = std::unique_ptr<sqlite3, CloseDb>;
using StmtHandle = std::unique_ptr<sqlite3_stmt, FinalizeStmt>;

// The DbError kind for an SQLite (extended) result code.
DbError::Kind kind_of(int rc);

// A DbError for the failed call `rc` on `db`: "<where>: <sqlite message> [(while running: <sql>)]".
DbError error(sqlite3* db, int rc, std::string_view where, std::string_view sql = {});

// Opens `path` with `flags`, through the mapped VFS (mapped_vfs.h) if `mapped`; throws DbError
// naming the file on failure.
DbHandle open(const std::string& path, int flags, int busy_timeout_ms, bool mapped = false);

// Runs `sql` (no parameters, possibly several statements); throws DbError on failure.
void exec(sqlite3* db, std::string_view sql, std::string_view where);

// The first column of the first row of `sql` as text ("" when no row or NULL).
std::string query_text(sqlite3* db, std::string_view sql, std::string_view where);

// "ok", or the problems PRAGMA integrity_check found (joined by "; ").
std::string integrity_check(sqlite3* db, std::string_view where);

// Number of tables that are not SQLite's own.
int64_t user_table_count(sqlite3* db, std::string_view where);

}  // namespace haven::store::sqlite
