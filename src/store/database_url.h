// Where the data lives: `sqlite:PATH` or `postgresql://user[:password]@host[:port]/db[?params]`.
// Parsed once at the edge; `masked()` is the only form that may be printed or logged.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace haven::store {

enum class Backend { kSqlite, kPostgres };
const char* backend_name(Backend b);  // "sqlite" | "postgresql"

struct DatabaseUrl {
  Backend backend = Backend::kSqlite;
  std::string text;         // as given (may hold a password: never log it)
  std::string sqlite_path;  // for kSqlite: the file path (":memory:" allowed in tests)

  // The URL with any password replaced by "***".
  std::string masked() const;

  // PostgreSQL only (empty for SQLite). The password, percent-decoded, for handing to a child
  // process through PGPASSWORD rather than its command line.
  std::string password() const;
  // The URL with the password removed (not masked), for a child process's command line.
  std::string without_password() const;
  // The database name from the path ("haven" in postgresql://u@h/haven), percent-decoded.
  std::string database_name() const;
  // The same server and credentials, another database (tests, backup tooling).
  DatabaseUrl with_database(std::string_view name) const;

  // Accepts sqlite:PATH, sqlite://PATH, postgresql://… and postgres://….
  static core::Result<DatabaseUrl> parse(std::string_view text);
};

inline constexpr std::string_view kDefaultDatabaseUrl = "sqlite:var/haven.db";

}  // namespace haven::store
