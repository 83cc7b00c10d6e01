// The SQLite backend: one writer connection (writes serialise in-process, BEGIN IMMEDIATE across
// processes) and a pool of query-only readers that WAL lets run beside it. Internal to store/;
// everyone else gets it through Database::open("sqlite:PATH").
#pragma once

#include <memory>

#include "store/database.h"

namespace haven::store {

// Opens (creating the file and its folder when `options.create`) and configures the database:
// WAL, synchronous=FULL, foreign_keys=ON, busy timeout. ":memory:" uses a single connection for
// reads and writes, so readers see what the writer wrote (and a read() nested in a write() waits
// for it). Throws DbError naming the file.
std::unique_ptr<Database> open_sqlite(const DatabaseUrl& url, const OpenOptions& options);

}  // namespace haven::store
