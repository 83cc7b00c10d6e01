// Damaged copies of synthetic identities, with the kinds of damage real registration causes (typos,
// another transliteration, lost diacritics, swapped names and dates …): the ground truth for
// evaluating duplicate detection and search ([F5] --duplicates, [S1]). Each copy reports which
// kinds were applied.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "synth/identity.h"
#include "synth/name_data.h"
#include "synth/rng.h"

namespace haven::synth {

enum class DamageKind : uint8_t {
  kTypoSubstitution,   // one letter replaced, usually by a neighbouring key on the local keyboard
  kTypoDeletion,       // one letter left out
  kTypoInsertion,      // one letter added (a doubled letter or a neighbouring key)
  kTypoTransposition,  // two neighbouring letters swapped
  kTransliteration,  // a migrant name respelt (Shcherbakov → Schtscherbakow, Mohammed → Muhammad)
  kDiacriticsDropped,   // Bērziņa → Berzina, Þórunn → Thorunn, Müller → Mueller
  kNamesSwapped,        // given and family names exchanged
  kSecondGivenDropped,  // "Anna Maria" → "Anna"
  kSurnameFormChanged,  // Kazlauskaitė → Kazlauskienė, Bērziņa → Bērziņš, Jónsdóttir → Jónsson
  kDayMonthSwapped,   // 2015-03-07 → 2015-07-03
  kBirthYearShifted,  // an estimated birth year off by one
  kFieldMissing,  // birth date, original-script names, nationalities, languages or given names left
                  // out
};
inline constexpr size_t kDamageKindCount = 12;
std::string_view damage_kind_name(DamageKind kind);  // "typo_substitution" …

// The kinds applied to one copy.
class DamageSet {
 public:
  void add(DamageKind k) {
    bits_ = static_cast<uint16_t>(bits_ | (1u << static_cast<unsigned>(k)));
  }
  bool has(DamageKind k) const { return (bits_ >> static_cast<unsigned>(k)) & 1u; }
  bool empty() const { return bits_ == 0; }
  size_t count() const;
  uint16_t bits() const { return bits_; }
  // "typo_substitution+diacritics_dropped", or "" when empty.
  std::string to_string() const;

 private:
  uint16_t bits_ = 0;
};

struct CorruptionOptions {
  // Relative frequency of each kind (indexed by DamageKind), among the kinds that apply to an
  // identity. Typos dominate, mostly substitutions, as in studies of registration errors.
  std::array<uint32_t, kDamageKindCount> weights = {20, 8, 8, 6, 12, 10, 5, 7, 6, 6, 4, 8};
  // How many kinds one copy receives: 1, 2 or 3.
  std::array<uint32_t, 3> kinds_per_copy = {60, 30, 10};
};

// Stateless apart from its options; safe to share between threads (each with its own Rng).
// The NameData must be the one the identities were generated from (it knows each name's other
// spellings).
class Corruptor {
 public:
  explicit Corruptor(const NameData& data, CorruptionOptions options = {});

  // Writes into `out` a copy of `in` with one to three kinds of damage drawn among those that
  // apply, and returns the kinds applied (never empty unless nothing at all applies).
  DamageSet corrupt(const Identity& in, Rng& rng, Identity& out) const;
  // Applies one kind in place. Returns false, leaving `id` unchanged, when it does not apply (no
  // second given name to drop, a date whose day is above 12, a name with no other spelling …).
  bool apply(DamageKind kind, Identity& id, Rng& rng) const;

  // The same child registered again in `country` (of the region) after moving there, as that
  // country's officials write the names: a Cyrillic name respelt by the country's practice
  // (Ščerbakovs in Latvia, Shcherbakov or Sjtjerbakov in Sweden), another Latin spelling of an
  // Arabic, Somali, Dari or Tigrinya name (60 %), letters the country's alphabet lacks folded
  // (Bērziņa → Berzina in Sweden, Åsa → Asa in Latvia; 80 %), a girl's gendered surname now and
  // then in another form (10 %), an estimated birth year assessed again (30 %), and with
  // probability `damage_rate` one to three of the usual registration errors on top. Writes the
  // copy into `out` (its country set to `country`) and returns the kinds of change applied
  // (empty: written exactly as at home).
  DamageSet register_abroad(const Identity& in, std::string_view country, double damage_rate,
                            Rng& rng, Identity& out) const;

 private:
  bool typo(DamageKind kind, Identity& id, Rng& rng) const;
  bool transliteration(Identity& id, Rng& rng) const;
  bool surname_form(Identity& id, Rng& rng) const;
  bool respell(Identity& id, int set_index, Convention convention) const;

  const NameData* data_;
  CorruptionOptions options_;
};

// Drops diacritics the way a system without them writes names: ä → a or ae, ø → o or oe, å → a or
// aa, þ → th, ð → d, æ → ae, ß → ss, other marks to the base letter (ł → l, ņ → n, ė → e).
// `long_forms` picks ae/oe/ue/aa for the letters that have them (German and official MRZ practice).
// Exposed for tests.
std::string fold_diacritics(std::string_view text, bool long_forms);
// Folds only the letters that `country`'s alphabet lacks (Swedish keeps å, ä, ö and é; Latvian its
// ā … ž), as that country's register writes a foreign name; other text is unchanged.
std::string fold_foreign_letters(std::string_view text, std::string_view country, bool long_forms);

}  // namespace haven::synth
