// How each kind of damage is done: code-point-aware typos with the local keyboard's neighbouring
// keys, respelling through the name tables, language-aware diacritic folding, and the date and
// field changes.
#include "synth/corruption.h"

#include <algorithm>
#include <bit>
#include <vector>

#include "core/country.h"
#include "synth/identity_generator.h"

namespace haven::synth {
namespace {

constexpr std::array<std::string_view, kDamageKindCount> kKindNames = {
    "typo_substitution",    "typo_deletion",      "typo_insertion",     "typo_transposition",
    "transliteration",      "diacritics_dropped", "names_swapped",      "second_given_dropped",
    "surname_form_changed", "day_month_swapped",  "birth_year_shifted", "field_missing"};

// ---- UTF-8 code points (the inputs are valid UTF-8: they come from the name tables) ----
std::u32string decode(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    char32_t cp;
    size_t n;
    if (c < 0x80) {
      cp = c;
      n = 1;
    } else if ((c >> 5) == 0x6) {
      cp = c & 0x1F;
      n = 2;
    } else if ((c >> 4) == 0xE) {
      cp = c & 0x0F;
      n = 3;
    } else {
      cp = c & 0x07;
      n = 4;
    }
    for (size_t k = 1; k < n && i + k < s.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    out.push_back(cp);
    i += n;
  }
  return out;
}

void encode_to(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string encode(const std::u32string& s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (char32_t cp : s) encode_to(cp, out);
  return out;
}

// Case mapping for the Latin letters names here use (ASCII, Latin-1, Latin Extended-A).
bool is_upper(char32_t c) {
  if (c >= 'A' && c <= 'Z') return true;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return true;
  if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) return c % 2 == 0;
  if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return c % 2 == 1;
  return false;
}
char32_t to_lower(char32_t c) {
  if (!is_upper(c)) return c;
  if (c < 0x100) return c + 0x20;
  return c + 1;
}
char32_t to_upper(char32_t c) {
  if (c >= 'a' && c <= 'z') return c - 0x20;
  if (c >= 0xE0 && c <= 0xFE && c != 0xF7) return c - 0x20;
  if (c >= 0x100 && c <= 0x17E && c != 0x138 && c != 0x149 && !is_upper(c) && is_upper(c - 1))
    return c - 1;
  return c;
}
bool is_letter(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

// ---- Diacritic folding ----
struct Fold {
  char32_t cp;
  const char* short_form;
  const char* long_form;  // nullptr: same as short
};
// Sorted by code point for binary search.
constexpr Fold kFolds[] = {
    {U'À', "A", nullptr},  {U'Á', "A", nullptr},  {U'Â', "A", nullptr},  {U'Ã', "A", nullptr},
    {U'Ä', "A", "Ae"},     {U'Å', "A", "Aa"},     {U'Æ', "Ae", nullptr}, {U'Ç', "C", nullptr},
    {U'È', "E", nullptr},  {U'É', "E", nullptr},  {U'Ê', "E", nullptr},  {U'Ë', "E", nullptr},
    {U'Ì', "I", nullptr},  {U'Í', "I", nullptr},  {U'Î', "I", nullptr},  {U'Ï', "I", nullptr},
    {U'Ð', "D", nullptr},  {U'Ñ', "N", nullptr},  {U'Ò', "O", nullptr},  {U'Ó', "O", nullptr},
    {U'Ô', "O", nullptr},  {U'Õ', "O", nullptr},  {U'Ö', "O", "Oe"},     {U'Ø', "O", "Oe"},
    {U'Ù', "U", nullptr},  {U'Ú', "U", nullptr},  {U'Û', "U", nullptr},  {U'Ü', "U", "Ue"},
    {U'Ý', "Y", nullptr},  {U'Þ', "Th", nullptr}, {U'ß', "ss", nullptr}, {U'à', "a", nullptr},
    {U'á', "a", nullptr},  {U'â', "a", nullptr},  {U'ã', "a", nullptr},  {U'ä', "a", "ae"},
    {U'å', "a", "aa"},     {U'æ', "ae", nullptr}, {U'ç', "c", nullptr},  {U'è', "e", nullptr},
    {U'é', "e", nullptr},  {U'ê', "e", nullptr},  {U'ë', "e", nullptr},  {U'ì', "i", nullptr},
    {U'í', "i", nullptr},  {U'î', "i", nullptr},  {U'ï', "i", nullptr},  {U'ð', "d", nullptr},
    {U'ñ', "n", nullptr},  {U'ò', "o", nullptr},  {U'ó', "o", nullptr},  {U'ô', "o", nullptr},
    {U'õ', "o", nullptr},  {U'ö', "o", "oe"},     {U'ø', "o", "oe"},     {U'ù', "u", nullptr},
    {U'ú', "u", nullptr},  {U'û', "u", nullptr},  {U'ü', "u", "ue"},     {U'ý', "y", nullptr},
    {U'þ', "th", nullptr}, {U'ÿ', "y", nullptr},  {U'Ā', "A", nullptr},  {U'ā', "a", nullptr},
    {U'Ă', "A", nullptr},  {U'ă', "a", nullptr},  {U'Ą', "A", nullptr},  {U'ą', "a", nullptr},
    {U'Ć', "C", nullptr},  {U'ć', "c", nullptr},  {U'Č', "C", nullptr},  {U'č', "c", nullptr},
    {U'Ď', "D", nullptr},  {U'ď', "d", nullptr},  {U'Đ', "D", nullptr},  {U'đ', "d", nullptr},
    {U'Ē', "E", nullptr},  {U'ē', "e", nullptr},  {U'Ė', "E", nullptr},  {U'ė', "e", nullptr},
    {U'Ę', "E", nullptr},  {U'ę', "e", nullptr},  {U'Ě', "E", nullptr},  {U'ě', "e", nullptr},
    {U'Ğ', "G", nullptr},  {U'ğ', "g", nullptr},  {U'Ģ', "G", nullptr},  {U'ģ', "g", nullptr},
    {U'Ī', "I", nullptr},  {U'ī', "i", nullptr},  {U'Į', "I", nullptr},  {U'į', "i", nullptr},
    {U'İ', "I", nullptr},  {U'ı', "i", nullptr},  {U'Ķ', "K", nullptr},  {U'ķ', "k", nullptr},
    {U'Ĺ', "L", nullptr},  {U'ĺ', "l", nullptr},  {U'Ļ', "L", nullptr},  {U'ļ', "l", nullptr},
    {U'Ľ', "L", nullptr},  {U'ľ', "l", nullptr},  {U'Ł', "L", nullptr},  {U'ł', "l", nullptr},
    {U'Ń', "N", nullptr},  {U'ń', "n", nullptr},  {U'Ņ', "N", nullptr},  {U'ņ', "n", nullptr},
    {U'Ň', "N", nullptr},  {U'ň', "n", nullptr},  {U'Ō', "O", nullptr},  {U'ō', "o", nullptr},
    {U'Ő', "O", "Oe"},     {U'ő', "o", "oe"},     {U'Ŕ', "R", nullptr},  {U'ŕ', "r", nullptr},
    {U'Ŗ', "R", nullptr},  {U'ŗ', "r", nullptr},  {U'Ř', "R", nullptr},  {U'ř', "r", nullptr},
    {U'Ś', "S", nullptr},  {U'ś', "s", nullptr},  {U'Ş', "S", nullptr},  {U'ş', "s", nullptr},
    {U'Š', "S", nullptr},  {U'š', "s", nullptr},  {U'Ţ', "T", nullptr},  {U'ţ', "t", nullptr},
    {U'Ť', "T", nullptr},  {U'ť', "t", nullptr},  {U'Ū', "U", nullptr},  {U'ū', "u", nullptr},
    {U'Ů', "U", nullptr},  {U'ů', "u", nullptr},  {U'Ű', "U", "Ue"},     {U'ű', "u", "ue"},
    {U'Ų', "U", nullptr},  {U'ų', "u", nullptr},  {U'Ÿ', "Y", nullptr},  {U'Ź', "Z", nullptr},
    {U'ź', "z", nullptr},  {U'Ż', "Z", nullptr},  {U'ż', "z", nullptr},  {U'Ž', "Z", nullptr},
    {U'ž', "z", nullptr},  {U'Ș', "S", nullptr},  {U'ș', "s", nullptr},  {U'Ț', "T", nullptr},
    {U'ț', "t", nullptr},
};

const Fold* find_fold(char32_t cp) {
  const auto* end = std::end(kFolds);
  const auto* it = std::lower_bound(std::begin(kFolds), end, cp,
                                    [](const Fold& f, char32_t c) { return f.cp < c; });
  return it != end && it->cp == cp ? it : nullptr;
}

// The accented letters each country's alphabet (and so its register) has, lower case; any other
// accented letter of a foreign name is folded there.
struct Alphabet {
  std::string_view country;
  std::u32string_view letters;
};
constexpr Alphabet kAlphabets[] = {
    {"DK", U"æøåé"},       {"EE", U"äöõüšž"},      {"FI", U"åäöšž"},     {"DE", U"äöüß"},
    {"IS", U"áéíóúýþæöð"}, {"LV", U"āčēģīķļņšūž"}, {"LT", U"ąčęėįšųūž"}, {"NO", U"æøåé"},
    {"PL", U"ąćęłńóśźż"},  {"SE", U"åäöéü"},
};

// ---- Keyboards: rows of the local layout's letter keys ----
struct Layout {
  std::string_view countries;
  std::array<std::u32string_view, 3> rows;
};
constexpr Layout kLayouts[] = {
    {"DE", {U"qwertzuiopü", U"asdfghjklöä", U"yxcvbnm"}},
    {"SE FI", {U"qwertyuiopå", U"asdfghjklöä", U"zxcvbnm"}},
    {"NO", {U"qwertyuiopå", U"asdfghjkløæ", U"zxcvbnm"}},
    {"DK", {U"qwertyuiopå", U"asdfghjklæø", U"zxcvbnm"}},
    {"IS", {U"qwertyuiopð", U"asdfghjklæ", U"zxcvbnmþ"}},
    {"EE", {U"qwertyuiopüõ", U"asdfghjklöä", U"zxcvbnm"}},
    {"",
     {U"qwertyuiop", U"asdfghjkl",
      U"zxcvbnm"}},  // Latvian, Lithuanian, Polish: QWERTY, marks by AltGr
};

const Layout& layout_for(std::string_view country) {
  for (const auto& l : kLayouts) {
    if (!country.empty() && l.countries.find(country) != std::string_view::npos) return l;
  }
  return kLayouts[std::size(kLayouts) - 1];
}

// Keys next to `c` (lower case) on the layout; a letter not on it is looked up by its base letter.
std::u32string neighbours(const Layout& layout, char32_t c) {
  std::u32string out;
  char32_t key = c;
  bool found = false;
  for (int pass = 0; pass < 2 && !found; ++pass) {
    for (size_t r = 0; r < layout.rows.size() && !found; ++r) {
      const size_t col = layout.rows[r].find(key);
      if (col == std::u32string_view::npos) continue;
      found = true;
      const auto& row = layout.rows[r];
      if (col > 0) out.push_back(row[col - 1]);
      if (col + 1 < row.size()) out.push_back(row[col + 1]);
      for (size_t other : {r - 1, r + 1}) {
        if (other >= layout.rows.size()) continue;  // r - 1 wraps for r = 0
        const auto& o = layout.rows[other];
        for (size_t k = col == 0 ? 0 : col - 1; k <= col + 1 && k < o.size(); ++k)
          out.push_back(o[k]);
      }
    }
    if (!found) {
      const Fold* f = find_fold(c);
      if (!f) break;
      key = static_cast<char32_t>(static_cast<unsigned char>(f->short_form[0]));
      key = to_lower(key);
    }
  }
  return out;
}

char32_t match_case(char32_t like, char32_t c) {
  return is_upper(like) ? to_upper(c) : to_lower(c);
}

std::vector<std::string> split_spaces(std::string_view s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    const size_t sp = s.find(' ', start);
    const size_t end = sp == std::string_view::npos ? s.size() : sp;
    if (end > start) out.emplace_back(s.substr(start, end - start));
    if (sp == std::string_view::npos) break;
    start = sp + 1;
  }
  return out;
}

std::string join(const std::vector<std::string>& parts, size_t from, size_t to) {
  std::string out;
  for (size_t i = from; i < to; ++i) {
    if (!out.empty()) out += ' ';
    out += parts[i];
  }
  return out;
}

// Where a text stands in a NameForm: (convention, index among its spellings); the original is
// (kNative, 0).
bool locate(const NameForm& form, std::string_view text, Convention& conv, size_t& alt) {
  for (size_t c = 0; c < kConventionCount; ++c) {
    const auto s = form.spellings(static_cast<Convention>(c));
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] == text) {
        conv = static_cast<Convention>(c);
        alt = i;
        return true;
      }
    }
  }
  if (form.original() == text) {
    conv = Convention::kNative;
    alt = 0;
    return true;
  }
  return false;
}

}  // namespace

