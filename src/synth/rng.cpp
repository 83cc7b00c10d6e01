// xoshiro256** (Blackman and Vigna, 2018) seeded with SplitMix64, and the few distributions the
// generator needs, written out so that their results do not depend on the standard library.
#include "synth/rng.h"

#include <cassert>

namespace haven::synth {
namespace {

uint64_t rotl(uint64_t x, int k) {
  return (x << k) | (x >> (64 - k));
}

// The full 128-bit product a * b; both branches give the same bits.
void mul128(uint64_t a, uint64_t b, uint64_t& hi, uint64_t& lo) {
#if defined(__SIZEOF_INT128__)
  __extension__ using u128 = unsigned __int128;
  const u128 p = static_cast<u128>(a) * b;
  hi = static_cast<uint64_t>(p >> 64);
  lo = static_cast<uint64_t>(p);
#else
  const uint64_t a0 = a & 0xFFFFFFFFu, a1 = a >> 32, b0 = b & 0xFFFFFFFFu, b1 = b >> 32;
  const uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  const uint64_t mid = (p00 >> 32) + (p01 & 0xFFFFFFFFu) + (p10 & 0xFFFFFFFFu);
  hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
  lo = (mid << 32) | (p00 & 0xFFFFFFFFu);
#endif
}

}  // namespace

uint64_t mix64(uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

Rng::Rng(uint64_t seed, uint64_t stream) {
  // Seed and stream are hashed separately and combined, so neighbouring streams (0, 1, 2 …) of one
  // seed and neighbouring seeds of one stream all start far apart. SplitMix64 then fills the state,
  // which it can never leave all zero.
  uint64_t x = mix64(seed) ^ mix64(stream ^ 0xD1B54A32D192ED03ULL) * 0xA24BAED4963EE407ULL;
  for (uint64_t& word : s_) {
    x += 0x9E3779B97F4A7C15ULL;
    uint64_t z = x;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    word = z ^ (z >> 31);
  }
}

uint64_t Rng::next() {
  const uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

uint64_t Rng::below(uint64_t n) {
  assert(n > 0);
  // Lemire's multiply-and-shift: the high word of x * n is uniform in [0, n) once the few low words
  // that would bias it are rejected; a division is needed only on the rare path.
  uint64_t hi, lo;
  mul128(next(), n, hi, lo);
  if (lo < n) {
    const uint64_t threshold = (0 - n) % n;
    while (lo < threshold) mul128(next(), n, hi, lo);
  }
  return hi;
}

int64_t Rng::between(int64_t lo, int64_t hi) {
  assert(lo <= hi);
  const uint64_t span = static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo) + 1;
  if (span == 0) return static_cast<int64_t>(next());  // the whole 64-bit range
  return static_cast<int64_t>(static_cast<uint64_t>(lo) + below(span));
}

double Rng::unit() {
  return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

bool Rng::chance(double p) {
  if (p <= 0) return false;
  if (p >= 1) return true;
  return unit() < p;
}

double Rng::normal(double mean, double sd) {
  double sum = 0;
  for (int i = 0; i < 12; ++i) sum += unit();
  return mean + (sum - 6.0) * sd;
}

size_t Rng::pick(std::span<const uint64_t> cumulative) {
  assert(!cumulative.empty() && cumulative.back() > 0);
  const uint64_t r = below(cumulative.back());
  // The first running total above r (so entries of zero weight are never chosen), by a branch-free
  // binary search: the same answer as std::upper_bound without its mispredicted branches.
  const uint64_t* base = cumulative.data();
  size_t n = cumulative.size();
  while (n > 1) {
    const size_t half = n / 2;
    base = base[half - 1] <= r ? base + half : base;
    n -= half;
  }
  return static_cast<size_t>(base - cumulative.data()) + (*base <= r ? 1 : 0);
}

}  // namespace haven::synth
