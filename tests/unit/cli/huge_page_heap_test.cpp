// When `haven` re-executes itself to put its heap on transparent huge pages, and when it leaves the
// process alone (cli/huge_page_heap.h).
#include "cli/huge_page_heap.h"

#include <gtest/gtest.h>

namespace haven::cli {
namespace {

HeapFacts debian12() {
  HeapFacts f;
  f.glibc_version = "2.36";
  f.thp_mode = "always [madvise] never\n";
  return f;
}

TEST(HugePageHeap, ReexecutesOnceOnAGlibcThatKnowsTheTunable) {
  EXPECT_EQ(decide_heap_step(debian12()), HeapStep::kReexec);
  HeapFacts f = debian12();
  f.thp_mode = "[always] madvise never\n";
  EXPECT_EQ(decide_heap_step(f), HeapStep::kReexec);
}

TEST(HugePageHeap, TheSecondProcessTidiesUpInsteadOfLooping) {
  HeapFacts f = debian12();
  f.glibc_tunables = std::string(kHeapTunable);
  f.haven_heap = std::string(kHeapMarker);
  EXPECT_EQ(decide_heap_step(f), HeapStep::kTidyUp);
}

TEST(HugePageHeap, LeavesAnOperatorsOwnTunablesAlone) {
  HeapFacts f = debian12();
  f.glibc_tunables = "glibc.malloc.arena_max=2";
  EXPECT_EQ(decide_heap_step(f), HeapStep::kNothing);
}

TEST(HugePageHeap, CanBeTurnedOff) {
  HeapFacts f = debian12();
  f.haven_heap = "default";
  EXPECT_EQ(decide_heap_step(f), HeapStep::kNothing);
}

TEST(HugePageHeap, DoesNothingWhereItCannotHelp) {
  HeapFacts old = debian12();
  old.glibc_version = "2.31";  // before glibc.malloc.hugetlb
  EXPECT_EQ(decide_heap_step(old), HeapStep::kNothing);
  HeapFacts off = debian12();
  off.thp_mode = "always madvise [never]\n";
  EXPECT_EQ(decide_heap_step(off), HeapStep::kNothing);
  HeapFacts unknown = debian12();
  unknown.thp_mode = "";  // no /sys/kernel/mm/transparent_hugepage
  EXPECT_EQ(decide_heap_step(unknown), HeapStep::kNothing);
  HeapFacts odd = debian12();
  odd.glibc_version = "unknown";
  EXPECT_EQ(decide_heap_step(odd), HeapStep::kNothing);
}

TEST(HugePageHeap, LeavesAProcessOnJemallocAlone) {
  // The tunable is glibc malloc's; a release build's malloc is jemalloc (core/allocator.h), and
  // executing the binary again would only cost its start-up.
  HeapFacts f = debian12();
  f.glibc_malloc = false;
  EXPECT_EQ(decide_heap_step(f), HeapStep::kNothing);
}

}  // namespace
}  // namespace haven::cli