std::string_view damage_kind_name(DamageKind kind) {
  return kKindNames[static_cast<size_t>(kind)];
}

size_t DamageSet::count() const {
  return static_cast<size_t>(std::popcount(bits_));
}

std::string DamageSet::to_string() const {
  std::string out;
  for (size_t k = 0; k < kDamageKindCount; ++k) {
    if (has(static_cast<DamageKind>(k))) {
      if (!out.empty()) out += '+';
      out += kKindNames[k];
    }
  }
  return out;
}

std::string fold_diacritics(std::string_view text, bool long_forms) {
  std::string out;
  out.reserve(text.size());
  for (char32_t cp : decode(text)) {
    const Fold* f = find_fold(cp);
    if (!f) {
      encode_to(cp, out);
      continue;
    }
    out += long_forms && f->long_form ? f->long_form : f->short_form;
  }
  return out;
}

std::string fold_foreign_letters(std::string_view text, std::string_view country, bool long_forms) {
  std::u32string_view keep;
  for (const auto& a : kAlphabets)
    if (a.country == country) keep = a.letters;
  std::string out;
  out.reserve(text.size());
  for (char32_t cp : decode(text)) {
    const Fold* f = find_fold(cp);
    if (!f || keep.find(to_lower(cp)) != std::u32string_view::npos) {
      encode_to(cp, out);
      continue;
    }
    out += long_forms && f->long_form ? f->long_form : f->short_form;
  }
  return out;
}

