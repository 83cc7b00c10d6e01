// One malloc arena per thread of a serving process, set before its threads start.
//
// glibc gives a process at most 8 arenas (heaps with a lock each) per core: 16 on a two-core
// machine, for the 64 worker threads `haven serve` runs and the few beside them. Four workers then
// share each arena: an allocation may wait for another thread's lock, and an arena's free lists
// hold the chunks of four threads' requests, which malloc sorts and consolidates again and again.
// With an arena for every thread, malloc's own work fell from 12 % to 8.6 % of the server's CPU
// under the case-read API at 64 connections, which answered 2–37 % (median 12 %) more requests a
// second in nine alternating pairs, for about 30 MB more memory (docs/PERFORMANCE.md, "An arena
// per worker"). Only `haven serve` does it: the other commands run one or two threads.
#pragma once

#include <cstddef>

namespace haven::cli {

// How many arenas a process running `worker_threads` workers is allowed: one each, and some for
// the threads beside them (the audit log's committer, the search index, the listener, signals).
size_t arenas_for(size_t worker_threads);

// Sets glibc's arena limit (mallopt M_ARENA_MAX) to arenas_for(worker_threads) when glibc's malloc
// serves the process (jemalloc keeps its own arenas per thread). Call it before the process starts
// a second thread: glibc fixes the limit when it first needs more than 8 arenas.
void give_each_thread_an_arena(size_t worker_threads);

}  // namespace haven::cli
