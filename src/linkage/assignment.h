// One-to-one assignment: from all scored candidate pairs above the threshold, choose at most one
// partner per record, because one child is one record in each country's register.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace haven::linkage {

// A compared pair that reached the threshold: indexes into the two encoding sets.
struct ScoredPair {
  uint32_t a = 0;
  uint32_t b = 0;
  float dice = 0;
  friend bool operator==(const ScoredPair&, const ScoredPair&) = default;
};

enum class AssignmentMethod : uint8_t {
  // Highest score first, a pair taken when both records are still free.
  kGreedy,
  // Per connected component of the pair graph: the matching that maximises Σ (dice − threshold),
  // found with the Hungarian algorithm (components up to max_optimal_side records a side; greedy
  // beyond). Charging the threshold per link makes a strong single link beat two marginal ones,
  // while still resolving "A1 is closest to B1 but B1 is A2's only partner" the way greedy cannot.
  kOptimal,
};

struct AssignmentOptions {
  AssignmentMethod method = AssignmentMethod::kOptimal;
  double threshold = 0.0;  // the Dice threshold the pairs passed (the per-link charge)
  uint32_t max_optimal_side = 200;
};

struct AssignmentCounts {
  uint64_t components = 0;         // connected components with more than one pair
  uint64_t largest_component = 0;  // records in the largest one
  uint64_t solved_greedily = 0;    // components above max_optimal_side
};

// Returns a subset of `pairs` in which no a and no b occurs twice, sorted by (a, b).
std::vector<ScoredPair> assign_one_to_one(std::span<const ScoredPair> pairs,
                                          const AssignmentOptions& options,
                                          AssignmentCounts* counts = nullptr);

}  // namespace haven::linkage