Corruptor::Corruptor(const NameData& data, CorruptionOptions options)
    : data_(&data), options_(options) {}

bool Corruptor::typo(DamageKind kind, Identity& id, Rng& rng) const {
  // Letters that may be hit. Deletions and transpositions spare the first letter of a name: people
  // rarely get that wrong, and a copy losing or moving it ("Erzina", "Ebrzina") would also differ
  // in case.
  auto positions = [kind](const std::u32string& s) {
    std::vector<size_t> out;
    for (size_t i = 0; i < s.size(); ++i) {
      if (!is_letter(s[i])) continue;
      const bool first = i == 0 || !is_letter(s[i - 1]);
      if (kind == DamageKind::kTypoDeletion && (first || s.size() < 3)) continue;
      if (kind == DamageKind::kTypoTransposition &&
          (first || i + 1 >= s.size() || !is_letter(s[i + 1]) ||
           to_lower(s[i]) == to_lower(s[i + 1]))) {
        continue;
      }
      out.push_back(i);
    }
    return out;
  };
  // Mostly the family name (typed from speech or a document), otherwise the given names.
  std::string* field = rng.chance(0.6) ? &id.family_name : &id.given_names;
  std::u32string s = decode(*field);
  std::vector<size_t> letters = positions(s);
  if (letters.empty()) {
    field = field == &id.family_name ? &id.given_names : &id.family_name;
    s = decode(*field);
    letters = positions(s);
  }
  if (letters.empty()) return false;
  const Layout& layout = layout_for(id.country);
  const size_t pos = letters[rng.below(letters.size())];
  switch (kind) {
    case DamageKind::kTypoSubstitution: {
      const char32_t lower = to_lower(s[pos]);
      const std::u32string near = neighbours(layout, lower);
      char32_t repl = lower;
      for (int tries = 0; tries < 8 && repl == lower; ++tries) {
        if (!near.empty() && rng.chance(0.85)) {
          repl = near[rng.below(near.size())];
        } else {
          const auto& row = layout.rows[rng.below(layout.rows.size())];
          repl = row[rng.below(row.size())];
        }
      }
      if (repl == lower) return false;
      s[pos] = match_case(s[pos], repl);
      break;
    }
    case DamageKind::kTypoDeletion:
      s.erase(pos, 1);
      break;
    case DamageKind::kTypoInsertion: {
      const char32_t base = to_lower(s[pos]);
      char32_t extra = base;  // a doubled letter
      if (rng.chance(0.5)) {
        const std::u32string near = neighbours(layout, base);
        if (!near.empty()) extra = near[rng.below(near.size())];
      }
      s.insert(pos + 1, 1, extra);
      break;
    }
    case DamageKind::kTypoTransposition:
      std::swap(s[pos], s[pos + 1]);
      break;
    default:
      return false;
  }
  *field = encode(s);
  return true;
}

