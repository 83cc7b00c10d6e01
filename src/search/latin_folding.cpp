// The folding table (sorted by code point, binary-searched) and an ICU decomposition fallback for
// the rare accented letters the table does not list.
#include "search/latin_folding.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <iterator>

namespace haven::search {
namespace {

struct Fold {
  char32_t cp;
  const char* short_form;
  const char* long_form;  // nullptr: same as short
};

// Lower case only: the normalizer case-folds before folding.
constexpr Fold kFolds[] = {
    {U'ß', "ss", nullptr}, {U'à', "a", nullptr},  {U'á', "a", nullptr},  {U'â', "a", nullptr},
    {U'ã', "a", nullptr},  {U'ä', "a", "ae"},     {U'å', "a", "aa"},     {U'æ', "ae", nullptr},
    {U'ç', "c", nullptr},  {U'è', "e", nullptr},  {U'é', "e", nullptr},  {U'ê', "e", nullptr},
    {U'ë', "e", nullptr},  {U'ì', "i", nullptr},  {U'í', "i", nullptr},  {U'î', "i", nullptr},
    {U'ï', "i", nullptr},  {U'ð', "d", nullptr},  {U'ñ', "n", nullptr},  {U'ò', "o", nullptr},
    {U'ó', "o", nullptr},  {U'ô', "o", nullptr},  {U'õ', "o", nullptr},  {U'ö', "o", "oe"},
    {U'ø', "o", "oe"},     {U'ù', "u", nullptr},  {U'ú', "u", nullptr},  {U'û', "u", nullptr},
    {U'ü', "u", "ue"},     {U'ý', "y", nullptr},  {U'þ', "th", nullptr}, {U'ÿ', "y", nullptr},
    {U'ā', "a", nullptr},  {U'ă', "a", nullptr},  {U'ą', "a", nullptr},  {U'ć', "c", nullptr},
    {U'ĉ', "c", nullptr},  {U'ċ', "c", nullptr},  {U'č', "c", nullptr},  {U'ď', "d", nullptr},
    {U'đ', "d", nullptr},  {U'ē', "e", nullptr},  {U'ĕ', "e", nullptr},  {U'ė', "e", nullptr},
    {U'ę', "e", nullptr},  {U'ě', "e", nullptr},  {U'ĝ', "g", nullptr},  {U'ğ', "g", nullptr},
    {U'ġ', "g", nullptr},  {U'ģ', "g", nullptr},  {U'ĥ', "h", nullptr},  {U'ħ', "h", nullptr},
    {U'ĩ', "i", nullptr},  {U'ī', "i", nullptr},  {U'ĭ', "i", nullptr},  {U'į', "i", nullptr},
    {U'ı', "i", nullptr},  {U'ĳ', "ij", nullptr}, {U'ĵ', "j", nullptr},  {U'ķ', "k", nullptr},
    {U'ĺ', "l", nullptr},  {U'ļ', "l", nullptr},  {U'ľ', "l", nullptr},  {U'ŀ', "l", nullptr},
    {U'ł', "l", nullptr},  {U'ń', "n", nullptr},  {U'ņ', "n", nullptr},  {U'ň', "n", nullptr},
    {U'ŋ', "ng", nullptr}, {U'ō', "o", nullptr},  {U'ŏ', "o", nullptr},  {U'ő', "o", "oe"},
    {U'œ', "oe", nullptr}, {U'ŕ', "r", nullptr},  {U'ŗ', "r", nullptr},  {U'ř', "r", nullptr},
    {U'ś', "s", nullptr},  {U'ŝ', "s", nullptr},  {U'ş', "s", nullptr},  {U'š', "s", nullptr},
    {U'ţ', "t", nullptr},  {U'ť', "t", nullptr},  {U'ŧ', "t", nullptr},  {U'ũ', "u", nullptr},
    {U'ū', "u", nullptr},  {U'ŭ', "u", nullptr},  {U'ů', "u", nullptr},  {U'ű', "u", "ue"},
    {U'ų', "u", nullptr},  {U'ŵ', "w", nullptr},  {U'ŷ', "y", nullptr},  {U'ź', "z", nullptr},
    {U'ż', "z", nullptr},  {U'ž', "z", nullptr},  {U'ƒ', "f", nullptr},  {U'ș', "s", nullptr},
    {U'ț', "t", nullptr},  {U'ǝ', "e", nullptr},  {U'ə', "e", nullptr},
};

const Fold* find_fold(char32_t cp) {
  const auto* end = std::end(kFolds);
  const auto* it = std::lower_bound(std::begin(kFolds), end, cp,
                                    [](const Fold& f, char32_t c) { return f.cp < c; });
  return it != end && it->cp == cp ? it : nullptr;
}

// The ASCII base letter of an accented letter the table lacks (ǎ, ẽ, ṣ …), or 0.
char decomposed_base(char32_t cp) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status) || nfd == nullptr) return 0;
  icu::UnicodeString d;
  if (!nfd->getDecomposition(static_cast<UChar32>(cp), d) || d.isEmpty()) return 0;
  const UChar32 first = d.char32At(0);
  if (first >= 'a' && first <= 'z') return static_cast<char>(first);
  if (first >= 'A' && first <= 'Z') return static_cast<char>(first + 0x20);
  return 0;
}

}  // namespace

std::string fold_to_ascii(std::u32string_view latin, FoldStyle style) {
  std::string out;
  out.reserve(latin.size() + 2);
  for (char32_t cp : latin) {
    if (cp < 0x80) {
      if (cp >= 'a' && cp <= 'z') {
        out += static_cast<char>(cp);
      } else if (cp >= 'A' && cp <= 'Z') {
        out += static_cast<char>(cp + 0x20);
      }
      continue;
    }
    if (const Fold* f = find_fold(cp)) {
      out += style == FoldStyle::kLong && f->long_form ? f->long_form : f->short_form;
      continue;
    }
    if (const char base = decomposed_base(cp)) out += base;
  }
  return out;
}

bool has_long_form(std::u32string_view latin) {
  for (char32_t cp : latin) {
    if (cp < 0x80) continue;
    const Fold* f = find_fold(cp);
    if (f && f->long_form) return true;
  }
  return false;
}

}  // namespace haven::search
