// Turns a name as typed (any script, any case, with or without diacritics) into a NormalizedName:
// Unicode NFKC with case folding, words split at spaces, hyphens and punctuation, each word
// transliterated to Latin with the transform its script and language call for, and every
// spelling officials use for it, its stems and phonetic keys, and its variant groups. This is the
// one place name rules are applied; search, duplicate detection and cross-border linkage ([X1])
// all read its output.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.h"
#include "search/cyrillic_transliterator.h"
#include "search/icu_transliterator.h"
#include "search/name_inflection.h"
#include "search/normalized_name.h"

namespace haven::search {

struct NormalizerLimits {
  size_t max_code_points = 200;  // longer input is rejected, not truncated
  size_t max_tokens = 8;         // further words are ignored (NormalizedName::truncated)
  size_t max_spellings = 12;     // per word
};

// Which part of a name a text is; kAny for free-text search, where a word may be either.
enum class NamePart : uint8_t { kGiven, kFamily, kAny };

// Immutable after create(). Thread-safe: normalize() may be called from many threads at once (the
// ICU transforms it uses are pooled per call, see IcuTransliterator). Creating one is expensive
// (ICU compiles the transforms): create it once per process and share it.
class NameNormalizer {
 public:
  static core::Result<NameNormalizer> create(NormalizerLimits limits = {});

  // Errors (ErrorCode::kInvalidInput, user-facing messages): invalid UTF-8; longer than
  // max_code_points. A text with no letters (digits, emoji) gives an empty name, not an error.
  // `language` (ISO 639-1, optional) disambiguates Cyrillic: "uk" → Ukrainian, "ru" → Russian;
  // otherwise both spellings are kept when the letters do not tell.
  core::Result<NormalizedName> normalize(std::string_view text, NamePart part,
                                         std::string_view language = {}) const;

  // Adds another writing of the same name (the original script, an alias): merged word by word
  // into `name` when the word counts agree, otherwise appended as alternative words. Invalid or
  // over-long text is ignored.
  void add_writing(NormalizedName& name, std::string_view other, NamePart part,
                   std::string_view language = {}) const;

  // NFKC_Casefold (ICU): "ÞÓRUNN" → "þórunn", "ﬁ" → "fi", "Straße" → "strasse". Input must be valid
  // UTF-8.
  static std::string casefold(std::string_view utf8);

  // The normalization of one case-folded word (exposed for tests and for linkage encoders).
  NameToken normalize_word(std::u32string_view folded_word, NamePart part,
                           std::string_view language = {}) const;

  const NormalizerLimits& limits() const { return limits_; }

 private:
  NameNormalizer(NormalizerLimits limits, CyrillicTransliterator cyrillic,
                 IcuTransliterator ethiopic, IcuTransliterator other);

  NormalizerLimits limits_;
  CyrillicTransliterator cyrillic_;
  IcuTransliterator ethiopic_;  // Ethiopic-Latin (Tigrinya, Amharic)
  IcuTransliterator other_;     // Any-Latin for Greek, Armenian, Georgian, Hebrew, CJK …
};

}  // namespace haven::search