bool Corruptor::transliteration(Identity& id, Rng& rng) const {
  const int set_index = data_->index_of(id.origin);
  if (set_index < 0) return false;
  const NameSet& set = data_->sets()[static_cast<size_t>(set_index)];
  if (set.is_country) return false;
  struct Candidate {
    std::string* field;
    size_t from, to;  // token range
    std::vector<std::string_view> alternatives;
  };
  std::vector<Candidate> candidates;
  std::vector<std::string> tokens[2];
  std::string* fields[2] = {&id.given_names, &id.family_name};
  for (int f = 0; f < 2; ++f) {
    tokens[f] = split_spaces(*fields[f]);
    const auto& t = tokens[f];
    for (size_t len = 1; len <= 2; ++len) {
      for (size_t i = 0; i + len <= t.size(); ++i) {
        const std::string text = join(t, i, i + len);
        std::vector<std::string_view> alts;
        for (const NameRef& ref : data_->lookup(text)) {
          if (ref.set != set_index) continue;
          const NameForm& form = data_->form(ref);
          for (std::string_view v : form.all_forms()) {
            const bool foreign_script = v == form.original() && set.script != Script::kLatin;
            if (v != text && !foreign_script &&
                std::find(alts.begin(), alts.end(), v) == alts.end()) {
              alts.push_back(v);
            }
          }
        }
        if (!alts.empty()) candidates.push_back({fields[f], i, i + len, std::move(alts)});
      }
    }
  }
  if (candidates.empty()) return false;
  const Candidate& c = candidates[rng.below(candidates.size())];
  const int f = c.field == fields[0] ? 0 : 1;
  std::vector<std::string> t = tokens[f];
  const std::string_view replacement = c.alternatives[rng.below(c.alternatives.size())];
  t.erase(t.begin() + static_cast<ptrdiff_t>(c.from), t.begin() + static_cast<ptrdiff_t>(c.to));
  t.insert(t.begin() + static_cast<ptrdiff_t>(c.from), std::string(replacement));
  *c.field = join(t, 0, t.size());
  return true;
}

