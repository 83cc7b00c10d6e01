// SQLite handle helpers and result-code mapping.
#include "store/sqlite/sqlite_handle.h"

#include <mutex>

#include "store/sqlite/mapped_vfs.h"

namespace haven::store::sqlite {

DbError::Kind kind_of(int rc) {
  // A STRICT table refusing a value of the wrong type is a programming error, as PostgreSQL's
  // "invalid input syntax" is, not a conflict with stored data.
  if (rc == SQLITE_CONSTRAINT_DATATYPE) return DbError::Kind::kOther;
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
      return DbError::Kind::kConstraint;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return DbError::Kind::kBusy;
    case SQLITE_CANTOPEN:
    case SQLITE_NOTADB:
    case SQLITE_IOERR:
    case SQLITE_FULL:
      return DbError::Kind::kUnavailable;
    default:
      return DbError::Kind::kOther;
  }
}

DbError error(sqlite3* db, int rc, std::string_view where, std::string_view sql) {
  std::string message(where);
  message += ": ";
  // For an open that failed, sqlite3_errmsg may describe the handle; errstr(rc) is the fallback.
  const char* detail = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  message += detail != nullptr ? detail : sqlite3_errstr(rc);
  if (!sql.empty()) {
    constexpr size_t kShown = 200;
    message += " (while running: ";
    message += sql.substr(0, kShown);
    if (sql.size() > kShown) message += "…";
    message += ")";
  }
  return DbError(kind_of(rc), message);
}

DbHandle open(const std::string& path, int flags, int busy_timeout_ms, bool mapped) {
  // Nothing in haven reads sqlite3_status, and keeping the memory statistics takes a global
  // mutex around every SQLite allocation (about 4 % of a bulk load's CPU). SQLite accepts the
  // setting only before it initialises, so it is made once, before the first connection.
  static std::once_flag memstatus_off;
  std::call_once(memstatus_off, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, mapped ? mapped_vfs() : nullptr);
  DbHandle db(raw);
  if (rc != SQLITE_OK) {
    std::string reason = raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    throw DbError(kind_of(rc) == DbError::Kind::kOther ? DbError::Kind::kUnavailable : kind_of(rc),
                  "cannot open SQLite database " + path + ": " + reason);
  }
  sqlite3_extended_result_codes(db.get(), 1);
  sqlite3_busy_timeout(db.get(), busy_timeout_ms);
  // Through the mapped VFS, SQLite reads pages in place (xFetch) rather than copying each into its
  // page cache, which in WAL mode it empties whenever another connection has committed. Any size
  // above 0 turns that on; the VFS maps the whole file whatever the figure (mapped_vfs.h).
  if (mapped)
    exec(db.get(), "PRAGMA mmap_size = 1073741824", "cannot open SQLite database " + path);
  return db;
}

void exec(sqlite3* db, std::string_view sql, std::string_view where) {
  std::string text(sql);  // sqlite3_exec needs a terminated string
  int rc = sqlite3_exec(db, text.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) throw error(db, rc, where, sql);
}

std::string query_text(sqlite3* db, std::string_view sql, std::string_view where) {
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
  StmtHandle stmt(raw);
  if (rc != SQLITE_OK) throw error(db, rc, where, sql);
  rc = sqlite3_step(stmt.get());
  if (rc == SQLITE_ROW) {
    const unsigned char* t = sqlite3_column_text(stmt.get(), 0);
    return t != nullptr ? std::string(reinterpret_cast<const char*>(t)) : std::string();
  }
  if (rc != SQLITE_DONE) throw error(db, rc, where, sql);
  return {};
}

std::string integrity_check(sqlite3* db, std::string_view where) {
  constexpr std::string_view kSql = "PRAGMA integrity_check";
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v2(db, kSql.data(), static_cast<int>(kSql.size()), &raw, nullptr);
  StmtHandle stmt(raw);
  if (rc != SQLITE_OK) throw error(db, rc, where, kSql);
  std::string out;
  while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
    const unsigned char* t = sqlite3_column_text(stmt.get(), 0);
    if (!out.empty()) out += "; ";
    out += t != nullptr ? reinterpret_cast<const char*>(t) : "";
  }
  if (rc != SQLITE_DONE) throw error(db, rc, where, kSql);
  return out;
}

int64_t user_table_count(sqlite3* db, std::string_view where) {
  std::string n = query_text(
      db,
      "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
      "ESCAPE '\\'",
      where);
  return n.empty() ? 0 : std::stoll(n);
}

}  // namespace haven::store::sqlite
