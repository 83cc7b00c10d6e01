// What the hub sends back after a linkage run: to each country, only its own record references,
// each beside a link number the two countries share. No score, no rank, no other country's data.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "linkage/assignment.h"
#include "linkage/encoding_set.h"

namespace haven::linkage {

struct LinkRow {
  uint64_t link = 0;    // the same number in both countries' lists names the same candidate pair
  uint64_t record = 0;  // this country's own record reference
  friend bool operator==(const LinkRow&, const LinkRow&) = default;
};

struct CountryLinks {
  std::vector<LinkRow> a;  // for the country that sent set a, sorted by link
  std::vector<LinkRow> b;  // for the country that sent set b, sorted by link
};

// Link numbers are a keyed hash of the pair under `run_key` (32 random bytes the hub draws per
// run and then forgets), so they reveal nothing and the lists' order (by link number) carries no
// trace of the scores or of the other country's order.
CountryLinks split_for_countries(const EncodingSet& a, const EncodingSet& b,
                                 std::span<const ScoredPair> pairs,
                                 const std::array<uint8_t, 32>& run_key);

}  // namespace haven::linkage
