// The hub's linkage run over two countries' encodings: blocking, Dice comparison of the candidate
// pairs, threshold, one-to-one assignment. Each stage is callable on its own so the benchmark can
// time it; match() runs them all. Scores stay inside the hub (see country_links.h for what leaves).
#pragma once

#include <cstdint>
#include <vector>

#include "core/result.h"
#include "linkage/assignment.h"
#include "linkage/blocking.h"
#include "linkage/dice_kernel.h"
#include "linkage/encoding_set.h"

namespace haven::linkage {

struct MatchOptions {
  double threshold = 0.77;  // Dice; see docs/LINKAGE.md for how it was chosen
  AssignmentMethod assignment = AssignmentMethod::kOptimal;
  unsigned threads = 1;
  Isa isa = best_isa();
};

struct CompareCounts {
  uint64_t candidate_pairs = 0;  // Σ |a|·|b| over blocks (a pair counted once per shared pass)
  uint64_t compared = 0;         // pairs whose filters were ANDed and counted
  uint64_t bounded = 0;          // pairs the count bound skipped without reading the filters
  uint64_t above_threshold = 0;  // distinct pairs that reached the threshold
};

// Both sets must come from the same secret and parameters: the hub cannot check more than that
// their headers agree, and refuses them otherwise.
core::Status check_comparable(const EncodingSet& a, const EncodingSet& b);

// Every distinct pair sharing a block whose Dice reaches `threshold`, sorted by (a, b). Blocks are
// shared among `threads` threads.
std::vector<ScoredPair> compare_candidates(const EncodingSet& a, const EncodingSet& b,
                                           const CandidateBlocks& blocks, DiceThreshold threshold,
                                           unsigned threads, Isa isa,
                                           CompareCounts* counts = nullptr);

struct MatchResult {
  std::vector<ScoredPair> pairs;  // one-to-one, sorted by (a, b); indexes into the two sets
  CompareCounts compare;
  AssignmentCounts assignment;
  uint64_t largest_block_pairs = 0;
};

core::Result<MatchResult> match(const EncodingSet& a, const EncodingSet& b,
                                const MatchOptions& options = {});

}  // namespace haven::linkage
