// One malloc arena per thread of a serving process: the rule and its application (mallopt).
#include "cli/heap_arenas.h"

#include <malloc.h>

#include <climits>

#include "core/allocator.h"

namespace haven::cli {

size_t arenas_for(size_t worker_threads) {
  constexpr size_t kThreadsBeside = 8;
  constexpr size_t kMost = INT_MAX;
  return worker_threads >= kMost - kThreadsBeside ? kMost : worker_threads + kThreadsBeside;
}

void give_each_thread_an_arena(size_t worker_threads) {
  if (core::running_allocator() != core::Allocator::kGlibc) return;
  // mallopt returns 0 on failure; glibc's default then stays, which only costs speed.
  mallopt(M_ARENA_MAX, static_cast<int>(arenas_for(worker_threads)));
}

}  // namespace haven::cli
