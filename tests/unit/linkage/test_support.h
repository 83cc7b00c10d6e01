// Small builders shared by the linkage tests: a fixed secret, one child's fields, and random
// filters with a chosen fill.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/date.h"
#include "linkage/bloom_encoder.h"
#include "linkage/dice_kernel.h"
#include "linkage/linkage_secret.h"

namespace haven::linkage::testing {

inline LinkageSecret secret(uint8_t seed = 1) {
  std::array<uint8_t, LinkageSecret::kBytes> bytes;
  for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<uint8_t>(seed * 131 + i * 7 + 3);
  return LinkageSecret::from_bytes(bytes).value();
}

inline BloomEncoder encoder(uint8_t seed = 1, EncoderParams params = {}) {
  return BloomEncoder::create(secret(seed), params).value();
}

// A child's fields; the strings live in the struct so LinkageFields views stay valid.
struct Child {
  std::string given, family;
  std::optional<core::Date> birth;
  Sex sex = Sex::kFemale;

  Child(std::string g, std::string f, const char* date, Sex s = Sex::kFemale)
      : given(std::move(g)), family(std::move(f)), sex(s) {
    if (date) birth = core::Date::parse(date);
  }
  LinkageFields fields() const { return {given, family, birth, sex, salt_from_sex(sex)}; }
};

inline EncodedRecord encode(const BloomEncoder& e, const Child& c) {
  EncodedRecord out;
  if (auto st = e.encode_into(c.fields(), out); !st.ok())
    throw std::runtime_error(st.error().message);
  return out;
}

// encode_into's status alone.
inline core::Status try_encode(const BloomEncoder& e, const LinkageFields& f) {
  EncodedRecord out;
  return e.encode_into(f, out);
}

inline double dice_of(const BloomEncoder& e, const Child& a, const Child& b) {
  return dice(encode(e, a).filter, encode(e, b).filter);
}

// n filters, each bit set with a probability drawn per filter from [lo, hi], sorted by popcount.
struct RandomFilters {
  std::vector<BloomFilter> filters;
  std::vector<uint16_t> pops;
  FilterBatch batch() const {
    return {filters.data(), pops.data(), static_cast<uint32_t>(filters.size())};
  }
};

inline RandomFilters random_filters(size_t n, double lo, double hi, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> fill(lo, hi), u(0, 1);
  std::vector<BloomFilter> raw(n);
  for (auto& f : raw) {
    const double p = fill(rng);
    for (size_t bit = 0; bit < kFilterBits; ++bit)
      if (u(rng) < p) f.set(bit);
  }
  // Sorted through an index: a 64-byte-aligned type is better not passed around by value.
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](size_t x, size_t y) { return raw[x].popcount() < raw[y].popcount(); });
  RandomFilters out;
  for (size_t i : order) out.filters.push_back(raw[i]);
  for (const auto& f : out.filters) out.pops.push_back(static_cast<uint16_t>(f.popcount()));
  return out;
}

}  // namespace haven::linkage::testing
