// The 1024-bit Bloom filter every linkage record is encoded into (a cryptographic long-term key,
// CLK), kept as a cache-line-aligned block of sixteen 64-bit words so the similarity kernel can
// load it with two AVX-512 or four AVX2 loads.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>

namespace haven::linkage {

inline constexpr size_t kFilterBits = 1024;
inline constexpr size_t kFilterWords = kFilterBits / 64;
inline constexpr size_t kFilterBytes = kFilterBits / 8;

// A value type; 128 bytes, aligned to 64 so that a std::vector of them never splits one across
// more cache lines than it must.
struct alignas(64) BloomFilter {
  std::array<uint64_t, kFilterWords> words{};

  void set(size_t bit) { words[bit / 64] |= uint64_t{1} << (bit % 64); }
  bool test(size_t bit) const { return (words[bit / 64] >> (bit % 64)) & 1u; }
  uint32_t popcount() const {
    uint32_t n = 0;
    for (uint64_t w : words) n += static_cast<uint32_t>(std::popcount(w));
    return n;
  }
  friend bool operator==(const BloomFilter&, const BloomFilter&) = default;
};
static_assert(sizeof(BloomFilter) == kFilterBytes);

// |A ∧ B|: the number of bits set in both.
inline uint32_t common_bits(const BloomFilter& a, const BloomFilter& b) {
  uint32_t n = 0;
  for (size_t i = 0; i < kFilterWords; ++i)
    n += static_cast<uint32_t>(std::popcount(a.words[i] & b.words[i]));
  return n;
}

// The Dice coefficient 2|A∧B| / (|A|+|B|); 0 for two empty filters.
inline double dice(const BloomFilter& a, const BloomFilter& b) {
  const uint32_t total = a.popcount() + b.popcount();
  return total == 0 ? 0.0 : 2.0 * common_bits(a, b) / total;
}

}  // namespace haven::linkage
