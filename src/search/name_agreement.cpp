// Token agreement from the cheapest test to the dearest (id equality, small-set intersections,
// then Jaro–Winkler and bounded edit distance), and the word-by-word combination for whole names.
#include "search/name_agreement.h"

#include <algorithm>
#include <array>
#include <bit>
#include <string>
#include <utility>

#include "search/string_similarity.h"

namespace haven::search {
namespace {

bool intersects(std::span<const uint32_t> a, std::span<const uint32_t> b) {
  for (uint32_t x : a) {
    if (x == kUnknownId) continue;
    for (uint32_t y : b)
      if (x == y) return true;
  }
  return false;
}

// An upper bound of Jaro–Winkler from letter counts alone: Jaro's matches cannot exceed the
// letters the two strings have in common. Lets most unlike pairs skip the real computation.
double jaro_winkler_bound(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return 0.0;
  std::array<int16_t, 27> counts{};
  for (char c : a) ++counts[c >= 'a' && c <= 'z' ? c - 'a' : 26];
  size_t common = 0;
  for (char c : b) {
    int16_t& n = counts[c >= 'a' && c <= 'z' ? c - 'a' : 26];
    if (n > 0) {
      --n;
      ++common;
    }
  }
  const double m = static_cast<double>(common);
  const double jaro =
      (m / static_cast<double>(a.size()) + m / static_cast<double>(b.size()) + 1.0) / 3.0;
  return jaro + 0.4 * (1.0 - jaro);
}

}  // namespace

std::string_view name_reason_text(NameReason r) {
  switch (r) {
    case NameReason::kExact:
      return "agrees";
    case NameReason::kFolded:
      return "agrees apart from diacritics";
    case NameReason::kTransliterated:
      return "agrees after transliteration";
    case NameReason::kPatronymic:
      return "has the same parent's name (son/daughter form differs)";
    case NameReason::kGenderedForm:
      return "has the same stem in another gendered or case form";
    case NameReason::kVariant:
      return "is a known variant of the same name";
    case NameReason::kPhonetic:
      return "sounds alike, spelt differently";
    case NameReason::kTypo:
      return "differs by a typing error";
    case NameReason::kSimilar:
      return "is similar";
    case NameReason::kPartial:
      return "agrees in part";
    case NameReason::kDisagree:
      return "differs";
    case NameReason::kMissing:
      break;
  }
  return "is missing";
}

uint8_t name_level(NameReason r) {
  switch (r) {
    case NameReason::kExact:
    case NameReason::kFolded:
    case NameReason::kTransliterated:
      return 0;
    case NameReason::kPatronymic:
    case NameReason::kGenderedForm:
    case NameReason::kVariant:
      return 1;
    case NameReason::kPhonetic:
      return 2;
    case NameReason::kTypo:
      return 3;
    case NameReason::kSimilar:
    case NameReason::kPartial:
      return 4;
    case NameReason::kDisagree:
      return 5;
    case NameReason::kMissing:
      break;
  }
  return 255;
}

size_t SimilarityMemo::slot_of(uint64_t key) const {
  // Fibonacci hashing onto the table's power-of-two size, then linear probing.
  const int bits = std::countr_zero(slots_.size());
  size_t i = static_cast<size_t>((key * 0x9E3779B97F4A7C15ULL) >> (64 - bits));
  while (slots_[i].key != 0 && slots_[i].key != key) i = (i + 1) & (slots_.size() - 1);
  return i;
}

const SimilarityMemo::Similarity* SimilarityMemo::find(uint32_t x, uint32_t y) const {
  if (slots_.empty()) return nullptr;
  const uint64_t key = (uint64_t{x} << 32 | y) + 1;
  const Slot& s = slots_[slot_of(key)];
  return s.key == key ? &s.value : nullptr;
}

void SimilarityMemo::put(uint32_t x, uint32_t y, Similarity value) {
  if (2 * (used_ + 1) > slots_.size()) {  // keep the table at most half full
    if (slots_.size() >= kMaxEntries * 2) {
      std::fill(slots_.begin(), slots_.end(), Slot{});
      used_ = 0;
    } else {
      std::vector<Slot> old =
          std::exchange(slots_, std::vector<Slot>(std::max<size_t>(1024, slots_.size() * 2)));
      used_ = 0;
      for (const Slot& s : old)
        if (s.key != 0) {
          slots_[slot_of(s.key)] = s;
          ++used_;
        }
    }
  }
  const uint64_t key = (uint64_t{x} << 32 | y) + 1;
  Slot& s = slots_[slot_of(key)];
  if (s.key == 0) ++used_;
  s = {key, value};
}

TokenAgreement NameComparator::tokens(const TokenRef& a, const TokenRef& b,
                                      SimilarityMemo* memo) const {
  auto make = [](NameReason r) { return TokenAgreement{name_level(r), r}; };
  const bool non_latin = ((a.flags | b.flags) & kTokenNonLatin) != 0;
  if (a.text != kUnknownId && a.text == b.text) return make(NameReason::kExact);
  if (a.primary() != kUnknownId && a.primary() == b.primary()) {
    return make(non_latin ? NameReason::kTransliterated : NameReason::kFolded);
  }
  if (intersects(a.spellings, b.spellings)) {
    return make(non_latin || a.spellings.size() > 2 || b.spellings.size() > 2
                    ? NameReason::kTransliterated
                    : NameReason::kFolded);
  }
  if (intersects(a.stems, b.stems)) {
    return make((a.flags | b.flags) & kTokenPatronymic ? NameReason::kPatronymic
                                                       : NameReason::kGenderedForm);
  }
  if (intersects(a.groups, b.groups)) return make(NameReason::kVariant);
  if (intersects(a.keys, b.keys)) return make(NameReason::kPhonetic);

  // String similarity on the primary spellings (and, across scripts, a few others).
  double jw = 0;
  size_t edits = 3;
  auto measure = [&](uint32_t x, uint32_t y) {
    SimilarityMemo::Similarity s;
    const std::string_view sx = pool_->get(x), sy = pool_->get(y);
    const size_t length_gap = sx.size() > sy.size() ? sx.size() - sy.size() : sy.size() - sx.size();
    if (length_gap > 2 && jaro_winkler_bound(sx, sy) < 0.85) return s;  // cannot reach a level
    s.jaro_winkler = jaro_winkler(sx, sy);
    if (std::min(sx.size(), sy.size()) >= 4 && length_gap <= 2)
      s.edits = static_cast<uint8_t>(std::min<size_t>(3, osa_distance(sx, sy, 2)));
    return s;
  };
  auto consider = [&](uint32_t x, uint32_t y) {
    if (x == kUnknownId || y == kUnknownId) return;
    SimilarityMemo::Similarity s;
    if (const SimilarityMemo::Similarity* known = memo ? memo->find(x, y) : nullptr) {
      s = *known;
    } else {
      s = measure(x, y);
      if (memo) memo->put(x, y, s);
    }
    jw = std::max(jw, s.jaro_winkler);
    edits = std::min<size_t>(edits, s.edits);
  };
  consider(a.primary(), b.primary());
  if (non_latin) {
    for (size_t k = 1; k < std::min<size_t>(b.spellings.size(), 4); ++k)
      consider(a.primary(), b.spellings[k]);
    for (size_t k = 1; k < std::min<size_t>(a.spellings.size(), 4); ++k)
      consider(a.spellings[k], b.primary());
  }
  if (edits <= 1 || jw >= 0.93) return make(NameReason::kTypo);
  if (jw >= 0.85 || edits <= 2) return make(NameReason::kSimilar);
  return make(NameReason::kDisagree);
}

FieldAgreement NameComparator::field_from_matrix(std::span<const TokenRef> a,
                                                 std::span<const uint8_t> a_rows,
                                                 std::span<const TokenRef> b,
                                                 const TokenAgreement* matrix,
                                                 size_t stride) const {
  FieldAgreement out;
  size_t a_required = 0, b_required = 0;
  for (uint8_t i : a_rows)
    if (!a[i].alternative()) ++a_required;
  for (const auto& t : b)
    if (!t.alternative()) ++b_required;
  if (a_required == 0 || b_required == 0) return out;
  out.fewer_words = a_required != b_required;

  // The side with fewer required words must agree word by word with the other.
  auto cell = [&](size_t i, size_t j) -> const TokenAgreement& {
    return matrix[a_rows[i] * stride + j];
  };
  TokenAgreement worst{0, NameReason::kExact};
  TokenAgreement best{5, NameReason::kDisagree};
  size_t best_j = 0;
  auto note = [&](const TokenAgreement& t, size_t j_of_b) {
    if (t.level > worst.level || (t.level == worst.level && t.reason > worst.reason)) worst = t;
    if (t.level < best.level) {
      best = t;
      best_j = j_of_b;
    }
  };
  if (a_required <= b_required) {
    for (size_t i = 0; i < a_rows.size(); ++i) {
      if (a[a_rows[i]].alternative()) continue;
      TokenAgreement row{5, NameReason::kDisagree};
      size_t row_j = 0;
      for (size_t j = 0; j < b.size(); ++j) {
        const TokenAgreement& t = cell(i, j);
        if (t.level < row.level || (t.level == row.level && t.reason < row.reason)) {
          row = t;
          row_j = j;
        }
      }
      note(row, row_j);
    }
  } else {
    for (size_t j = 0; j < b.size(); ++j) {
      if (b[j].alternative()) continue;
      TokenAgreement col{5, NameReason::kDisagree};
      for (size_t i = 0; i < a_rows.size(); ++i) {
        const TokenAgreement& t = cell(i, j);
        if (t.level < col.level || (t.level == col.level && t.reason < col.reason)) col = t;
      }
      note(col, j);
    }
  }
  if (worst.level >= 4 && best.level <= 1 && std::max(a_required, b_required) > 1) {
    out.level = name_level(NameReason::kPartial);
    out.reason = NameReason::kPartial;
  } else {
    out.level = worst.level;
    out.reason = worst.reason;
    // "Anna" against "Anna Maria" agrees, but less surely than "Anna Maria" against itself: the
    // shorter name may be a dropped second name or another child's other name.
    if (out.fewer_words && out.level == 0) out.level = 1;
  }
  if (best.level <= 1) out.agreeing_stem = b[best_j].stem();
  if (best.level <= 3 && !b[best_j].keys.empty()) out.agreeing_key = b[best_j].keys[0];
  return out;
}

FieldAgreement NameComparator::field(std::span<const TokenRef> a,
                                     std::span<const TokenRef> b) const {
  std::array<TokenAgreement, kMaxTokensPerName * kMaxTokensPerName> matrix;
  std::array<uint8_t, kMaxTokensPerName> rows;
  const size_t na = std::min(a.size(), kMaxTokensPerName);
  const size_t nb = std::min(b.size(), kMaxTokensPerName);
  for (size_t i = 0; i < na; ++i) {
    rows[i] = static_cast<uint8_t>(i);
    for (size_t j = 0; j < nb; ++j) matrix[i * nb + j] = tokens(a[i], b[j]);
  }
  FieldAgreement out = field_from_matrix(a.first(na), std::span<const uint8_t>(rows.data(), na),
                                         b.first(nb), matrix.data(), nb);
  // One word against several: "Annalena" is "Anna-Lena" written together.
  if (!out.missing() && out.level > 0) {
    auto joined = [&](std::span<const TokenRef> many) {
      std::string s;
      for (const auto& t : many)
        if (!t.alternative() && t.primary() != kUnknownId) s += pool_->get(t.primary());
      return s;
    };
    auto single = [&](std::span<const TokenRef> one) -> std::string_view {
      size_t n = 0;
      uint32_t id = kUnknownId;
      for (const auto& t : one)
        if (!t.alternative()) ++n, id = t.primary();
      return n == 1 && id != kUnknownId ? pool_->get(id) : std::string_view();
    };
    const std::string_view sa = single(a.first(na)), sb = single(b.first(nb));
    if ((!sa.empty() && sa == joined(b.first(nb))) || (!sb.empty() && sb == joined(a.first(na)))) {
      out.level = 0;
      out.reason = NameReason::kFolded;
    }
  }
  return out;
}

}  // namespace haven::search
