// The allocator in use, told by jemalloc's control function being there or not.
#include "core/allocator.h"

#include <cstddef>

// jemalloc's control entry point (unprefixed, as Debian builds it). Weak: the program links
// without jemalloc, and the symbol's address is null then.
extern "C" int mallctl(const char* name, void* oldp, size_t* oldlenp, void* newp, size_t newlen)
    __attribute__((weak));

namespace haven::core {

Allocator running_allocator() {
  return &mallctl != nullptr ? Allocator::kJemalloc : Allocator::kGlibc;
}

std::string_view allocator_name(Allocator a) {
  return a == Allocator::kJemalloc ? "jemalloc" : "glibc";
}

}  // namespace haven::core
