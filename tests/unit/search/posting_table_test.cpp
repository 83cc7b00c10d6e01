// PostingTable: each key's slots, once each and in ascending order, through adds, removals and
// slots handed out again — what the name index's candidates and their cap depend on.
#include "search/posting_table.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace haven::search {
namespace {

std::vector<uint32_t> slots(const PostingTable& t, uint64_t key) {
  auto found = t.find(key);
  return {found.begin(), found.end()};
}

TEST(PostingTable, ListsEachSlotOnceInAscendingOrderWhateverOrderTheyCameIn) {
  PostingTable t;
  const uint64_t key = posting_key(1, 42);
  for (uint32_t slot : {7u, 3u, 9u, 3u, 1u, 9u, 8u}) t.add(key, slot);
  EXPECT_EQ(slots(t, key), (std::vector<uint32_t>{1, 3, 7, 8, 9}));
  EXPECT_EQ(t.keys(), 1u);
}

TEST(PostingTable, RemovingASlotKeepsTheOthersInOrderAndItsSlotCanComeBack) {
  PostingTable t;
  const uint64_t common = posting_key(2, 1);
  const uint64_t rare = posting_key(2, 2);
  for (uint32_t slot = 0; slot < 1000; ++slot) t.add(common, slot);
  t.add(rare, 500);
  t.remove(common, 500);
  t.remove(common, 500);  // twice: nothing more happens
  t.remove(rare, 500);
  auto left = slots(t, common);
  ASSERT_EQ(left.size(), 999u);
  EXPECT_TRUE(std::is_sorted(left.begin(), left.end()));
  EXPECT_EQ(std::count(left.begin(), left.end(), 500u), 0);
  EXPECT_TRUE(slots(t, rare).empty());
  EXPECT_EQ(t.keys(), 1u);

  t.add(common, 500);  // the slot handed out again, to a child with the same key
  left = slots(t, common);
  ASSERT_EQ(left.size(), 1000u);
  for (uint32_t slot = 0; slot < 1000; ++slot) EXPECT_EQ(left[slot], slot);
}

TEST(PostingTable, AListShrunkToOneSlotAndGrownAgainStaysRight) {
  PostingTable t;
  const uint64_t key = posting_key(3, 5);
  t.add(key, 10);
  t.add(key, 4);
  EXPECT_EQ(slots(t, key), (std::vector<uint32_t>{4, 10}));
  t.remove(key, 4);
  EXPECT_EQ(slots(t, key), (std::vector<uint32_t>{10}));
  t.add(key, 2);
  t.add(key, 12);
  EXPECT_EQ(slots(t, key), (std::vector<uint32_t>{2, 10, 12}));
}

}  // namespace
}  // namespace haven::search
