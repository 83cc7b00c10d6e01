// Arabic-script names (Arabic, Dari/Persian, Pashto) in a simplified Latin scheme meant for
// matching, not for display: consonants as the usual Latin spellings write them (ح h, خ kh, ش sh,
// ق q, ع dropped or "a" at the start), long vowels ا و ي as a u i, short vowels only where the text
// marks them. محمد → "mhmd", يوسف → "yusf", عبدالله → "abdallh": the consonant skeleton then agrees
// with Mohammed, Yusuf, Abdullah.
#pragma once

#include <string>
#include <string_view>

namespace haven::search {

// Romanizes one word (letters of the Arabic block; anything else is dropped).
std::u32string romanize_arabic_script(std::u32string_view word);

}  // namespace haven::search
