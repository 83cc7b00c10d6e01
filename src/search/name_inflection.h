// Grammatical endings that change while the name stays the same, removed so the forms meet in one
// stem: Baltic gendered surnames (Bērziņš/Bērziņa → bērziņ; Kazlauskas/Kazlauskienė/Kazlauskaitė →
// kazlausk), Slavic adjectival surnames (Kowalski/Kowalska, Ivanov/Ivanova), the Latvian and
// Lithuanian nominative endings added to foreign names (Aleksandrs, Ščerbakovas), and Icelandic
// patronymics (Jónsson/Jónsdóttir → jón + son/daughter marker).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace haven::search {

enum class NameField : uint8_t { kGiven, kFamily };

// The stem of one lower-case Latin word (diacritics kept or already folded; both spellings of
// each ending are known). Family names lose gendered, adjectival and patronymic endings; given
// names lose only the masculine Baltic endings (-s, -š, -as, -is, -ys, -us). A word whose stem
// would be shorter than three letters is returned unchanged.
std::u32string name_stem(std::u32string_view lower_latin, NameField field);

// An Icelandic patronymic or metronymic: the parent's name (in the genitive, as written) and
// whether the bearer is a son or a daughter. Nullopt for other words.
struct Patronymic {
  std::u32string parent;
  bool daughter = false;
};
std::optional<Patronymic> icelandic_patronymic(std::u32string_view lower_latin);

}  // namespace haven::search