bool Corruptor::surname_form(Identity& id, Rng& rng) const {
  if (id.family_name.empty()) return false;
  // Icelandic patronymics: the other sex's suffix (a registry abroad copying the father's name).
  if (id.origin == "IS") {
    std::string& n = id.family_name;
    static constexpr std::string_view kSon = "son", kDottir = "dóttir";
    if (n.size() > kDottir.size() &&
        std::string_view(n).substr(n.size() - kDottir.size()) == kDottir) {
      n.replace(n.size() - kDottir.size(), kDottir.size(), kSon);
      return true;
    }
    if (n.size() > kSon.size() && std::string_view(n).substr(n.size() - kSon.size()) == kSon) {
      n.replace(n.size() - kSon.size(), kSon.size(), kDottir);
      return true;
    }
  }
  const int set_index = data_->index_of(id.origin);
  // The whole family name, or one part of a double name ("Nowak-Kowalska", "Skov Jensen").
  std::string& name = id.family_name;
  std::vector<std::pair<size_t, size_t>> parts{{0, name.size()}};
  for (size_t start = 0, i = 0; i <= name.size(); ++i) {
    if (i == name.size() || name[i] == ' ' || name[i] == '-') {
      if (start > 0 || i < name.size()) parts.emplace_back(start, i - start);
      start = i + 1;
    }
  }
  struct Option {
    size_t at, len;
    std::string_view text;
  };
  std::vector<Option> options;
  for (const auto& [at, len] : parts) {
    const std::string_view text = std::string_view(name).substr(at, len);
    for (const NameRef& ref : data_->lookup(text)) {
      if (ref.kind != NameRef::kSurname || (set_index >= 0 && ref.set != set_index)) continue;
      const Surname& s = data_->sets()[ref.set].surnames[ref.index];
      if (!s.gendered) continue;
      Convention conv;
      size_t alt;
      if (!locate(s.forms[ref.slot], text, conv, alt)) continue;
      for (uint8_t other = 0; other < 3; ++other) {
        const auto spellings = s.forms[other].spellings(conv);
        const std::string_view v =
            spellings.empty() ? std::string_view(s.forms[other].original())
                              : std::string_view(spellings[std::min(alt, spellings.size() - 1)]);
        if (v != text) options.push_back({at, len, v});
      }
    }
    if (!options.empty()) break;  // prefer the whole name over a part
  }
  if (options.empty()) return false;
  const Option& o = options[rng.below(options.size())];
  const std::string replacement(o.text);
  name.replace(o.at, o.len, replacement);
  return true;
}

