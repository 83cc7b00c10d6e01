// Ending tables, longest match first. Kept as data so each language's rule is one line to read
// and to test.
#include "search/name_inflection.h"

#include <array>

namespace haven::search {
namespace {

constexpr size_t kMinStem = 3;

bool ends_with(std::u32string_view w, std::u32string_view tail) {
  return w.size() >= tail.size() && w.substr(w.size() - tail.size()) == tail;
}

// Family-name endings, longest first. Each entry: the ending and how many of its trailing code
// points to remove (so "ski" keeps its "sk": the Polish -ski/-ska pair meets in "kowalsk").
struct Ending {
  std::u32string_view tail;
  size_t remove;
};

constexpr std::array kFamilyEndings = {
    // Icelandic patronymics (the -s- of the genitive stays with the parent's name).
    Ending{U"sdóttir", 7},
    Ending{U"sdottir", 7},
    Ending{U"dóttir", 6},
    Ending{U"dottir", 6},
    Ending{U"sson", 4},
    // Lithuanian married and unmarried women's forms.
    Ending{U"uvienė", 6},
    Ending{U"uviene", 6},
    Ending{U"iūtė", 4},
    Ending{U"iute", 4},
    Ending{U"ienė", 4},
    Ending{U"iene", 4},
    Ending{U"aitė", 4},
    Ending{U"aite", 4},
    Ending{U"ytė", 3},
    Ending{U"yte", 3},
    Ending{U"utė", 3},
    Ending{U"ute", 3},
    // Slavic adjectival surnames: -ский/-ская, -ski/-ska, -skiy, -skaya, Baltic -skis/-skas.
    Ending{U"skaya", 3},
    Ending{U"skaja", 3},
    Ending{U"skaia", 3},
    Ending{U"ckaya", 3},
    Ending{U"ckaja", 3},
    Ending{U"skiy", 2},
    Ending{U"skij", 2},
    Ending{U"skii", 2},
    Ending{U"skyi", 2},
    Ending{U"skyy", 2},
    Ending{U"skyj", 2},
    Ending{U"skis", 2},
    Ending{U"skas", 2},
    Ending{U"ckiy", 2},
    Ending{U"ckij", 2},
    Ending{U"ckis", 2},
    Ending{U"sky", 1},
    Ending{U"ski", 1},
    Ending{U"cki", 1},
    Ending{U"ska", 1},
    Ending{U"cka", 1},
    // Icelandic -son after a genitive without -s- (Helgason), Russian -aya.
    Ending{U"son", 3},
    Ending{U"aya", 3},
    Ending{U"aja", 3},
    // Lithuanian masculine, Latvian masculine and feminine, Lithuanian feminine -ė.
    Ending{U"ius", 3},
    Ending{U"as", 2},
    Ending{U"is", 2},
    Ending{U"ys", 2},
    Ending{U"us", 2},
    Ending{U"š", 1},
    Ending{U"s", 1},
    Ending{U"a", 1},
    Ending{U"ė", 1},
    Ending{U"e", 1},
};

constexpr std::array kGivenEndings = {
    Ending{U"as", 2}, Ending{U"is", 2}, Ending{U"ys", 2},
    Ending{U"us", 2}, Ending{U"š", 1},  Ending{U"s", 1},
};

template <size_t N>
std::u32string strip(std::u32string_view w, const std::array<Ending, N>& endings) {
  for (const Ending& e : endings) {
    if (ends_with(w, e.tail) && w.size() - e.remove >= kMinStem) {
      return std::u32string(w.substr(0, w.size() - e.remove));
    }
  }
  return std::u32string(w);
}

}  // namespace

std::u32string name_stem(std::u32string_view w, NameField field) {
  if (field == NameField::kGiven) {
    // Only after a consonant: "Aleksandrs", "Jonas", "Matvejs"; a vowel before -s is part of
    // the name ("Agnes" stays).
    if (w.size() >= 2 && (w.back() == U's' || w.back() == U'š')) {
      const char32_t before = w[w.size() - 2];
      const bool vowel_before =
          std::u32string_view(U"aeiouyāēīūėõäöü").find(before) != std::u32string_view::npos;
      if (vowel_before && w.size() >= 3) {
        // -as/-is/-ys/-us: a Baltic ending only when the letter before it is a consonant.
        const char32_t b2 = w[w.size() - 3];
        if (std::u32string_view(U"aeiouyāēīūėõäöü").find(b2) != std::u32string_view::npos)
          return std::u32string(w);
        if (before == U'e' || before == U'o') return std::u32string(w);  // Agnes, Amos
      }
    }
    return strip(w, kGivenEndings);
  }
  return strip(w, kFamilyEndings);
}

std::optional<Patronymic> icelandic_patronymic(std::u32string_view w) {
  for (std::u32string_view tail : {U"dóttir", U"dottir"}) {
    if (ends_with(w, tail) && w.size() > tail.size() + 1) {
      return Patronymic{std::u32string(w.substr(0, w.size() - tail.size())), true};
    }
  }
  if (ends_with(w, U"son") && w.size() > 4) {
    return Patronymic{std::u32string(w.substr(0, w.size() - 3)), false};
  }
  return std::nullopt;
}

}  // namespace haven::search
