// One table for the Arabic letters and the extra Persian and Pashto ones, plus the positional rules
// for و and ي (consonant at the start of a word, vowel elsewhere) and the marks (harakat, shadda).
#include "search/arabic_romanizer.h"

namespace haven::search {
namespace {

std::u32string_view consonant(char32_t c) {
  switch (c) {
    case U'ب':
      return U"b";
    case U'پ':
      return U"p";
    case U'ت':
      return U"t";
    case U'ټ':
      return U"t";
    case U'ث':
      return U"th";
    case U'ج':
      return U"j";
    case U'چ':
      return U"ch";
    case U'ح':
      return U"h";
    case U'خ':
      return U"kh";
    case U'د':
      return U"d";
    case U'ډ':
      return U"d";
    case U'ذ':
      return U"dh";
    case U'ر':
      return U"r";
    case U'ړ':
      return U"r";
    case U'ز':
      return U"z";
    case U'ژ':
      return U"zh";
    case U'ږ':
      return U"zh";
    case U'س':
      return U"s";
    case U'ش':
      return U"sh";
    case U'ښ':
      return U"sh";
    case U'ص':
      return U"s";
    case U'ض':
      return U"d";
    case U'ط':
      return U"t";
    case U'ظ':
      return U"z";
    case U'غ':
      return U"gh";
    case U'ف':
      return U"f";
    case U'ق':
      return U"q";
    case U'ك':
      return U"k";
    case U'ک':
      return U"k";
    case U'گ':
      return U"g";
    case U'ل':
      return U"l";
    case U'م':
      return U"m";
    case U'ن':
      return U"n";
    case U'ڼ':
      return U"n";
    case U'ه':
      return U"h";
    case U'ځ':
      return U"z";
    case U'څ':
      return U"s";
    default:
      return {};
  }
}

}  // namespace

std::u32string romanize_arabic_script(std::u32string_view w) {
  std::u32string out;
  out.reserve(w.size() * 2);
  bool at_start = true;
  for (size_t i = 0; i < w.size(); ++i) {
    const char32_t c = w[i];
    if (auto cons = consonant(c); !cons.empty()) {
      out += cons;
      at_start = false;
      continue;
    }
    switch (c) {
      case U'ا':
      case U'أ':
      case U'آ':
      case U'ٱ':
      case U'ى':
      case U'ة':
      case U'ٰ':
      case U'َ':
        out += U'a';
        break;
      case U'إ':
      case U'ِ':
      case U'ۍ':
        out += U'i';
        break;
      case U'ې':
        out += U'e';
        break;
      case U'ُ':
        out += U'u';
        break;
      case U'ع':
        if (at_start) out += U'a';
        break;
      case U'و':
        out += at_start ? U'w' : U'u';
        break;
      case U'ي':
      case U'ی':
      case U'ئ':
        out += at_start ? U'y' : U'i';
        break;
      case U'ؤ':
        out += U'u';
        break;
      case U'ّ':  // shadda: the consonant is doubled
        if (!out.empty()) out += out.back();
        break;
      default:
        break;  // hamza, sukun, tanwin, tatweel, joiners, digits
    }
    at_start = false;
  }
  return out;
}

}  // namespace haven::search
