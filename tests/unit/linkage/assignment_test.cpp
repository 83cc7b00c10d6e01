// One-to-one assignment: never a record twice, the optimum on small components, and the
// documented behaviour where greedy and optimal differ.
#include "linkage/assignment.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

namespace haven::linkage {
namespace {

std::vector<ScoredPair> random_pairs(size_t n, uint32_t side, double t, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<uint32_t> idx(0, side - 1);
  std::uniform_real_distribution<double> score(t, 1.0);
  std::set<std::pair<uint32_t, uint32_t>> seen;
  std::vector<ScoredPair> out;
  while (out.size() < n) {
    const uint32_t a = idx(rng), b = idx(rng);
    if (seen.insert({a, b}).second) out.push_back({a, b, static_cast<float>(score(rng))});
  }
  return out;
}

void expect_one_to_one(const std::vector<ScoredPair>& in, const std::vector<ScoredPair>& out) {
  std::set<uint32_t> as, bs;
  for (const ScoredPair& p : out) {
    EXPECT_TRUE(as.insert(p.a).second) << "a " << p.a << " assigned twice";
    EXPECT_TRUE(bs.insert(p.b).second) << "b " << p.b << " assigned twice";
    EXPECT_NE(std::find(in.begin(), in.end(), p), in.end()) << "a pair that was not offered";
  }
}

double weight(const std::vector<ScoredPair>& pairs, double t) {
  double w = 0;
  for (const ScoredPair& p : pairs) w += p.dice - t + 1e-6;
  return w;
}

// Brute force over all matchings of a small pair list.
double best_weight(const std::vector<ScoredPair>& pairs, size_t i, std::set<uint32_t>& as,
                   std::set<uint32_t>& bs, double t) {
  if (i == pairs.size()) return 0;
  double best = best_weight(pairs, i + 1, as, bs, t);
  const ScoredPair& p = pairs[i];
  if (!as.count(p.a) && !bs.count(p.b)) {
    as.insert(p.a);
    bs.insert(p.b);
    best = std::max(best, p.dice - t + 1e-6 + best_weight(pairs, i + 1, as, bs, t));
    as.erase(p.a);
    bs.erase(p.b);
  }
  return best;
}

TEST(Assignment, NeverAssignsARecordTwice) {
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    for (auto method : {AssignmentMethod::kGreedy, AssignmentMethod::kOptimal}) {
      // Dense graphs make big components; a small max_optimal_side also exercises the fallback.
      const auto pairs = random_pairs(400, 60, 0.7, seed);
      const auto out = assign_one_to_one(pairs, {method, 0.7, seed % 2 ? 200u : 10u});
      expect_one_to_one(pairs, out);
      EXPECT_FALSE(out.empty());
      EXPECT_TRUE(std::is_sorted(out.begin(), out.end(), [](const auto& x, const auto& y) {
        return x.a != y.a ? x.a < y.a : x.b < y.b;
      }));
    }
  }
}

TEST(Assignment, OptimalFindsTheBestMatchingOfSmallComponents) {
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    const auto pairs = random_pairs(12, 6, 0.75, seed);
    const auto out = assign_one_to_one(pairs, {AssignmentMethod::kOptimal, 0.75, 200});
    expect_one_to_one(pairs, out);
    std::set<uint32_t> as, bs;
    EXPECT_NEAR(weight(out, 0.75), best_weight(pairs, 0, as, bs, 0.75), 1e-5) << seed;
  }
}

TEST(Assignment, AStrongLinkBeatsTwoMarginalOnesButTwoGoodOnesBeatOne) {
  // A0–B0 0.95; A0–B1 and A1–B0 0.85.
  const std::vector<ScoredPair> pairs = {{0, 0, 0.95f}, {0, 1, 0.85f}, {1, 0, 0.85f}};
  // At threshold 0.8 the two links earn 0.05 each, less than the one strong link's 0.15.
  auto out = assign_one_to_one(pairs, {AssignmentMethod::kOptimal, 0.8, 200});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0], pairs[0]);
  // At 0.7 they earn 0.15 each: two links, 0.30, beat 0.25.
  out = assign_one_to_one(pairs, {AssignmentMethod::kOptimal, 0.7, 200});
  EXPECT_EQ(out.size(), 2u);
  // Greedy always takes the highest score first.
  out = assign_one_to_one(pairs, {AssignmentMethod::kGreedy, 0.7, 200});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0], pairs[0]);
}

TEST(Assignment, SinglePairsPassThroughAndCountsAreReported) {
  const std::vector<ScoredPair> pairs = {{5, 9, 0.9f}, {1, 2, 0.8f}, {3, 4, 0.81f}, {3, 7, 0.8f}};
  AssignmentCounts counts;
  const auto out = assign_one_to_one(pairs, {AssignmentMethod::kOptimal, 0.77, 200}, &counts);
  const std::vector<ScoredPair> want = {{1, 2, 0.8f}, {3, 4, 0.81f}, {5, 9, 0.9f}};
  EXPECT_EQ(out, want);
  EXPECT_EQ(counts.components, 1u);
  EXPECT_EQ(counts.largest_component, 3u);
  EXPECT_TRUE(assign_one_to_one({}, {}).empty());
}

}  // namespace
}  // namespace haven::linkage
