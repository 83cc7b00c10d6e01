// A coarse sound code of one name, robust to the way the region's officials transliterate names
// (Shcherbakov, Ščerbakovs, Szczerbakow, Schtscherbakow all give "2612"). Used only inside the
// encoder to derive blocking keys, which leave the country as keyed hashes, never as codes.
#pragma once

#include <string>
#include <string_view>

namespace haven::linkage {

// Up to four consonant classes of one normalized name token, Soundex-like but tuned for
// transliteration rather than English spelling: letters of the Latin alphabets of the region are
// first reduced to their base letter (š → s, ł → l), vowels, h, j, y are dropped, the classes are
//   1 b p f v w   2 c g k q s x z   3 d t   4 l   5 m n   6 r
// a t or d before a sibilant is dropped (ts, tz, tsch, dz, dž are one sound), runs of one class
// collapse to one digit, and the endings that grammar rather than identity adds are removed first
// (Lithuanian -aitė -ienė -ytė -utė, a final -s as in Ivanovs/Ivanovas). Letters outside the
// Latin alphabets are ignored. Returns "" when nothing is left (a name of vowels only).
std::string phonetic_code(std::string_view token);

}  // namespace haven::linkage
