// The SQLite backend: one writer connection (writes serialise in-process, BEGIN IMMEDIATE across
// processes) and a pool of query-only readers that WAL lets run beside it. Internal to store/;
// everyone else gets it through Database::open("sqlite:PATH").
#pragma once

#include <memory>

#include "store/database.h"

namespace haven::store {

// The page size of every SQLite database haven creates (an existing file keeps the size it was made
// with: a WAL database cannot change it). 16 KiB rather than SQLite's 4 KiB because SQLite reads
// one page per system call, and on this kind of machine entering the kernel is dear: a statistics
// release over a million children made 559,401 reads at 4 KiB and ran 12 % faster at 16 KiB, with
// the server's mixed load, the generator and the tests unchanged (docs/PERFORMANCE.md, "16 KiB
// pages").
inline constexpr int kSqlitePageSize = 16384;

// Opens (creating the file and its folder when `options.create`) and configures the database:
// WAL, synchronous=FULL, foreign_keys=ON, busy timeout. ":memory:" uses a single connection for
// reads and writes, so readers see what the writer wrote (and a read() nested in a write() waits
// for it). Throws DbError naming the file.
std::unique_ptr<Database> open_sqlite(const DatabaseUrl& url, const OpenOptions& options);

}  // namespace haven::store
