// Which malloc this process runs on, for the start-up's heap tuning and for /metrics.
//
// A release build links the `haven` binary against jemalloc (cmake/Dependencies.cmake): under the
// mixed load at a million children it answered 2–4 % more requests a second than glibc's malloc
// with every tuning haven gives glibc, with a 9–24 % lower p99 (docs/PERFORMANCE.md, "jemalloc").
// Sanitizer builds keep glibc's, whose calls the sanitizer runtime intercepts. glibc's own tuning
// (huge pages through a tunable, an arena per thread) applies only when glibc's malloc is the one
// in use, so the code that does it asks here first.
#pragma once

#include <string_view>

namespace haven::core {

enum class Allocator {
  kGlibc,     // glibc's ptmalloc
  kJemalloc,  // jemalloc, linked in or preloaded
};

// Found at run time (jemalloc's mallctl resolves, or it does not), so a preloaded jemalloc counts.
Allocator running_allocator();

// "glibc" or "jemalloc".
std::string_view allocator_name(Allocator a);

}  // namespace haven::core
