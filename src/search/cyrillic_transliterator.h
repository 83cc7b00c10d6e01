// Russian and Ukrainian names in Latin letters the way officials of each convention write them:
// English (BGN/PCGN, through ICU's Russian-Latin/BGN and Ukrainian-Latin/BGN), the passport
// transliteration of the country of origin, and German, Polish, Latvian, Lithuanian, Scandinavian
// and Finnish/Estonian practice — Щербаков is Shcherbakov, Schtscherbakow, Szczerbakow, Ščerbakovs,
// Ščerbakovas, Sjtjerbakov and Štšerbakov. ICU's generic Any-Latin ("Ŝerbakov") is deliberately
// not used: no register writes names that way.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "search/icu_transliterator.h"

namespace haven::search {

enum class CyrillicConvention : uint8_t {
  kEnglish,       // BGN/PCGN (ICU): Shcherbakov, Yuliya
  kPassport,      // Russia ICAO 9303, Ukraine KMU 2010: Shcherbakov, Iuliia
  kGerman,        // Duden: Schtscherbakow, Julija
  kPolish,        // Szczerbakow, Julija
  kLatvian,       // with Latvian endings: Ščerbakovs, Aleksandrs
  kLithuanian,    // with Lithuanian endings: Ščerbakovas, Aleksandras
  kScandinavian,  // Swedish practice, close to Danish and Norwegian: Sjtjerbakov
  kFinnish,       // Finnish and Estonian: Štšerbakov
};
inline constexpr size_t kCyrillicConventionCount = 8;
std::string_view cyrillic_convention_name(CyrillicConvention c);  // "en", "passport", "de" …

enum class CyrillicLanguage : uint8_t { kRussian, kUkrainian };

// Immutable after create(); thread-safe (the ICU transforms are pooled, see IcuTransliterator).
class CyrillicTransliterator {
 public:
  static core::Result<CyrillicTransliterator> create();

  // Ukrainian if the word has і ї є ґ or the apostrophe, Russian if it has ё ы э ъ, otherwise
  // `fallback`.
  static CyrillicLanguage guess_language(std::u32string_view lower_word,
                                         CyrillicLanguage fallback = CyrillicLanguage::kRussian);

  // One lower-case Cyrillic word in Latin letters under one convention (lower case, with the
  // convention's diacritics).
  std::u32string spell(std::u32string_view lower_word, CyrillicLanguage language,
                       CyrillicConvention convention) const;
  // Every convention's spelling, distinct, English first.
  std::vector<std::u32string> all_spellings(std::u32string_view lower_word,
                                            CyrillicLanguage language) const;

 private:
  CyrillicTransliterator(IcuTransliterator russian, IcuTransliterator ukrainian);
  IcuTransliterator russian_bgn_;
  IcuTransliterator ukrainian_bgn_;
};

}  // namespace haven::search
