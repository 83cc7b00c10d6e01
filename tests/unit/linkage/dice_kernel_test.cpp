// Every kernel variant finds exactly the pairs the plain reference loop finds, and the count bound
// never drops a pair that reaches the threshold.
#include "linkage/dice_kernel.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "test_support.h"

namespace haven::linkage {
namespace {

using testing::random_filters;

std::vector<DiceHit> sorted(std::vector<DiceHit> hits) {
  std::sort(hits.begin(), hits.end());
  return hits;
}

std::vector<DiceHit> reference(FilterBatch q, FilterBatch c, DiceThreshold t) {
  std::vector<DiceHit> out;
  dice_join_reference(q, c, t, out);
  return sorted(std::move(out));
}

constexpr Isa kAll[] = {Isa::kPortable, Isa::kPopcnt, Isa::kAvx2, Isa::kAvx512};

TEST(DiceKernel, TheBestVariantIsSupportedAndThePortableOneAlways) {
  EXPECT_TRUE(isa_supported(Isa::kPortable));
  EXPECT_TRUE(isa_supported(best_isa()));
  EXPECT_EQ(isa_name(Isa::kAvx512), "avx512");
}

// Sizes straddle the register tiles (4, 8) and the candidate chunk (2048); fills vary so popcounts
// spread and some pairs pass, some not.
TEST(DiceKernel, AllVariantsAgreeWithTheReferenceOnRandomData) {
  struct Case {
    size_t nq, nc;
    double t;
    uint64_t seed;
  };
  for (const Case& k : {Case{1, 1, 0.3, 1}, Case{3, 17, 0.5, 2}, Case{9, 300, 0.45, 3},
                        Case{21, 2100, 0.5, 4}, Case{8, 4097, 0.55, 5}, Case{37, 64, 0.2, 6}}) {
    const auto q = random_filters(k.nq, 0.1, 0.7, k.seed);
    const auto c = random_filters(k.nc, 0.1, 0.7, k.seed + 100);
    const DiceThreshold t = DiceThreshold::create(k.t).value();
    const std::vector<DiceHit> want = reference(q.batch(), c.batch(), t);
    if (k.nq * k.nc >= 100) {
      ASSERT_FALSE(want.empty()) << "the case should produce hits";
    }
    for (Isa isa : kAll) {
      if (!isa_supported(isa)) continue;
      std::vector<DiceHit> bounded, unbounded;
      dice_join(q.batch(), c.batch(), t, bounded, isa);
      dice_join_unbounded(q.batch(), c.batch(), t, unbounded, isa);
      EXPECT_EQ(sorted(bounded), want) << isa_name(isa) << " " << k.nq << "x" << k.nc;
      EXPECT_EQ(sorted(unbounded), want) << isa_name(isa) << " " << k.nq << "x" << k.nc;
    }
  }
}

TEST(DiceKernel, ThresholdIsInclusiveAndEmptyFiltersNeverMatch) {
  BloomFilter a, b, empty;
  for (size_t i = 0; i < 100; ++i) a.set(i);
  for (size_t i = 25; i < 125; ++i) b.set(i);  // |a∧b| = 75, Dice = 150/200 = 0.75
  const uint16_t pa = 100, pb = 100, pe = 0;
  for (Isa isa : kAll) {
    if (!isa_supported(isa)) continue;
    std::vector<DiceHit> hits;
    dice_join({&a, &pa, 1}, {&b, &pb, 1}, DiceThreshold::create(0.75).value(), hits, isa);
    ASSERT_EQ(hits.size(), 1u) << isa_name(isa);
    EXPECT_EQ(hits[0].common, 75u);
    hits.clear();
    dice_join({&a, &pa, 1}, {&b, &pb, 1}, DiceThreshold::create(0.7502).value(), hits, isa);
    EXPECT_TRUE(hits.empty()) << isa_name(isa);
    dice_join({&empty, &pe, 1}, {&empty, &pe, 1}, DiceThreshold::create(0.01).value(), hits, isa);
    EXPECT_TRUE(hits.empty()) << isa_name(isa);
  }
}

// The bound itself, exhaustively: whenever 2·min(a,b)/(a+b) reaches t, b lies in the partner range
// of a, so skipping candidates outside that range can never lose a pair.
TEST(DiceKernel, CountBoundNeverExcludesAPairThatCouldReachTheThreshold) {
  for (double tv : {0.05, 0.3, 0.5, 0.7, 0.77, 0.8, 0.9, 0.99, 1.0}) {
    const DiceThreshold t = DiceThreshold::create(tv).value();
    for (uint32_t a = 0; a <= kFilterBits; ++a) {
      const uint32_t lo = t.min_partner(a), hi = t.max_partner(a);
      for (uint32_t b = 0; b <= kFilterBits; ++b) {
        const bool possible = t.passes(std::min(a, b), a + b);
        if (possible) {
          ASSERT_TRUE(b >= lo && b <= hi) << tv << " a=" << a << " b=" << b;
        }
      }
    }
  }
}

// And in use: on data with widely spread popcounts the bound skips many pairs, yet finds every
// pair the reference finds.
TEST(DiceKernel, CountBoundSkipsPairsWithoutLosingAny) {
  for (uint64_t seed = 20; seed < 26; ++seed) {
    const auto q = random_filters(40, 0.02, 0.9, seed),
               c = random_filters(900, 0.02, 0.9, seed + 7);
    const DiceThreshold t =
        DiceThreshold::create(0.6 + 0.05 * static_cast<double>(seed % 5)).value();
    std::vector<DiceHit> hits;
    const JoinCounts counts = dice_join(q.batch(), c.batch(), t, hits, best_isa());
    EXPECT_EQ(sorted(hits), reference(q.batch(), c.batch(), t));
    EXPECT_GT(counts.bounded, 0u);
    EXPECT_EQ(counts.bounded + counts.compared, uint64_t{40} * 900);
  }
}

TEST(DiceKernel, ThresholdOutsideZeroToOneIsRejected) {
  EXPECT_FALSE(DiceThreshold::create(0).ok());
  EXPECT_FALSE(DiceThreshold::create(1.01).ok());
  EXPECT_FALSE(DiceThreshold::create(-0.5).ok());
  EXPECT_NEAR(DiceThreshold::create(0.77).value().value(), 0.77, 1e-4);
}

}  // namespace
}  // namespace haven::linkage
