// Candidate generation at the hub: for each blocking pass, the groups of records of country A and
// country B that share a (keyed, unreadable) blocking key. Only pairs inside a group are ever
// compared; the union over the passes is the candidate set.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "linkage/encoding_set.h"

namespace haven::linkage {

// One group: the records of A and of B with the same key in one pass.
struct Block {
  uint32_t pass = 0;
  uint32_t a_begin = 0, a_end = 0;  // range in CandidateBlocks::a_members(pass)
  uint32_t b_begin = 0, b_end = 0;
  uint64_t pairs() const { return uint64_t{a_end - a_begin} * (b_end - b_begin); }
};

// Immutable once built; reading it from several threads is safe.
class CandidateBlocks {
 public:
  // Sorts each side by (key, popcount) per pass, on up to `threads` threads, and keeps the keys
  // present on both sides. Records without a key in a pass (0) take no part in it.
  static CandidateBlocks build(const EncodingSet& a, const EncodingSet& b, unsigned threads = 1);

  std::span<const Block> blocks() const { return blocks_; }
  // Record indexes of one block, in ascending popcount (what the count bound needs).
  std::span<const uint32_t> a_members(const Block& block) const {
    return std::span(a_order_[block.pass]).subspan(block.a_begin, block.a_end - block.a_begin);
  }
  std::span<const uint32_t> b_members(const Block& block) const {
    return std::span(b_order_[block.pass]).subspan(block.b_begin, block.b_end - block.b_begin);
  }
  // Σ |a|·|b| over all blocks: the candidate pairs, counting a pair again in each pass it shares.
  uint64_t candidate_pairs() const { return candidate_pairs_; }
  uint64_t largest_block_pairs() const { return largest_block_pairs_; }

 private:
  std::vector<Block> blocks_;
  std::vector<std::vector<uint32_t>> a_order_, b_order_;  // per pass
  uint64_t candidate_pairs_ = 0;
  uint64_t largest_block_pairs_ = 0;
};

// True when records a and b share a key in a pass before `pass`: the pair was already a candidate
// there, so a later pass need not report it again.
inline bool seen_in_earlier_pass(const BlockingKeys& a, const BlockingKeys& b, uint32_t pass) {
  for (uint32_t q = 0; q < pass; ++q)
    if (a[q] != 0 && a[q] == b[q]) return true;
  return false;
}

}  // namespace haven::linkage