// Each name of `id` that the set knows, written by `convention` (its usual spelling there).
bool Corruptor::respell(Identity& id, int set_index, Convention convention) const {
  bool changed = false;
  auto spelled = [&](const std::string& text) -> std::string_view {
    for (const NameRef& ref : data_->lookup(text)) {
      if (ref.set != set_index) continue;
      const auto spellings = data_->form(ref).spellings(convention);
      if (!spellings.empty()) return spellings.front();
    }
    return {};
  };
  for (std::string* field : {&id.given_names, &id.family_name}) {
    if (const std::string_view whole = spelled(*field); !whole.empty()) {
      changed |= whole != *field;
      *field = std::string(whole);
      continue;
    }
    std::vector<std::string> tokens = split_spaces(*field);
    for (auto& t : tokens) {
      if (const std::string_view v = spelled(t); !v.empty() && v != t) {
        t = std::string(v);
        changed = true;
      }
    }
    *field = join(tokens, 0, tokens.size());
  }
  return changed;
}

DamageSet Corruptor::register_abroad(const Identity& in, std::string_view country,
                                     double damage_rate, Rng& rng, Identity& out) const {
  out = in;
  for (std::string_view cc : core::kRegionCountries)
    if (cc == country) out.country = cc;  // static storage, as Identity::country wants
  DamageSet done;
  const int set_index = data_->index_of(in.origin);
  const NameSet* set = set_index >= 0 ? &data_->sets()[static_cast<size_t>(set_index)] : nullptr;
  if (set && !set->is_country) {
    if (set->script == Script::kCyrillic) {
      const Convention conv = cyrillic_convention(country, rng);
      out.spelling = conv;
      if (respell(out, set_index, conv)) done.add(DamageKind::kTransliteration);
    } else if (rng.chance(0.6) && transliteration(out, rng)) {
      done.add(DamageKind::kTransliteration);
    }
  }
  // Before folding: the name tables know the forms with their marks.
  if (in.sex == Sex::kFemale && rng.chance(0.1) && surname_form(out, rng))
    done.add(DamageKind::kSurnameFormChanged);
  if (rng.chance(0.8)) {
    const bool long_forms =
        (country == "DE" || country == "DK" || country == "NO") && rng.chance(0.4);
    std::string given = fold_foreign_letters(out.given_names, country, long_forms);
    std::string family = fold_foreign_letters(out.family_name, country, long_forms);
    if (given != out.given_names || family != out.family_name) {
      out.given_names = std::move(given);
      out.family_name = std::move(family);
      done.add(DamageKind::kDiacriticsDropped);
    }
  }
  if (out.birth_date_estimated && rng.chance(0.3) &&
      apply(DamageKind::kBirthYearShifted, out, rng)) {
    done.add(DamageKind::kBirthYearShifted);
  }
  if (rng.chance(damage_rate)) {
    Identity worse;
    const DamageSet more = corrupt(out, rng, worse);
    for (size_t k = 0; k < kDamageKindCount; ++k)
      if (more.has(static_cast<DamageKind>(k))) done.add(static_cast<DamageKind>(k));
    out = std::move(worse);
  }
  // A respelling undone by a later one (Anastasija → Anastasiya → Anastasija) changed nothing.
  if (out.given_names == in.given_names && out.family_name == in.family_name) {
    DamageSet kept;
    for (DamageKind k :
         {DamageKind::kDayMonthSwapped, DamageKind::kBirthYearShifted, DamageKind::kFieldMissing})
      if (done.has(k)) kept.add(k);
    done = kept;
  }
  return done;
}

