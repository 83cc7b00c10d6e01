// How many malloc arenas a serving process allows itself (cli/heap_arenas.h).
#include "cli/heap_arenas.h"

#include <gtest/gtest.h>

#include <climits>

namespace haven::cli {
namespace {

TEST(HeapArenas, EveryWorkerAndTheThreadsBesideThemGetAnArenaOfTheirOwn) {
  // 64 workers (the default on two cores) and the committer, index, listener and signal threads:
  // more than glibc's 16 for two cores.
  EXPECT_EQ(arenas_for(64), 72u);
  EXPECT_EQ(arenas_for(1), 9u);
}

TEST(HeapArenas, AHugeThreadCountStaysWithinWhatMalloptTakes) {
  EXPECT_EQ(arenas_for(static_cast<size_t>(INT_MAX)), static_cast<size_t>(INT_MAX));
  EXPECT_EQ(arenas_for(static_cast<size_t>(INT_MAX) - 8), static_cast<size_t>(INT_MAX));
  EXPECT_EQ(arenas_for(static_cast<size_t>(INT_MAX) - 9), static_cast<size_t>(INT_MAX) - 1);
}

}  // namespace
}  // namespace haven::cli
