// A phonetic key for the names of this region: a consonant skeleton in which the spellings that
// the region's writing conventions give one sound fall together. Vowels (and j/y) are dropped,
// because transliteration varies them most (Jegor/Yegor/Egor, Mohammed/Muhammad, Artem/Artjom)
// while consonant classes stay put; the sound classes merge the conventions' spellings of
// ш ж щ ч (sh, sch, sz, sj, š, ž, zh, cz, tsch, tš, č → X), of ц з с (ts, tz, z, c, s → S), of
// х (kh, ch, h → K), of в (v, w, f → F), and voiced with voiceless (d/t, b/p, g/k).
//
// Why this and not Soundex, Daitch–Mokotoff or Beider–Morse: Soundex keeps the first letter
// (Jegor/Yegor/Egor then differ) and knows no digraphs; Daitch–Mokotoff is made for Slavic and
// Yiddish surnames and codes only six digits; Beider–Morse is accurate but large (language
// detection plus thousands of rules) and slow. A skeleton with the region's digraphs, plus
// branching where one spelling means two sounds, is small enough to test rule by rule.
//
// Ambiguous spellings branch, as in Daitch–Mokotoff: "ch" is ч in English (Chernov) but х in
// German and Polish (Michail); "c" before a back vowel is k (Carl) or ц (Kuzņecovs); "x" is ks
// (Alexander) or, in Somali, h (Maxamed); Swedish "tj" is ч (Tjernov) or t+j (Katja). Each word
// gets at most four keys; two words agree phonetically when their key sets intersect.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace haven::search {

inline constexpr size_t kMaxPhoneticKeys = 4;

// The keys of one lower-case Latin word (diacritics kept: "ščerbakov" → {"XRPKF"}). Never empty:
// a word with no consonant gets "_" and its first letter ("ea" → "_e").
std::vector<std::string> phonetic_keys(std::u32string_view lower_latin);

}  // namespace haven::search