bool Corruptor::apply(DamageKind kind, Identity& id, Rng& rng) const {
  switch (kind) {
    case DamageKind::kTypoSubstitution:
    case DamageKind::kTypoDeletion:
    case DamageKind::kTypoInsertion:
    case DamageKind::kTypoTransposition:
      return typo(kind, id, rng);
    case DamageKind::kTransliteration:
      return transliteration(id, rng);
    case DamageKind::kDiacriticsDropped: {
      // German officials (and passports' machine-readable zone) write ä as ae; Nordic and Baltic
      // systems mostly just drop the mark.
      double p_long = 0.3;
      if (id.origin == "DE" || id.country == "DE")
        p_long = 0.7;
      else if (id.origin == "SE" || id.origin == "FI" || id.origin == "EE")
        p_long = 0.15;
      else if (id.origin == "NO" || id.origin == "DK")
        p_long = 0.45;
      const bool long_forms = rng.chance(p_long);
      std::string given = fold_diacritics(id.given_names, long_forms);
      std::string family = fold_diacritics(id.family_name, long_forms);
      if (given == id.given_names && family == id.family_name) return false;
      id.given_names = std::move(given);
      id.family_name = std::move(family);
      return true;
    }
    case DamageKind::kNamesSwapped:
      if (id.given_names.empty() || id.family_name.empty() || id.given_names == id.family_name)
        return false;
      std::swap(id.given_names, id.family_name);
      std::swap(id.given_names_original, id.family_name_original);
      return true;
    case DamageKind::kSecondGivenDropped: {
      const size_t space = id.given_names.find(' ');
      if (space == std::string::npos) return false;
      id.given_names.resize(space);
      const size_t ospace = id.given_names_original.find(' ');
      if (ospace != std::string::npos) id.given_names_original.resize(ospace);
      return true;
    }
    case DamageKind::kSurnameFormChanged:
      return surname_form(id, rng);
    case DamageKind::kDayMonthSwapped: {
      if (!id.birth_date) return false;
      const core::Date d = *id.birth_date;
      if (d.day() > 12 || d.day() == d.month()) return false;
      id.birth_date = core::Date::from_ymd(d.year(), d.day(), d.month());
      return true;
    }
    case DamageKind::kBirthYearShifted: {
      if (!id.birth_date || !id.birth_date_estimated) return false;
      const core::Date d = *id.birth_date;
      const auto shifted =
          core::Date::from_ymd(d.year() + (rng.chance(0.5) ? 1 : -1), d.month(), d.day());
      if (!shifted) return false;
      id.birth_date = shifted;
      return true;
    }
    case DamageKind::kFieldMissing: {
      // Weighted among the fields present: date 4, original script 3, nationalities 2, languages 2,
      // given 1.
      std::array<uint32_t, 5> w = {
          id.birth_date ? 4u : 0u,
          id.given_names_original.empty() && id.family_name_original.empty() ? 0u : 3u,
          id.nationalities.empty() ? 0u : 2u, id.languages.empty() ? 0u : 2u,
          id.given_names.empty() || id.family_name.empty() ? 0u : 1u};
      uint64_t total = 0;
      for (uint32_t x : w) total += x;
      if (total == 0) return false;
      uint64_t r = rng.below(total);
      size_t k = 0;
      while (r >= w[k]) r -= w[k++];
      switch (k) {
        case 0:
          id.birth_date.reset();
          id.birth_date_estimated = false;
          break;
        case 1:
          id.given_names_original.clear();
          id.family_name_original.clear();
          break;
        case 2:
          id.nationalities.clear();
          break;
        case 3:
          id.languages.clear();
          break;
        default:
          id.given_names.clear();
          break;
      }
      return true;
    }
  }
  return false;
}

DamageSet Corruptor::corrupt(const Identity& in, Rng& rng, Identity& out) const {
  out = in;
  DamageSet done;
  uint64_t total_count = 0;
  for (uint32_t w : options_.kinds_per_copy) total_count += w;
  uint64_t r = total_count ? rng.below(total_count) : 0;
  size_t wanted = 1;
  for (size_t i = 0; i < options_.kinds_per_copy.size(); ++i) {
    if (r < options_.kinds_per_copy[i]) {
      wanted = i + 1;
      break;
    }
    r -= options_.kinds_per_copy[i];
  }
  std::array<uint32_t, kDamageKindCount> weights = options_.weights;
  while (done.count() < wanted) {
    uint64_t total = 0;
    for (uint32_t w : weights) total += w;
    if (total == 0) break;
    uint64_t x = rng.below(total);
    size_t k = 0;
    while (x >= weights[k]) x -= weights[k++];
    weights[k] = 0;  // each kind at most once per copy; one that does not apply is not tried again
    if (apply(static_cast<DamageKind>(k), out, rng)) done.add(static_cast<DamageKind>(k));
  }
  return done;
}

}  // namespace haven::synth
