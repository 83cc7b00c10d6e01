// The portable parts of the kernel: the threshold arithmetic, run-time dispatch, the chunk-and-tile
// driver shared by every instruction set, and the reference loop. The per-ISA tiles live in
// dice_kernel_x86.cpp.
#include "linkage/dice_kernel.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace haven::linkage {
namespace detail {
void tile_portable(const BloomFilter* q, const uint16_t* qpop, uint32_t nq, const BloomFilter* c,
                   const uint16_t* cpop, uint32_t nc, uint32_t scaled, uint32_t q_base,
                   uint32_t c_base, std::vector<DiceHit>& out);
// dice_kernel_x86.cpp; null where the target is not x86-64.
TileFn x86_tile(Isa isa);
bool x86_supported(Isa isa);
}  // namespace detail

namespace {

// Candidates per cache block: 2048 filters = 256 KiB, which stays in L2 while every query tile of
// the batch sweeps it, so each candidate byte comes from memory once per batch, not once per query.
constexpr uint32_t kChunk = 2048;

// A portable popcount the compiler cannot turn into POPCNT without -mpopcnt: what "a plain scalar
// loop" costs on a generic x86-64 build.
inline uint32_t portable_common(const BloomFilter& a, const BloomFilter& b) {
  uint32_t n = 0;
  for (size_t w = 0; w < kFilterWords; ++w)
    n += static_cast<uint32_t>(std::popcount(a.words[w] & b.words[w]));
  return n;
}

}  // namespace

std::string_view isa_name(Isa isa) {
  switch (isa) {
    case Isa::kPortable:
      return "portable";
    case Isa::kPopcnt:
      return "popcnt";
    case Isa::kAvx2:
      return "avx2";
    case Isa::kAvx512:
      return "avx512";
  }
  return "?";
}

bool isa_supported(Isa isa) {
  return isa == Isa::kPortable || detail::x86_supported(isa);
}

Isa best_isa() {
  static const Isa best = [] {
    for (Isa isa : {Isa::kAvx512, Isa::kAvx2, Isa::kPopcnt})
      if (isa_supported(isa)) return isa;
    return Isa::kPortable;
  }();
  return best;
}

core::Result<DiceThreshold> DiceThreshold::create(double t) {
  if (!(t > 0.0 && t <= 1.0)) {
    return core::Error::invalid("The Dice threshold must be above 0 and at most 1.");
  }
  const auto scaled = static_cast<uint32_t>(std::lround(t * 65536.0));
  return DiceThreshold(std::max<uint32_t>(scaled, 1));
}

uint32_t DiceThreshold::min_partner(uint32_t a) const {
  // b ≤ a: 131072·b ≥ s·(a+b)  ⇔  b ≥ s·a / (131072 − s)
  const uint64_t num = uint64_t{scaled_} * a;
  const uint64_t den = 131072u - scaled_;
  return static_cast<uint32_t>((num + den - 1) / den);
}

uint32_t DiceThreshold::max_partner(uint32_t a) const {
  // b ≥ a: 131072·a ≥ s·(a+b)  ⇔  b ≤ a·(131072 − s) / s
  return static_cast<uint32_t>(uint64_t{a} * (131072u - scaled_) / scaled_);
}

namespace detail {

void tile_portable(const BloomFilter* q, const uint16_t* qpop, uint32_t nq, const BloomFilter* c,
                   const uint16_t* cpop, uint32_t nc, uint32_t scaled, uint32_t q_base,
                   uint32_t c_base, std::vector<DiceHit>& out) {
  for (uint32_t i = 0; i < nc; ++i) {
    for (uint32_t j = 0; j < nq; ++j) {
      const uint32_t common = portable_common(q[j], c[i]);
      if (common != 0 && (common << 17) >= scaled * (uint32_t{qpop[j]} + cpop[i]))
        out.push_back({q_base + j, c_base + i, common});
    }
  }
}

uint32_t tile_size(Isa isa) {
  return isa == Isa::kAvx512 ? 8 : 4;
}

TileFn tile_function(Isa isa) {
  if (isa == Isa::kPortable) return tile_portable;
  return x86_tile(isa);
}

}  // namespace detail

namespace {

JoinCounts join(FilterBatch qs, FilterBatch cs, DiceThreshold t, std::vector<DiceHit>& out, Isa isa,
                bool bounded) {
  JoinCounts counts;
  const detail::TileFn tile = detail::tile_function(isa);
  if (!tile || qs.size == 0 || cs.size == 0) return counts;
  const uint32_t step = detail::tile_size(isa);
  for (uint32_t c0 = 0; c0 < cs.size; c0 += kChunk) {
    const uint32_t c1 = std::min(cs.size, c0 + kChunk);
    for (uint32_t q0 = 0; q0 < qs.size; q0 += step) {
      const uint32_t q1 = std::min(qs.size, q0 + step);
      uint32_t lo = c0, hi = c1;
      if (bounded) {
        // The tile's queries are sorted, so the union of their partner ranges is one interval.
        const uint32_t min_b = t.min_partner(qs.popcounts[q0]);
        const uint32_t max_b = t.max_partner(qs.popcounts[q1 - 1]);
        lo = static_cast<uint32_t>(std::lower_bound(cs.popcounts + c0, cs.popcounts + c1, min_b) -
                                   cs.popcounts);
        hi = static_cast<uint32_t>(std::upper_bound(cs.popcounts + lo, cs.popcounts + c1, max_b) -
                                   cs.popcounts);
        counts.bounded += uint64_t{q1 - q0} * ((c1 - c0) - (hi > lo ? hi - lo : 0));
      }
      if (lo >= hi) continue;
      tile(qs.filters + q0, qs.popcounts + q0, q1 - q0, cs.filters + lo, cs.popcounts + lo, hi - lo,
           t.scaled(), q0, lo, out);
      counts.compared += uint64_t{q1 - q0} * (hi - lo);
    }
  }
  return counts;
}

}  // namespace

JoinCounts dice_join(FilterBatch queries, FilterBatch candidates, DiceThreshold t,
                     std::vector<DiceHit>& out, Isa isa) {
  return join(queries, candidates, t, out, isa, true);
}

JoinCounts dice_join_unbounded(FilterBatch queries, FilterBatch candidates, DiceThreshold t,
                               std::vector<DiceHit>& out, Isa isa) {
  return join(queries, candidates, t, out, isa, false);
}

void dice_join_reference(FilterBatch queries, FilterBatch candidates, DiceThreshold t,
                         std::vector<DiceHit>& out) {
  for (uint32_t j = 0; j < queries.size; ++j) {
    for (uint32_t i = 0; i < candidates.size; ++i) {
      const uint32_t common = portable_common(queries.filters[j], candidates.filters[i]);
      if (t.passes(common, uint32_t{queries.popcounts[j]} + candidates.popcounts[i]))
        out.push_back({j, i, common});
    }
  }
}

}  // namespace haven::linkage
