// What the normalizer makes of a name: its words (tokens), each with every ASCII spelling it may be
// written in, its stems without gendered or case endings, its phonetic keys and the variant groups
// it belongs to. Plain data: comparing, indexing and encoding for linkage all start from here.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "search/codepoints.h"

namespace haven::search {

struct NameToken {
  std::string text;  // the word case-folded (NFKC_Casefold), in its own script: "ščerbakovs"
  Script script = Script::kLatin;
  // ASCII spellings, distinct; [0] is the primary one (short diacritic fold of the word, or of its
  // English/BGN transliteration). Then the long fold (ae/oe/aa), other conventions' spellings of a
  // Cyrillic word, Somali or article-less respellings.
  std::vector<std::string> spellings;
  // ASCII stems of the spellings (gendered, case and patronymic endings removed), distinct; [0]
  // is the stem of the primary spelling.
  std::vector<std::string> stems;
  std::vector<std::string> keys;  // phonetic keys (phonetic_key.h), distinct
  std::vector<uint16_t> groups;   // NameVariants groups (diminutives, Arabic-origin variants)
  bool alternative = false;       // from another writing of the name (original script, alias): may
                                  // match, but is not required to
  bool patronymic = false;        // Icelandic -son/-dóttir form

  const std::string& primary() const { return spellings.front(); }
};

struct NormalizedName {
  std::vector<NameToken> tokens;
  bool truncated = false;  // more words than the normalizer keeps (see NormalizerLimits)

  bool empty() const { return tokens.empty(); }
};

}  // namespace haven::search
