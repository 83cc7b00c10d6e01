// The letter tables and rules behind phonetic_code(). Deliberately small: the code only has to
// put transliteration variants of one name into one block, the Dice comparison does the rest.
#include "linkage/phonetic_code.h"

#include <cstdint>
#include <string_view>

namespace haven::linkage {
namespace {

// Base letters of U+00C0–U+00FF and U+0100–U+017F; '_' for what is not a letter (×, ÷).
constexpr std::string_view kLatin1 =
    "aaaaaaaceeeeiiiidnooooo_ouuuuyts"
    "aaaaaaaceeeeiiiidnooooo_ouuuuyty";
constexpr std::string_view kLatinExtendedA =
    "aaaaaaccccccccdd"
    "ddeeeeeeeeeegggg"
    "gggghhhhiiiiiiii"
    "iiiijjkkklllllll"
    "lllnnnnnnnnnoooo"
    "oooorrrrrrssssss"
    "ssttttttuuuuuuuu"
    "uuuuwwyyyzzzzzzs";
static_assert(kLatin1.size() == 64 && kLatinExtendedA.size() == 128);

// The base letter of a code point, lowercase ASCII, or 0 for anything else.
char base_letter(char32_t cp) {
  if (cp >= 'a' && cp <= 'z') return static_cast<char>(cp);
  if (cp >= 'A' && cp <= 'Z') return static_cast<char>(cp - 'A' + 'a');
  char c = '_';
  if (cp >= 0xC0 && cp <= 0xFF) c = kLatin1[cp - 0xC0];
  if (cp >= 0x100 && cp <= 0x17F) c = kLatinExtendedA[cp - 0x100];
  return c == '_' ? 0 : c;
}

// Decodes UTF-8 leniently (a malformed byte is skipped) into base letters.
std::string base_letters(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    size_t n = 1;
    char32_t cp = c;
    if (c >= 0xF0) {
      n = 4, cp = c & 0x07;
    } else if (c >= 0xE0) {
      n = 3, cp = c & 0x0F;
    } else if (c >= 0xC0) {
      n = 2, cp = c & 0x1F;
    } else if (c >= 0x80) {
      ++i;  // a stray continuation byte
      continue;
    }
    if (i + n > text.size()) break;
    for (size_t k = 1; k < n; ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    i += n;
    if (const char b = base_letter(cp)) out.push_back(b);
  }
  return out;
}

// Consonant class of a base letter, '0' for the letters that are dropped (vowels, h, j, y).
//                                       abcdefghijklmnopqrstuvwxyz
constexpr std::string_view kClasses = "01230120002455012623011202";

char letter_class(char c) {
  const char k = c >= 'a' && c <= 'z' ? kClasses[static_cast<size_t>(c - 'a')] : '0';
  return k == '0' ? 0 : k;
}

bool is_sibilant(char c) {
  return c == 's' || c == 'z' || c == 'c';
}

void strip_suffix(std::string& s, std::string_view suffix, size_t keep) {
  if (s.size() >= suffix.size() + keep && s.ends_with(suffix)) s.resize(s.size() - suffix.size());
}

}  // namespace

std::string phonetic_code(std::string_view token) {
  std::string s = base_letters(token);
  // Grammatical endings: Lithuanian girls' and married women's surnames, then the nominative -s
  // that Latvian and Lithuanian add to every masculine name (Ivanovs, Ivanovas → Ivanov).
  for (std::string_view suffix : {"aite", "iene", "yte", "ute"}) strip_suffix(s, suffix, 3);
  strip_suffix(s, "s", 3);

  std::string code;
  char last = 0;
  for (size_t i = 0; i < s.size() && code.size() < 4; ++i) {
    const char c = s[i];
    if ((c == 't' || c == 'd') && i + 1 < s.size() && is_sibilant(s[i + 1])) continue;
    const char k = letter_class(c);
    if (k == 0 || k == last) continue;
    code.push_back(k);
    last = k;
  }
  return code;
}

}  // namespace haven::linkage
