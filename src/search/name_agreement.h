// How far two names agree, as a level for the match model and a reason for the explanation: the
// same word; the same after diacritic folding or transliteration (Bērziņa/Berzina,
// Щербаков/Szczerbakow); the same stem in another grammatical form (Kazlauskaitė/Kazlauskienė,
// Jónsson/Jónsdóttir); a known variant (Sasha/Aleksandr, Mohammed/Muhammad); alike in sound;
// a typo apart; similar; or different. For names of several words, the shorter name must agree
// word by word with some word of the longer one, in any order ("Anna" agrees with "Maria Anna").
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "search/encoded_name.h"
#include "search/string_pool.h"

namespace haven::search {

enum class NameReason : uint8_t {
  kExact,           // the same word as written (case aside)
  kFolded,          // the same letters once diacritics are folded (ä = a = ae)
  kTransliterated,  // the same in some convention's transliteration
  kPatronymic,      // the same parent's name, son/daughter form differs
  kGenderedForm,    // the same stem, gendered or case ending differs
  kVariant,         // a known variant or diminutive
  kPhonetic,        // spelt differently, sounds alike
  kTypo,            // one edit apart, or nearly equal
  kSimilar,         // similar, not close enough to be sure
  kPartial,         // some of several words agree
  kDisagree,
  kMissing,
};
std::string_view name_reason_text(NameReason r);  // "agrees after transliteration" …

// Levels of the match model's name fields (0 = strongest evidence).
inline constexpr size_t kNameLevels = 6;
uint8_t name_level(NameReason r);  // kMissing → 255

struct TokenAgreement {
  uint8_t level = 5;
  NameReason reason = NameReason::kDisagree;
};

struct FieldAgreement {
  uint8_t level = 255;  // 255 = missing
  NameReason reason = NameReason::kMissing;
  uint32_t agreeing_stem = kUnknownId;  // stem of the agreeing word of `b` (term frequencies)
  uint32_t agreeing_key = kUnknownId;   // its phonetic key, for levels 2–3 (a crowded
                                        // neighbourhood of similar names is weaker evidence)
  bool fewer_words = false;             // one side has words the other lacks ("Anna Maria"/"Anna")

  bool missing() const { return level == 255; }
};

// Remembers how alike two pool strings are once measured. A search compares its few words with
// the words of thousands of candidates, who share a few hundred common names between them, and a
// look-up here costs a fraction of Jaro–Winkler and the edit distance. For one thread; it holds at
// most kMaxEntries pairs and forgets them all when it is full.
class SimilarityMemo {
 public:
  struct Similarity {
    double jaro_winkler = 0;  // 0: not measured, the strings cannot reach a level
    uint8_t edits = 3;        // optimal string alignment distance, 3 = more than 2 or not measured
  };

  const Similarity* find(uint32_t x, uint32_t y) const;
  void put(uint32_t x, uint32_t y, Similarity s);

 private:
  static constexpr size_t kMaxEntries = size_t{1} << 15;
  struct Slot {
    uint64_t key = 0;  // (x << 32 | y) + 1; 0 = empty
    Similarity value;
  };
  size_t slot_of(uint64_t key) const;
  std::vector<Slot> slots_;
  size_t used_ = 0;
};

// Stateless apart from the pool it reads strings from; as thread-safe as the pool.
class NameComparator {
 public:
  explicit NameComparator(const StringPool& pool) : pool_(&pool) {}

  // With a memo, string similarities measured before are looked up instead (the same answer).
  TokenAgreement tokens(const TokenRef& a, const TokenRef& b, SimilarityMemo* memo = nullptr) const;

  // Agreement of name `a` with name `b` (both one field: family names, or given names).
  FieldAgreement field(std::span<const TokenRef> a, std::span<const TokenRef> b) const;

  // The same from a precomputed matrix: agreement(a_rows[i], b[j]) at matrix[a_rows[i] * stride +
  // j]. `a_rows` picks the words of a query that play this field.
  FieldAgreement field_from_matrix(std::span<const TokenRef> a, std::span<const uint8_t> a_rows,
                                   std::span<const TokenRef> b, const TokenAgreement* matrix,
                                   size_t stride) const;

 private:
  const StringPool* pool_;
};

}  // namespace haven::search
