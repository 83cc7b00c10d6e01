// Diacritic folding of lower-case Latin names to ASCII, with both the short and the long forms
// officials use: German and machine-readable-zone practice writes ä ö ü ø å as ae oe ue oe aa,
// Nordic and Baltic systems mostly drop the mark. Folding never guesses which one a person used;
// the normalizer keeps both forms as spellings of the same name.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace haven::search {

enum class FoldStyle : uint8_t {
  kShort,  // ä → a, ø → o, å → a, ü → u (the mark dropped)
  kLong,   // ä → ae, ø → oe, å → aa, ü → ue (German, Danish/Norwegian, MRZ practice)
};

// Folds case-folded Latin text to ASCII letters: marks dropped or written out (per `style`),
// þ → th, ð → d, æ → ae, œ → oe, ł → l, đ → d, ı → i, ß → ss, ŋ → ng. Letters from other scripts,
// digits and symbols are dropped; ASCII letters pass through.
std::string fold_to_ascii(std::u32string_view latin, FoldStyle style);

// True when some letter of `latin` has a long form different from its short one (so the long fold
// is worth keeping as a second spelling).
bool has_long_form(std::u32string_view latin);

}  // namespace haven::search
