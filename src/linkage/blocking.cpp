// Building the blocks: one sort per side and pass of (key, popcount, index) packed into two 64-bit
// words, then a merge of the two sorted sides. The passes are independent, so they run in parallel.
#include "linkage/blocking.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <utility>

namespace haven::linkage {
namespace {

struct Entry {
  uint64_t key;
  uint64_t order;  // popcount << 32 | index: sorting by it puts each block in popcount order
  friend bool operator<(const Entry& x, const Entry& y) {
    return x.key != y.key ? x.key < y.key : x.order < y.order;
  }
};

std::vector<Entry> sorted_entries(const EncodingSet& set, uint32_t pass) {
  std::vector<Entry> entries;
  entries.reserve(set.size());
  for (uint32_t i = 0; i < set.size(); ++i) {
    const uint64_t key = set.keys(i)[pass];
    if (key != 0) entries.push_back({key, (uint64_t{set.popcount(i)} << 32) | i});
  }
  std::sort(entries.begin(), entries.end());
  return entries;
}

std::vector<uint32_t> indexes(const std::vector<Entry>& entries) {
  std::vector<uint32_t> out(entries.size());
  for (size_t i = 0; i < entries.size(); ++i) out[i] = static_cast<uint32_t>(entries[i].order);
  return out;
}

}  // namespace

CandidateBlocks CandidateBlocks::build(const EncodingSet& a, const EncodingSet& b,
                                       unsigned threads) {
  CandidateBlocks cb;
  cb.a_order_.resize(kBlockingPasses);
  cb.b_order_.resize(kBlockingPasses);
  std::vector<std::vector<Block>> per_pass(kBlockingPasses);

  auto run_pass = [&](uint32_t pass) {
    const std::vector<Entry> ea = sorted_entries(a, pass);
    const std::vector<Entry> eb = sorted_entries(b, pass);
    std::vector<Block>& out = per_pass[pass];
    size_t i = 0, j = 0;
    while (i < ea.size() && j < eb.size()) {
      if (ea[i].key < eb[j].key) {
        ++i;
      } else if (eb[j].key < ea[i].key) {
        ++j;
      } else {
        const uint64_t key = ea[i].key;
        Block block{pass, static_cast<uint32_t>(i), 0, static_cast<uint32_t>(j), 0};
        while (i < ea.size() && ea[i].key == key) ++i;
        while (j < eb.size() && eb[j].key == key) ++j;
        block.a_end = static_cast<uint32_t>(i);
        block.b_end = static_cast<uint32_t>(j);
        out.push_back(block);
      }
    }
    cb.a_order_[pass] = indexes(ea);
    cb.b_order_[pass] = indexes(eb);
  };

  std::atomic<uint32_t> next{0};
  auto worker = [&] {
    for (uint32_t pass; (pass = next.fetch_add(1)) < kBlockingPasses;) run_pass(pass);
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < std::max(1u, threads); ++t) pool.emplace_back(worker);
  worker();
  for (auto& th : pool) th.join();

  for (auto& blocks : per_pass) {
    for (const Block& block : blocks) {
      cb.candidate_pairs_ += block.pairs();
      cb.largest_block_pairs_ = std::max(cb.largest_block_pairs_, block.pairs());
    }
    cb.blocks_.insert(cb.blocks_.end(), blocks.begin(), blocks.end());
  }
  return cb;
}

}  // namespace haven::linkage
