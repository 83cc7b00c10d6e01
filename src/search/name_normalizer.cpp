// The normalization pipeline: validate, case-fold, split into words, pick each word's script
// (mixed-script words are repaired: a Cyrillic "о" in a Latin word is a look-alike, not a letter
// to transliterate), transliterate, then derive spellings, stems, keys and variant groups.
#include "search/name_normalizer.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>

#include "core/utf8.h"
#include "search/arabic_romanizer.h"
#include "search/codepoints.h"
#include "search/latin_folding.h"
#include "search/name_variants.h"
#include "search/phonetic_key.h"

namespace haven::search {
namespace {

constexpr size_t kMaxStems = 8;
constexpr size_t kMaxKeys = 6;

// Words that are part of a name but say nothing about who it is ("al-Hassan", "von Berg").
constexpr std::array<std::u32string_view, 18> kParticles = {
    U"al",  U"el", U"ul", U"bin", U"ibn", U"bint", U"van", U"von", U"der",
    U"den", U"de", U"da", U"di",  U"du",  U"af",   U"av",  U"zu",  U"ter"};

bool is_particle(std::u32string_view w) {
  return std::find(kParticles.begin(), kParticles.end(), w) != kParticles.end();
}

bool is_apostrophe(char32_t c) {
  return c == U'\'' || c == U'’' || c == U'ʼ' || c == U'ʹ' || c == U'`' || c == U'´';
}
bool is_joiner(char32_t c) {
  return c == 0x200C || c == 0x200D;
}

// Look-alike letters between Latin and Cyrillic (lower case).
constexpr std::array<std::pair<char32_t, char32_t>, 11> kHomoglyphs = {{
    {U'а', U'a'},
    {U'е', U'e'},
    {U'о', U'o'},
    {U'р', U'p'},
    {U'с', U'c'},
    {U'х', U'x'},
    {U'у', U'y'},
    {U'і', U'i'},
    {U'к', U'k'},
    {U'ј', U'j'},
    {U'ѕ', U's'},
}};

char32_t to_latin_lookalike(char32_t c) {
  for (auto [cyr, lat] : kHomoglyphs)
    if (c == cyr) return lat;
  return 0;
}
char32_t to_cyrillic_lookalike(char32_t c) {
  for (auto [cyr, lat] : kHomoglyphs)
    if (c == lat) return cyr;
  return 0;
}

template <class T>
void add_unique(std::vector<T>& v, T x, size_t cap) {
  if (v.size() >= cap) return;
  if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(std::move(x));
}

std::u32string lower_u32(const std::string& utf8) {
  // ICU transforms may capitalise; case-fold their output again (ASCII suffices for Latin
  // output; other letters are folded by the fold table).
  std::u32string out = utf8_to_u32(NameNormalizer::casefold(utf8));
  out.erase(std::remove_if(out.begin(), out.end(),
                           [](char32_t c) { return !is_letter(c) && !is_mark(c); }),
            out.end());
  return out;
}

// Splits case-folded text into words of letters (with their marks and joiners); apostrophes
// inside a word are kept for Cyrillic (they change the transliteration) and dropped otherwise.
std::vector<std::u32string> split_words(std::u32string_view text) {
  std::vector<std::u32string> words;
  std::u32string cur;
  for (char32_t c : text) {
    if (is_letter(c) || (is_mark(c) && !cur.empty()) || (is_joiner(c) && !cur.empty())) {
      cur.push_back(c);
    } else if (is_apostrophe(c) && !cur.empty()) {
      cur.push_back(U'\'');
    } else if (!cur.empty()) {
      words.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  for (auto& w : words) {
    while (!w.empty() && (w.back() == U'\'' || is_joiner(w.back()))) w.pop_back();
  }
  return words;
}

// The script most of a word's letters are in; minority look-alikes are rewritten into it.
Script settle_script(std::u32string& w) {
  std::array<size_t, 5> counts{};
  for (char32_t c : w) {
    if (is_letter(c)) ++counts[static_cast<size_t>(script_of(c))];
  }
  const auto best =
      static_cast<Script>(std::max_element(counts.begin(), counts.end()) - counts.begin());
  if (best == Script::kLatin || best == Script::kCyrillic) {
    for (char32_t& c : w) {
      if (!is_letter(c)) continue;
      const Script s = script_of(c);
      if (best == Script::kLatin && s == Script::kCyrillic) {
        if (char32_t l = to_latin_lookalike(c)) c = l;
      } else if (best == Script::kCyrillic && s == Script::kLatin) {
        if (char32_t k = to_cyrillic_lookalike(c)) c = k;
      }
    }
  }
  return best;
}

std::u32string without_apostrophes(std::u32string_view w) {
  std::u32string out;
  out.reserve(w.size());
  for (char32_t c : w)
    if (c != U'\'' && !is_joiner(c)) out.push_back(c);
  return out;
}

}  // namespace

core::Result<NameNormalizer> NameNormalizer::create(NormalizerLimits limits) {
  auto cyrillic = CyrillicTransliterator::create();
  if (!cyrillic.ok()) return cyrillic.take_error();
  auto ethiopic = IcuTransliterator::create("Ethiopic-Latin");
  if (!ethiopic.ok()) return ethiopic.take_error();
  auto other = IcuTransliterator::create("Any-Latin");
  if (!other.ok()) return other.take_error();
  return NameNormalizer(limits, std::move(*cyrillic), std::move(*ethiopic), std::move(*other));
}

NameNormalizer::NameNormalizer(NormalizerLimits limits, CyrillicTransliterator cyrillic,
                               IcuTransliterator ethiopic, IcuTransliterator other)
    : limits_(limits),
      cyrillic_(std::move(cyrillic)),
      ethiopic_(std::move(ethiopic)),
      other_(std::move(other)) {}

std::string NameNormalizer::casefold(std::string_view utf8) {
  const bool ascii = std::all_of(utf8.begin(), utf8.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) {
    std::string out(utf8);
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 0x20);
    return out;
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status) || nfkc_cf == nullptr) return std::string(utf8);
  const icu::UnicodeString in = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  icu::UnicodeString out = nfkc_cf->normalize(in, status);
  if (U_FAILURE(status)) return std::string(utf8);
  std::string result;
  out.toUTF8String(result);
  return result;
}

NameToken NameNormalizer::normalize_word(std::u32string_view folded_word, NamePart part,
                                         std::string_view language) const {
  NameToken token;
  std::u32string word(folded_word);
  token.script = settle_script(word);
  token.text = u32_to_utf8(without_apostrophes(word));

  // Latin forms (lower case, diacritics kept) the word is written in.
  std::vector<std::u32string> forms;
  switch (token.script) {
    case Script::kLatin:
      forms.push_back(without_apostrophes(word));
      break;
    case Script::kCyrillic: {
      CyrillicLanguage fallback = CyrillicLanguage::kRussian;
      bool both = language.empty();
      if (language == "uk") {
        fallback = CyrillicLanguage::kUkrainian;
        both = false;
      } else if (language == "ru" || language == "be") {
        both = false;
      }
      const CyrillicLanguage lang = CyrillicTransliterator::guess_language(word, fallback);
      const bool decided =
          CyrillicTransliterator::guess_language(word, CyrillicLanguage::kRussian) !=
          CyrillicTransliterator::guess_language(word, CyrillicLanguage::kUkrainian);
      forms = cyrillic_.all_spellings(word, lang);
      if (both && !decided) {
        const CyrillicLanguage other_lang = lang == CyrillicLanguage::kRussian
                                                ? CyrillicLanguage::kUkrainian
                                                : CyrillicLanguage::kRussian;
        for (auto& s : cyrillic_.all_spellings(word, other_lang)) add_unique(forms, s, 24);
      }
      break;
    }
    case Script::kArabic:
      forms.push_back(romanize_arabic_script(word));
      break;
    case Script::kEthiopic:
      forms.push_back(lower_u32(ethiopic_.transliterate(u32_to_utf8(word))));
      break;
    case Script::kOther:
      forms.push_back(lower_u32(other_.transliterate(u32_to_utf8(word))));
      break;
  }

  auto add_form = [&](std::u32string_view form) {
    std::string s = fold_to_ascii(form, FoldStyle::kShort);
    if (s.empty()) return;
    add_unique(token.spellings, s, limits_.max_spellings);
    if (has_long_form(form)) {
      add_unique(token.spellings, fold_to_ascii(form, FoldStyle::kLong), limits_.max_spellings);
    }
    auto add_stem = [&](NameField f) {
      const std::u32string stem = name_stem(form, f);
      add_unique(token.stems, fold_to_ascii(stem, FoldStyle::kShort), kMaxStems);
      for (auto& k : phonetic_keys(stem)) add_unique(token.keys, std::move(k), kMaxKeys);
    };
    if (part != NamePart::kGiven) add_stem(NameField::kFamily);
    if (part != NamePart::kFamily) add_stem(NameField::kGiven);
    if (part != NamePart::kGiven && icelandic_patronymic(form)) token.patronymic = true;
  };
  for (const auto& f : forms) add_form(f);
  if (token.spellings.empty()) return token;

  // ASCII-level respellings of the primary spelling: Somali orthography, the Arabic article.
  const std::string primary = token.spellings.front();
  for (auto respelt : {somali_respelling(primary), without_arabic_article(primary)}) {
    if (respelt) add_form(utf8_to_u32(*respelt));
  }

  const NameVariants& variants = NameVariants::instance();
  auto add_groups = [&](std::string_view spelling) {
    for (uint16_t g : variants.groups(spelling)) add_unique(token.groups, g, 8);
  };
  add_groups(token.text);
  for (const auto& s : token.spellings) add_groups(s);
  for (const auto& s : token.stems) add_groups(s);
  return token;
}

core::Result<NormalizedName> NameNormalizer::normalize(std::string_view text, NamePart part,
                                                       std::string_view language) const {
  if (!core::is_valid_utf8(text)) {
    return core::Error::invalid("The name is not valid UTF-8 text.");
  }
  const size_t length = core::utf8_length(text);
  if (length > limits_.max_code_points) {
    return core::Error::invalid("The name is too long: " + std::to_string(length) +
                                " characters, at most " + std::to_string(limits_.max_code_points) +
                                " are accepted.");
  }
  NormalizedName name;
  std::vector<std::u32string> words = split_words(utf8_to_u32(casefold(text)));
  // Particles go, unless nothing else is left ("Le" may be the whole family name).
  const bool has_other = std::any_of(words.begin(), words.end(), [](const std::u32string& w) {
    return !is_particle(w) && w.size() >= 2;
  });
  if (has_other) {
    words.erase(std::remove_if(words.begin(), words.end(),
                               [](const std::u32string& w) { return is_particle(w); }),
                words.end());
  }
  if (words.size() > limits_.max_tokens) {
    words.resize(limits_.max_tokens);
    name.truncated = true;
  }
  for (const auto& w : words) {
    NameToken t = normalize_word(w, part, language);
    if (!t.spellings.empty()) name.tokens.push_back(std::move(t));
  }
  return name;
}

void NameNormalizer::add_writing(NormalizedName& name, std::string_view other, NamePart part,
                                 std::string_view language) const {
  auto extra = normalize(other, part, language);
  if (!extra.ok() || extra->empty()) return;
  auto& add = extra->tokens;
  const bool merge = add.size() == name.tokens.size();
  for (size_t i = 0; i < add.size(); ++i) {
    if (!merge) {
      add[i].alternative = true;
      name.tokens.push_back(std::move(add[i]));
      continue;
    }
    NameToken& into = name.tokens[i];
    for (auto& s : add[i].spellings)
      add_unique(into.spellings, std::move(s), limits_.max_spellings);
    for (auto& s : add[i].stems) add_unique(into.stems, std::move(s), kMaxStems);
    for (auto& k : add[i].keys) add_unique(into.keys, std::move(k), kMaxKeys);
    for (uint16_t g : add[i].groups) add_unique(into.groups, g, 8);
    if (into.script == Script::kLatin && add[i].script != Script::kLatin) {
      into.script = add[i].script;  // remembered so agreement can say "after transliteration"
    }
  }
}

}  // namespace haven::search
