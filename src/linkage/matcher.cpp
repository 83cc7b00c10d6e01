// Comparison of the blocks on a small pool of threads: each gathers one block's filters into
// contiguous scratch (already in popcount order), runs the kernel with the count bound, and keeps a
// hit only in the first pass where the pair shares a key, so no pair is reported twice.
#include "linkage/matcher.h"

#include <algorithm>
#include <atomic>
#include <thread>

namespace haven::linkage {
namespace {

struct Scratch {
  std::vector<BloomFilter> qf, cf;
  std::vector<uint16_t> qp, cp;
  std::vector<DiceHit> hits;
  std::vector<ScoredPair> found;
  CompareCounts counts;
};

FilterBatch gather(const EncodingSet& set, std::span<const uint32_t> members,
                   std::vector<BloomFilter>& filters, std::vector<uint16_t>& pops) {
  filters.resize(members.size());
  pops.resize(members.size());
  for (size_t i = 0; i < members.size(); ++i) {
    filters[i] = set.filter(members[i]);
    pops[i] = set.popcount(members[i]);
  }
  return {filters.data(), pops.data(), static_cast<uint32_t>(members.size())};
}

void compare_block(const EncodingSet& a, const EncodingSet& b, const CandidateBlocks& blocks,
                   const Block& block, DiceThreshold t, Isa isa, Scratch& s) {
  // The larger side fills the register tiles; the smaller is streamed against it.
  std::span<const uint32_t> am = blocks.a_members(block), bm = blocks.b_members(block);
  const bool a_queries = am.size() >= bm.size();
  const EncodingSet& qset = a_queries ? a : b;
  const EncodingSet& cset = a_queries ? b : a;
  const std::span<const uint32_t> qm = a_queries ? am : bm, cm = a_queries ? bm : am;
  const FilterBatch qs = gather(qset, qm, s.qf, s.qp);
  const FilterBatch cs = gather(cset, cm, s.cf, s.cp);
  s.hits.clear();
  const JoinCounts jc = dice_join(qs, cs, t, s.hits, isa);
  s.counts.candidate_pairs += block.pairs();
  s.counts.compared += jc.compared;
  s.counts.bounded += jc.bounded;
  for (const DiceHit& h : s.hits) {
    const uint32_t ia = a_queries ? qm[h.query] : cm[h.candidate];
    const uint32_t ib = a_queries ? cm[h.candidate] : qm[h.query];
    if (seen_in_earlier_pass(a.keys(ia), b.keys(ib), block.pass)) continue;
    const float d =
        static_cast<float>(2.0 * h.common / (uint32_t{a.popcount(ia)} + b.popcount(ib)));
    s.found.push_back({ia, ib, d});
  }
}

}  // namespace

core::Status check_comparable(const EncodingSet& a, const EncodingSet& b) {
  if (a.header().key_fingerprint != b.header().key_fingerprint) {
    return core::Error::invalid(
        "The two encoding files were made with different linkage secrets, so they cannot be "
        "compared; both countries must encode with the secret they share.");
  }
  if (a.header().params != b.header().params) {
    return core::Error::invalid(
        "The two encoding files were made with different encoder parameters, so they cannot be "
        "compared; both countries must use the same haven linkage settings.");
  }
  return core::ok_status();
}

std::vector<ScoredPair> compare_candidates(const EncodingSet& a, const EncodingSet& b,
                                           const CandidateBlocks& blocks, DiceThreshold threshold,
                                           unsigned threads, Isa isa, CompareCounts* counts) {
  const std::span<const Block> all = blocks.blocks();
  threads = std::max(1u, threads);
  std::vector<Scratch> scratch(threads);
  // Blocks are handed out in small batches; big and small blocks interleave, so the threads
  // finish close together.
  constexpr size_t kBatch = 64;
  std::atomic<size_t> next{0};
  auto worker = [&](unsigned w) {
    Scratch& s = scratch[w];
    for (size_t start; (start = next.fetch_add(kBatch)) < all.size();) {
      const size_t end = std::min(all.size(), start + kBatch);
      for (size_t i = start; i < end; ++i) compare_block(a, b, blocks, all[i], threshold, isa, s);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned w = 1; w < threads; ++w) pool.emplace_back(worker, w);
  worker(0);
  for (auto& th : pool) th.join();

  std::vector<ScoredPair> out;
  CompareCounts total;
  for (Scratch& s : scratch) {
    out.insert(out.end(), s.found.begin(), s.found.end());
    total.candidate_pairs += s.counts.candidate_pairs;
    total.compared += s.counts.compared;
    total.bounded += s.counts.bounded;
  }
  std::sort(out.begin(), out.end(), [](const ScoredPair& x, const ScoredPair& y) {
    return x.a != y.a ? x.a < y.a : x.b < y.b;
  });
  total.above_threshold = out.size();
  if (counts) *counts = total;
  return out;
}

core::Result<MatchResult> match(const EncodingSet& a, const EncodingSet& b,
                                const MatchOptions& options) {
  HAVEN_TRY(check_comparable(a, b));
  auto threshold = DiceThreshold::create(options.threshold);
  if (!threshold.ok()) return threshold.take_error();
  if (!isa_supported(options.isa)) {
    return core::Error::invalid("This processor does not support the " +
                                std::string(isa_name(options.isa)) + " kernel.");
  }
  MatchResult result;
  const CandidateBlocks blocks = CandidateBlocks::build(a, b, options.threads);
  result.largest_block_pairs = blocks.largest_block_pairs();
  const std::vector<ScoredPair> scored =
      compare_candidates(a, b, blocks, *threshold, options.threads, options.isa, &result.compare);
  result.pairs = assign_one_to_one(
      scored, {options.assignment, threshold->value(), AssignmentOptions{}.max_optimal_side},
      &result.assignment);
  return result;
}

}  // namespace haven::linkage
