// A NormalizedName as the index keeps it: its strings replaced by StringPool ids and packed into
// one flat array per record, so a million children's names take little memory and comparing two
// spellings is comparing two integers. TokenRef is a view of one packed word.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "search/normalized_name.h"
#include "search/string_pool.h"

namespace haven::search {

enum TokenFlag : uint32_t {
  kTokenAlternative = 1u,  // another writing: may match, not required to
  kTokenPatronymic = 2u,
  kTokenNonLatin = 4u,  // written in (or merged with) another script
};

struct TokenRef {
  uint32_t flags = 0;
  uint32_t text = kUnknownId;           // the case-folded word
  std::span<const uint32_t> spellings;  // [0] primary
  std::span<const uint32_t> stems;      // [0] stem of the primary spelling
  std::span<const uint32_t> keys;
  std::span<const uint32_t> groups;  // NameVariants group ids (not pool ids)

  bool alternative() const { return flags & kTokenAlternative; }
  uint32_t primary() const { return spellings.empty() ? kUnknownId : spellings[0]; }
  uint32_t stem() const { return stems.empty() ? kUnknownId : stems[0]; }
};

inline constexpr size_t kMaxTokensPerName = 16;  // words plus alternative writings

// Appends the packed form of `name` to `out`. encode_name interns new strings; lookup_name only
// looks them up (unknown strings become kUnknownId), for queries that must not grow the pool.
void encode_name(const NormalizedName& name, StringPool& pool, std::vector<uint32_t>& out);
void lookup_name(const NormalizedName& name, const StringPool& pool, std::vector<uint32_t>& out);

// Reads the packed name starting at data[pos] into `tokens` (at most kMaxTokensPerName; the
// rest are skipped); returns the position after it.
size_t decode_name(std::span<const uint32_t> data, size_t pos, std::vector<TokenRef>& tokens);

}  // namespace haven::search
