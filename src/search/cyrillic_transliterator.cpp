// The per-convention tables: consonants differ by convention (щ = shch, schtsch, szcz, šč, sjtj,
// štš); iotated vowels (е ё ю я є ї) depend on position (word start or after a vowel: je/ye, else
// e/ie); Latvian and Lithuanian add their case endings. English goes through ICU's BGN transforms.
#include "search/cyrillic_transliterator.h"

#include <algorithm>

#include "search/codepoints.h"

namespace haven::search {
namespace {

constexpr std::u32string_view kRuVowels = U"аеёиоуыэюя";
constexpr std::u32string_view kUkVowels = U"аеєиіїоуюя";

bool is_vowel(char32_t c) {
  return kRuVowels.find(c) != std::u32string_view::npos ||
         kUkVowels.find(c) != std::u32string_view::npos;
}
bool is_latin_vowel(char32_t c) {
  return std::u32string_view(U"aeiouyõäöüāēīūė").find(c) != std::u32string_view::npos;
}

// The consonants that differ between conventions: ж х ц ч ш щ, and в з г.
struct Consonants {
  std::u32string_view zh, kh, ts, ch, sh, shch, v, z;
};

Consonants consonants_for(CyrillicConvention c) {
  switch (c) {
    case CyrillicConvention::kGerman:
      return {U"sch", U"ch", U"z", U"tsch", U"sch", U"schtsch", U"w", U"s"};
    case CyrillicConvention::kPolish:
      return {U"ż", U"ch", U"c", U"cz", U"sz", U"szcz", U"w", U"z"};
    case CyrillicConvention::kLatvian:
      return {U"ž", U"h", U"c", U"č", U"š", U"šč", U"v", U"z"};
    case CyrillicConvention::kLithuanian:
      return {U"ž", U"ch", U"c", U"č", U"š", U"šč", U"v", U"z"};
    case CyrillicConvention::kScandinavian:
      return {U"zj", U"ch", U"ts", U"tj", U"sj", U"sjtj", U"v", U"z"};
    case CyrillicConvention::kFinnish:
      return {U"ž", U"h", U"ts", U"tš", U"š", U"štš", U"v", U"z"};
    case CyrillicConvention::kEnglish:
    case CyrillicConvention::kPassport:
      break;
  }
  return {U"zh", U"kh", U"ts", U"ch", U"sh", U"shch", U"v", U"z"};
}

// Plain (non-ICU) transliteration of one lower-case word.
std::u32string spell_plain(std::u32string_view w, bool uk, CyrillicConvention conv) {
  const Consonants cons = consonants_for(conv);
  const bool passport = conv == CyrillicConvention::kPassport;
  std::u32string out;
  out.reserve(w.size() * 2);
  const size_t n = w.size();
  for (size_t i = 0; i < n; ++i) {
    const char32_t c = w[i];
    const char32_t prev = i > 0 ? w[i - 1] : 0;
    const char32_t next = i + 1 < n ? w[i + 1] : 0;
    const bool initial = i == 0;
    const bool after_vowel = prev != 0 && (is_vowel(prev) || prev == U'ь' || prev == U'ъ' ||
                                           prev == U'\'' || prev == U'ʼ');
    const bool iotated = initial || after_vowel;
    const bool final = i + 1 == n;
    switch (c) {
      case U'а':
        out += U"a";
        break;
      case U'б':
        out += U"b";
        break;
      case U'в':
        out += cons.v;
        break;
      case U'г':
        out += uk ? U"h" : U"g";
        break;
      case U'ґ':
        out += U"g";
        break;
      case U'д':
        out += U"d";
        break;
      case U'ж':
        out += cons.zh;
        break;
      case U'з':
        out += cons.z;
        break;
      case U'к':
        out += U"k";
        break;
      case U'л':
        if (conv == CyrillicConvention::kPolish) {
          const bool soft =
              std::u32string_view(U"ьеёиюяєії").find(next) != std::u32string_view::npos;
          out += soft ? U"l" : U"ł";
        } else if (conv == CyrillicConvention::kLatvian && next == U'ь') {
          out += U"ļ";
        } else {
          out += U"l";
        }
        break;
      case U'м':
        out += U"m";
        break;
      case U'н':
        if (conv == CyrillicConvention::kPolish && next == U'ь') {
          out += U"ń";
        } else if (conv == CyrillicConvention::kLatvian && next == U'ь') {
          out += U"ņ";
        } else {
          out += U"n";
        }
        break;
      case U'о':
        out += U"o";
        break;
      case U'п':
        out += U"p";
        break;
      case U'р':
        out += U"r";
        break;
      case U'с':
        out += U"s";
        break;
      case U'т':
        out += U"t";
        break;
      case U'у':
        out += U"u";
        break;
      case U'ф':
        out += U"f";
        break;
      case U'х':
        out += cons.kh;
        break;
      case U'ц':
        out += cons.ts;
        break;
      case U'ч':
        out += cons.ch;
        break;
      case U'ш':
        out += cons.sh;
        break;
      case U'щ':
        out += cons.shch;
        break;
      case U'ъ':
        out += passport && !uk ? U"ie" : U"";
        break;
      case U'ь':
        if (!passport && (next == U'о' || next == U'и') && conv != CyrillicConvention::kPolish)
          out += U"j";
        break;
      case U'ы':
        out += conv == CyrillicConvention::kLatvian ? U"i" : U"y";
        break;
      case U'э':
        out += U"e";
        break;
      case U'и':
        if (uk) {
          out += conv == CyrillicConvention::kLatvian ? U"i" : U"y";
        } else {
          out += conv == CyrillicConvention::kPolish &&
                         std::u32string_view(U"жшц").find(prev) != std::u32string_view::npos
                     ? U"y"
                     : U"i";
        }
        break;
      case U'і':
        out += U"i";
        break;
      case U'ї':
        if (passport) {
          out += initial ? U"yi" : U"i";
        } else {
          out += U"ji";
        }
        break;
      case U'й':
        if (passport) {
          out += uk && initial ? U"y" : U"i";
        } else if ((conv == CyrillicConvention::kGerman || conv == CyrillicConvention::kFinnish) &&
                   (final || !is_vowel(next))) {
          out += U"i";
        } else {
          out += U"j";
        }
        break;
      case U'е':
        if (passport) {
          out += U"e";
        } else if (iotated) {
          out += U"je";
        } else if (conv == CyrillicConvention::kPolish && !uk &&
                   std::u32string_view(U"жшчщцлр").find(prev) == std::u32string_view::npos) {
          out += U"ie";
        } else {
          out += U"e";
        }
        break;
      case U'є':
        if (passport) {
          out += initial ? U"ye" : U"ie";
        } else if (!iotated && (conv == CyrillicConvention::kPolish ||
                                conv == CyrillicConvention::kLithuanian)) {
          out += U"ie";
        } else {
          out += U"je";
        }
        break;
      case U'ё':
        if (passport) {
          out += U"e";
        } else if (std::u32string_view(U"жчшщ").find(prev) != std::u32string_view::npos) {
          out += U"o";
        } else if (!iotated && (conv == CyrillicConvention::kPolish ||
                                conv == CyrillicConvention::kLithuanian)) {
          out += prev == U'л' ? U"o" : U"io";
        } else {
          out += U"jo";
        }
        break;
      case U'ю':
      case U'я': {
        const char32_t v = c == U'ю' ? U'u' : U'a';
        if (passport) {
          out += uk && initial ? U'y' : U'i';
        } else if (!iotated && (conv == CyrillicConvention::kPolish ||
                                conv == CyrillicConvention::kLithuanian)) {
          if (prev != U'л') out += U'i';
        } else {
          out += U'j';
        }
        out += v;
        break;
      }
      default:
        break;  // apostrophes and anything else: dropped
    }
  }
  // Latvian and Lithuanian write a man's name with their nominative ending.
  if (!out.empty() &&
      (conv == CyrillicConvention::kLatvian || conv == CyrillicConvention::kLithuanian)) {
    const char32_t last = out.back();
    if (!is_latin_vowel(last)) {
      if (conv == CyrillicConvention::kLatvian) {
        out += U"s";
      } else {
        out += last == U'j' ? U"us" : U"as";
      }
    }
  }
  return out;
}

std::u32string lower_latin_from_icu(const std::string& utf8) {
  std::u32string out;
  for (char32_t cp : utf8_to_u32(utf8)) {
    if (cp >= 'A' && cp <= 'Z') cp += 0x20;
    if (cp == 0x02B9 || cp == 0x02BA || cp == 0x00B7 || cp == U'\'' || cp == 0x02BC) continue;
    if (cp == U'Ë') cp = U'ë';
    out.push_back(cp);
  }
  return out;
}

}  // namespace

std::string_view cyrillic_convention_name(CyrillicConvention c) {
  static constexpr std::array<std::string_view, kCyrillicConventionCount> kNames = {
      "en", "passport", "de", "pl", "lv", "lt", "scandinavian", "fi"};
  return kNames[static_cast<size_t>(c)];
}

core::Result<CyrillicTransliterator> CyrillicTransliterator::create() {
  auto ru = IcuTransliterator::create("Russian-Latin/BGN");
  if (!ru.ok()) return ru.take_error();
  auto uk = IcuTransliterator::create("Ukrainian-Latin/BGN");
  if (!uk.ok()) return uk.take_error();
  return CyrillicTransliterator(std::move(*ru), std::move(*uk));
}

CyrillicTransliterator::CyrillicTransliterator(IcuTransliterator russian,
                                               IcuTransliterator ukrainian)
    : russian_bgn_(std::move(russian)), ukrainian_bgn_(std::move(ukrainian)) {}

CyrillicLanguage CyrillicTransliterator::guess_language(std::u32string_view w,
                                                        CyrillicLanguage fallback) {
  if (w.find_first_of(U"іїєґʼ'") != std::u32string_view::npos) return CyrillicLanguage::kUkrainian;
  if (w.find_first_of(U"ёыэъ") != std::u32string_view::npos) return CyrillicLanguage::kRussian;
  return fallback;
}

std::u32string CyrillicTransliterator::spell(std::u32string_view lower_word,
                                             CyrillicLanguage language,
                                             CyrillicConvention convention) const {
  const bool uk = language == CyrillicLanguage::kUkrainian;
  if (convention == CyrillicConvention::kEnglish) {
    const IcuTransliterator& t = uk ? ukrainian_bgn_ : russian_bgn_;
    return lower_latin_from_icu(t.transliterate(u32_to_utf8(lower_word)));
  }
  return spell_plain(lower_word, uk, convention);
}

std::vector<std::u32string> CyrillicTransliterator::all_spellings(std::u32string_view lower_word,
                                                                  CyrillicLanguage language) const {
  std::vector<std::u32string> out;
  for (size_t c = 0; c < kCyrillicConventionCount; ++c) {
    std::u32string s = spell(lower_word, language, static_cast<CyrillicConvention>(c));
    if (!s.empty() && std::find(out.begin(), out.end(), s) == out.end())
      out.push_back(std::move(s));
  }
  return out;
}

}  // namespace haven::search
