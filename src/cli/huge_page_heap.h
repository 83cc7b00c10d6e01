// The process heap on transparent huge pages, set up before anything else runs.
//
// haven's long jobs — a statistics release, `generate`, a serving process — allocate and free
// hundreds of megabytes. On 4 KiB pages every fresh page costs the kernel a fault, and on virtual
// machines a fault is dear: a million-child release on PostgreSQL spent about a third of the
// client's CPU in them (docs/PERFORMANCE.md, "the heap on huge pages"). glibc (2.35 and later)
// asks for huge pages for the memory malloc takes from the kernel when its tunable
// `glibc.malloc.hugetlb=1` is set, but reads tunables only when a process starts. So `haven` sets
// it and executes itself once more, before parsing its command line.
//
// Left alone: an operator's own GLIBC_TUNABLES (their choice wins), HAVEN_HEAP=default (opt out),
// a kernel with transparent huge pages off, an older glibc, and a process whose malloc is not
// glibc's (a release build runs on jemalloc: core/allocator.h). The second process removes the
// variables again, so programs haven starts (pg_dump for a backup) inherit nothing.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace haven::cli {

// What start-up should do, decided from the facts alone (kept pure so it can be tested).
struct HeapFacts {
  std::optional<std::string> glibc_tunables;  // GLIBC_TUNABLES, if set
  std::optional<std::string> haven_heap;      // HAVEN_HEAP, if set
  std::string_view glibc_version;             // gnu_get_libc_version(), e.g. "2.36"
  std::string_view thp_mode;                  // /sys/kernel/mm/transparent_hugepage/enabled
  bool glibc_malloc = true;                   // glibc's malloc serves this process
};
enum class HeapStep {
  kNothing,  // run as is
  kReexec,   // set the tunable and execute this binary again with the same arguments
  kTidyUp,   // this is the second process: remove the variables, then run
};
HeapStep decide_heap_step(const HeapFacts& facts);

// The tunable haven sets, and the marker that says the second process was started by haven.
inline constexpr std::string_view kHeapTunable = "glibc.malloc.hugetlb=1";
inline constexpr std::string_view kHeapMarker = "huge-pages";

// Applies decide_heap_step() to this process. Returns only if there is nothing (more) to do: after
// a successful re-exec this function never returns, and a failed one is silently ignored.
void use_huge_page_heap(char** argv);

}  // namespace haven::cli
