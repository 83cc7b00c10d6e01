// The deterministic random source of the synthetic population: xoshiro256** seeded through
// SplitMix64, with every draw defined here bit for bit, so a seed gives byte-identical data on any
// compiler and library.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace haven::synth {

// SplitMix64's output function: a fast, well-mixed bijection of 64-bit values.
uint64_t mix64(uint64_t x);

// A small, fast pseudo-random generator (not for secrets). Rng(seed, stream) gives an independent
// sequence per stream, so record i can be generated from Rng(seed, i) in any order, in parallel, or
// resumed half-way, with the same result. Standard-library distributions are deliberately not used:
// their output differs between implementations. A value type; copy it to fork a sequence. Not
// thread-safe.
class Rng {
 public:
  explicit Rng(uint64_t seed, uint64_t stream = 0);

  // 64 uniformly distributed bits.
  uint64_t next();
  // Uniform in [0, n); n must be > 0. Unbiased (rejection sampling).
  uint64_t below(uint64_t n);
  // Uniform in [lo, hi], both included; lo <= hi.
  int64_t between(int64_t lo, int64_t hi);
  // Uniform in [0, 1), a multiple of 2^-53.
  double unit();
  // True with probability p (p <= 0 never, p >= 1 always).
  bool chance(double p);
  // Approximately normal (sum of 12 uniforms, so within mean ± 6 sd); uses no libm function, so it
  // is reproducible everywhere.
  double normal(double mean, double sd);
  // An index i drawn with probability (cumulative[i] - cumulative[i-1]) / cumulative.back(): binary
  // search over running totals of integer weights. `cumulative` must be non-empty, non-decreasing,
  // back() > 0.
  size_t pick(std::span<const uint64_t> cumulative);

 private:
  uint64_t s_[4];
};

}  // namespace haven::synth
