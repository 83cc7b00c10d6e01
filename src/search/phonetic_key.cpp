// The skeleton rules, longest spelling first, and the branching over ambiguous spellings.
#include "search/phonetic_key.h"

#include <algorithm>
#include <array>

#include "search/latin_folding.h"

namespace haven::search {
namespace {

constexpr char kVowel = 'V';  // a dropped vowel; it still separates doubled consonants

struct Unit {
  std::array<std::string_view, 2> options;
  size_t count = 1;
};

struct Rule {
  std::u32string_view spelling;
  std::string_view first;
  std::string_view second;  // empty: not ambiguous
};

// Multi-letter spellings, longest first.
constexpr Rule kRules[] = {
    {U"tzsch", "X", ""}, {U"tsch", "X", ""}, {U"sch", "X", ""}, {U"tsh", "X", ""},
    {U"tsj", "X", ""},   {U"dzh", "X", ""},  {U"tš", "X", ""},  {U"dž", "X", ""},
    {U"cz", "X", ""},    {U"sz", "X", ""},   {U"sh", "X", ""},  {U"sj", "X", ""},
    {U"zh", "X", ""},    {U"zj", "X", ""},   {U"kh", "K", ""},  {U"gh", "K", ""},
    {U"ph", "F", ""},    {U"th", "T", ""},   {U"dh", "T", ""},  {U"ck", "K", ""},
    {U"ts", "S", ""},    {U"tz", "S", ""},   {U"dz", "S", ""},  {U"qu", "K", ""},
    {U"tj", "T", "X"},
};

bool is_vowel_letter(char32_t c) {
  switch (c) {
    case U'a':
    case U'e':
    case U'i':
    case U'o':
    case U'u':
    case U'y':
    case U'j':
      return true;
    default:
      return false;
  }
}

// The class of one letter, or kVowel, or 0 to ignore it.
std::string_view single(char32_t c) {
  switch (c) {
    case U'b':
    case U'p':
      return "P";
    case U'f':
    case U'v':
    case U'w':
      return "F";
    case U'd':
    case U't':
    case U'ď':
    case U'đ':
    case U'ð':
    case U'ť':
    case U'þ':
      return "T";
    case U'g':
    case U'k':
    case U'q':
    case U'h':
    case U'ķ':
    case U'ģ':
    case U'ğ':
      return "K";
    case U'l':
    case U'ł':
    case U'ľ':
    case U'ļ':
    case U'ĺ':
      return "L";
    case U'm':
      return "M";
    case U'n':
    case U'ñ':
    case U'ń':
    case U'ņ':
    case U'ň':
      return "N";
    case U'r':
    case U'ŗ':
    case U'ř':
    case U'ŕ':
      return "R";
    case U's':
    case U'z':
    case U'ś':
    case U'ź':
    case U'ß':
    case U'ç':
      return "S";
    case U'š':
    case U'ş':
    case U'ș':
    case U'ž':
    case U'ż':
    case U'č':
    case U'ć':
      return "X";
    default:
      return {};
  }
}

bool front_vowel(char32_t c) {
  return c == U'e' || c == U'i' || c == U'y' || c == U'ä' || c == U'ö' || c == U'é' || c == U'ē' ||
         c == U'ė' || c == U'ī' || c == U'ę';
}

}  // namespace

std::vector<std::string> phonetic_keys(std::u32string_view in) {
  // Letters only; a silent final h after a vowel or l ("Sarah", "Abdullah", "Fatimah") goes.
  std::u32string w;
  w.reserve(in.size());
  for (char32_t c : in) {
    if (c >= U'A' && c <= U'Z') c += 0x20;
    if ((c >= U'a' && c <= U'z') || c >= 0xC0) w.push_back(c);
  }
  if (w.size() > 2 && w.back() == U'h') {
    const char32_t before = w[w.size() - 2];
    if (std::u32string_view(U"cskgptzdh").find(before) == std::u32string_view::npos) w.pop_back();
  }

  std::vector<Unit> units;
  units.reserve(w.size());
  for (size_t i = 0; i < w.size();) {
    bool matched = false;
    for (const Rule& r : kRules) {
      if (w.compare(i, r.spelling.size(), r.spelling) == 0) {
        Unit u;
        u.options = {r.first, r.second};
        u.count = r.second.empty() ? 1 : 2;
        units.push_back(u);
        i += r.spelling.size();
        matched = true;
        break;
      }
    }
    if (matched) continue;
    const char32_t c = w[i];
    const char32_t next = i + 1 < w.size() ? w[i + 1] : 0;
    if (c == U'c' && next == U'h') {
      // "ch" before a consonant or at the end is k/х (Christian, Chruschtschow); before a vowel
      // it is ч in English spelling and х in German or Polish.
      const bool before_vowel = i + 2 < w.size() && (is_vowel_letter(w[i + 2]) || w[i + 2] >= 0xC0);
      units.push_back(before_vowel ? Unit{{"X", "K"}, 2} : Unit{{"K", "X"}, 2});
      i += 2;
      continue;
    }
    if (c == U'c') {
      units.push_back(front_vowel(next) ? Unit{{"S", ""}, 1} : Unit{{"K", "S"}, 2});
      ++i;
      continue;
    }
    if (c == U'x') {
      units.push_back(Unit{{"KS", "K"}, 2});
      ++i;
      continue;
    }
    if (is_vowel_letter(c)) {
      units.push_back(Unit{{"V", ""}, 1});
      ++i;
      continue;
    }
    if (std::string_view s = single(c); !s.empty()) {
      units.push_back(Unit{{s, ""}, 1});
      ++i;
      continue;
    }
    // Any other accented letter: its ASCII fold decides (vowels mostly: å ø æ ü õ ė ū).
    const std::string folded = fold_to_ascii(std::u32string_view(&w[i], 1), FoldStyle::kShort);
    for (char f : folded) {
      const std::string_view s = single(static_cast<char32_t>(f));
      units.push_back(s.empty() ? Unit{{"V", ""}, 1} : Unit{{s, ""}, 1});
    }
    ++i;
  }

  // Branch on the first two ambiguous units.
  std::vector<size_t> ambiguous;
  for (size_t k = 0; k < units.size() && ambiguous.size() < 2; ++k) {
    if (units[k].count > 1) ambiguous.push_back(k);
  }
  const size_t variants = size_t{1} << ambiguous.size();
  std::vector<std::string> keys;
  keys.reserve(variants);
  for (size_t v = 0; v < variants; ++v) {
    std::string key;
    char last = 0;  // last class emitted since a vowel, for collapsing doubles
    for (size_t k = 0; k < units.size(); ++k) {
      size_t option = 0;
      for (size_t a = 0; a < ambiguous.size(); ++a) {
        if (ambiguous[a] == k) option = (v >> a) & 1u;
      }
      for (char cls : units[k].options[option]) {
        if (cls == kVowel) {
          last = 0;
          continue;
        }
        if (cls == last) continue;
        key += cls;
        last = cls;
      }
    }
    if (key.empty()) {
      const std::string folded = fold_to_ascii(w, FoldStyle::kShort);
      key = "_";
      if (!folded.empty()) key += folded.front();
    }
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(std::move(key));
    if (keys.size() >= kMaxPhoneticKeys) break;
  }
  return keys;
}

}  // namespace haven::search
