// The similarity kernel: every pair of two batches of Bloom filters whose Dice coefficient reaches
// a threshold, using the best population-count instructions the CPU offers (chosen at run time, so
// one binary runs on any x86-64), precomputed popcounts, the count bound, and query tiling.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "linkage/bloom_filter.h"

namespace haven::linkage {

// Instruction sets the kernel has a variant for, slowest first.
enum class Isa : uint8_t {
  kPortable,  // plain C++ (std::popcount without POPCNT): the reference
  kPopcnt,    // scalar 64-bit POPCNT, four queries per candidate load
  kAvx2,      // AVX2 nibble-lookup (pshufb) popcount, four queries per candidate load
  kAvx512,    // AVX-512F + VPOPCNTQ, eight queries held in registers
};
std::string_view isa_name(Isa isa);  // "portable", "popcnt", "avx2", "avx512"
// Whether this CPU (and OS: the vector state is enabled) runs the variant.
bool isa_supported(Isa isa);
// The fastest supported variant, detected once.
Isa best_isa();

// A Dice threshold t in (0, 1], held as t·65536 rounded, so that every variant decides with the
// same integer arithmetic: a pair passes when common > 0 and 131072·common ≥ scaled·(|A|+|B|).
class DiceThreshold {
 public:
  static core::Result<DiceThreshold> create(double t);

  uint32_t scaled() const { return scaled_; }
  double value() const { return scaled_ / 65536.0; }
  bool passes(uint32_t common, uint32_t popcount_sum) const {
    return common != 0 && (common << 17) >= scaled_ * popcount_sum;
  }
  // The count bound: Dice ≤ 2·min(a,b)/(a+b), so a filter of popcount a can reach the threshold
  // only with partners whose popcount lies in [min_partner(a), max_partner(a)].
  uint32_t min_partner(uint32_t a) const;
  uint32_t max_partner(uint32_t a) const;

 private:
  explicit DiceThreshold(uint32_t scaled) : scaled_(scaled) {}
  uint32_t scaled_;
};

// Filters with their popcounts (|A|, computed once per record), contiguous. For dice_join the
// popcounts must be in ascending order (the count bound relies on it).
struct FilterBatch {
  const BloomFilter* filters = nullptr;
  const uint16_t* popcounts = nullptr;
  uint32_t size = 0;
};

// A pair that reached the threshold: indexes into the two batches and |A∧B|.
struct DiceHit {
  uint32_t query = 0;
  uint32_t candidate = 0;
  uint32_t common = 0;
  friend auto operator<=>(const DiceHit&, const DiceHit&) = default;
};

struct JoinCounts {
  uint64_t compared = 0;  // pairs whose filters were actually ANDed
  uint64_t bounded = 0;   // pairs skipped by the count bound without touching the filters
};

// Appends to `out` every (query, candidate) pair with Dice ≥ t, in no particular order (the set is
// the same for every Isa). Both batches must be sorted by popcount. `isa` must be
// supported. Candidates are walked in cache-sized chunks, queries in register tiles of 8 (AVX-512)
// or 4, and for each tile only the candidates the count bound allows are compared.
JoinCounts dice_join(FilterBatch queries, FilterBatch candidates, DiceThreshold t,
                     std::vector<DiceHit>& out, Isa isa = best_isa());
// The same without the count bound (batches in any order): every pair is compared.
JoinCounts dice_join_unbounded(FilterBatch queries, FilterBatch candidates, DiceThreshold t,
                               std::vector<DiceHit>& out, Isa isa = best_isa());
// The plain double loop every variant is tested against.
void dice_join_reference(FilterBatch queries, FilterBatch candidates, DiceThreshold t,
                         std::vector<DiceHit>& out);

namespace detail {
// One register tile: up to `tile_size(isa)` queries against nc candidates. Hits carry q_base +
// query offset and c_base + candidate offset.
using TileFn = void (*)(const BloomFilter* q, const uint16_t* qpop, uint32_t nq,
                        const BloomFilter* c, const uint16_t* cpop, uint32_t nc, uint32_t scaled,
                        uint32_t q_base, uint32_t c_base, std::vector<DiceHit>& out);
uint32_t tile_size(Isa isa);
TileFn tile_function(Isa isa);
}  // namespace detail

}  // namespace haven::linkage
