// An SQLite VFS that reads database files through one long-lived memory mapping per file and
// process, instead of a pread(2) system call per page. Separate from the backend because it is
// SQLite's file layer, not haven's: it changes no byte read, only where the bytes come from.
//
// Why: SQLite's pager keeps a small page cache per connection and, in WAL mode, empties it
// whenever another connection has committed — with an audit event per read, nearly every
// transaction. Every page is then read again with pread, and on a virtual machine a system call
// costs more than the 4 KiB copy it makes: about a third of the statistics' CPU at a million
// children, and most of a list page's (docs/PERFORMANCE.md). SQLite's own memory mapping
// (PRAGMA mmap_size) is capped at 2 GB by Debian's build and is torn down and made again whenever
// the database changed, which made every page a page fault.
//
// How: the VFS wraps the default one ("unix") and only changes xRead, xFetch and the mmap-size
// file control of main database files. The file is mapped read-only and shared (MAP_SHARED, so it
// sees every write to the file at once, as pread does) in regions of 1 MiB doubling to 64 MiB; a
// region is mapped once the file covers it entirely and stays mapped until the process closes its
// last connection to the file. Reads inside a mapped region are a memcpy; with `PRAGMA mmap_size`
// above 0 on the connection (the server's: sqlite::open), SQLite's pager asks for pages with
// xFetch first and reads them in place, without the copy — the VFS answers from its regions
// whatever the size named, so Debian's 2 GB cap does not apply — and in WAL mode an emptied page
// cache costs nothing to refill. Anything else (the file's unmapped tail, a page across regions)
// goes to the default VFS. At the start of each transaction (the shared lock it takes)
// the file's size is checked: regions it has grown into are mapped, and if it has shrunk (VACUUM
// by another program; haven never shrinks a file), regions past its end are no longer read, so
// no read can touch a page past the end of the file.
//
// The price: the first touch of each page is a page fault, dearer here than the pread it
// replaces. A long-running server touches its pages once and reads them many times; a one-shot
// command reads most pages once (the statistics at a million children took 30 % longer). So
// Database::open uses it only when asked (OpenOptions::mapped_reads), which `haven serve` does.
//
// What the caller must know: the VFS keeps a file descriptor of its own per file and closes it
// only when no connection of the process opened through it is left, so that no POSIX lock of the
// process is on the file then (close(2) drops every lock of the process on the file, whichever
// descriptor took it). A connection to the same file in the same process through another VFS,
// holding a lock at that moment, would lose it: a process uses one VFS per file (haven: the server
// maps, the one-shot commands do not). Thread-safe: connections on any thread.
#pragma once

#include <cstddef>
#include <cstdint>

namespace haven::store::sqlite {

// The name to pass to sqlite3_open_v2 for the mapped VFS ("haven-mapped"). Registers it on first
// use.
const char* mapped_vfs();

// Reads served from a mapping and reads passed to the default VFS, on the calling thread (for
// tests: that the mapping is used, and where it must not be).
struct MappedReads {
  uint64_t mapped = 0;   // copied from a mapping (xRead)
  uint64_t passed = 0;   // read by the default VFS
  uint64_t fetched = 0;  // read in place by SQLite (xFetch, with PRAGMA mmap_size above 0)
};
MappedReads mapped_reads_on_this_thread();

}  // namespace haven::store::sqlite
