// The name tables of the synthetic population: per country and per migrant origin, given names by
// sex and surnames with their gendered forms and their spellings under each writing convention,
// loaded once from data/names/ and kept as compact weighted lists ready to draw from.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "synth/rng.h"

namespace haven::synth {

enum class Sex : uint8_t { kFemale = 0, kMale = 1 };

// Who wrote a name down, and so how a name from another script came out in Latin letters.
enum class Convention : uint8_t {
  kNative,    // the name as its bearers write it (a local name, or the original script)
  kPassport,  // the origin country's own passport transliteration (Ukraine KMU 2010, Russia ICAO
              // 9303)
  kEnglish,   // BGN/PCGN
  kGerman,    // Duden
  kPolish,
  kLatvian,     // with Latvian endings: Ščerbakovs, Aleksandrs
  kLithuanian,  // with Lithuanian endings: Ščerbakovas (the bare form as an alternative)
  kSwedish,
  kDanish,
  kNorwegian,
  kFinnish,
  kEstonian,
  kLatin,  // common Latin spellings not tied to one convention (for Arabic script: all of them)
};
inline constexpr size_t kConventionCount = 13;
// "passport", "en", "de" … as in the data files' column names; "native" and "latin" for the others.
std::string_view convention_name(Convention c);
std::optional<Convention> convention_from_name(std::string_view name);

enum class Script : uint8_t { kLatin, kCyrillic, kArabic, kEthiopic };
// How the family name of a child of this origin is formed.
enum class FamilyNaming : uint8_t {
  kSurname,      // an inherited family name (Russian, Ukrainian, Arabic)
  kFatherGiven,  // the father's given name, then the grandfather's (Somali, Tigrinya)
  kMixed,        // either (Afghan: many have no family name, registers use the father's name)
};

// One written form of a name with its spellings under each convention. `original` is the form in
// the name's own script or orthography ("Щербаков", "Bērziņa", "Maxamed"); spellings(c) lists the
// forms an official of convention c writes, usual one first (empty when the convention adds
// nothing).
class NameForm {
 public:
  NameForm() = default;
  explicit NameForm(std::string original) : original_(std::move(original)) {}

  const std::string& original() const { return original_; }
  std::span<const std::string> spellings(Convention c) const;
  // The usual spelling under c, or the original when c has none.
  std::string_view primary(Convention c) const;
  // Every distinct form: the original and all spellings (for variant look-ups and corruption).
  std::vector<std::string_view> all_forms() const;
  // Replaces the spellings of `c` (used while loading; conventions may be set in any order).
  void set_spellings(Convention c, std::vector<std::string> spellings);

 private:
  std::string original_;
  std::array<uint16_t, kConventionCount + 1>
      offsets_{};  // spellings of c: [offsets_[c], offsets_[c+1])
  std::vector<std::string> spellings_;
};

struct GivenName {
  NameForm form;
  // Icelandic only: the genitive as patronymics use it (Jón → "Jóns", Helgi → "Helga", Anna →
  // "Önnu"), so the child's family name is genitive + "son" / "dóttir".
  std::string genitive;
};

// A surname in its three grammatical forms. Where the language has no gendered forms all three are
// equal. Lithuanian: kMale Kazlauskas, kFemale (unmarried, a girl's) Kazlauskaitė, kMarried
// Kazlauskienė.
struct Surname {
  enum Form : uint8_t { kMale = 0, kFemale = 1, kMarried = 2 };
  std::array<NameForm, 3> forms;
  bool gendered = false;
  const NameForm& form(Form f) const { return forms[f]; }
};

// Items with integer weights, drawn in O(log n) from running totals.
template <class T>
class WeightedList {
 public:
  void add(T item, uint64_t weight) {
    total_ += weight;
    items_.push_back(std::move(item));
    cumulative_.push_back(total_);
  }
  size_t pick_index(Rng& rng) const { return rng.pick(cumulative_); }
  const T& pick(Rng& rng) const { return items_[pick_index(rng)]; }
  size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }
  const T& operator[](size_t i) const { return items_[i]; }
  uint64_t weight(size_t i) const { return cumulative_[i] - (i ? cumulative_[i - 1] : 0); }
  uint64_t total() const { return total_; }
  std::span<const T> items() const { return items_; }
  std::span<const uint64_t> cumulative() const { return cumulative_; }

 private:
  std::vector<T> items_;
  std::vector<uint64_t> cumulative_;
  uint64_t total_ = 0;
};

// The names of one country ("SE") or one origin group ("ukrainian").
struct NameSet {
  std::string id;
  std::string language;  // ISO 639-1 of the names' language ("sv", "ru")
  Script script = Script::kLatin;
  FamilyNaming naming = FamilyNaming::kSurname;
  bool is_country = false;
  std::array<WeightedList<GivenName>, 2> given;  // children's given names, by Sex
  std::array<WeightedList<GivenName>, 2>
      adult_given;  // adults' (may be empty: children's are used)
  WeightedList<Surname> surnames;

  const WeightedList<GivenName>& given_names(Sex sex, bool adult) const {
    const auto& a = adult_given[static_cast<size_t>(sex)];
    return adult && !a.empty() ? a : given[static_cast<size_t>(sex)];
  }
};

// Where a spelling occurs: for reverse look-up of a written name (to respell it, or change its
// form).
struct NameRef {
  enum Kind : uint8_t { kGiven, kAdultGiven, kSurname };
  uint16_t set = 0;  // index into NameData::sets()
  Kind kind = kGiven;
  uint8_t slot = 0;    // given: the Sex; surname: the Surname::Form
  uint32_t index = 0;  // entry in that list
};

// All name sets, loaded from a data folder. Immutable after load, so it may be shared between
// threads.
class NameData {
 public:
  // Reads <data_dir>/names/*.tsv (one per country of the region; all ten must be there) and
  // <data_dir>/names/origin/*.tsv (migrant-origin groups). Errors name the file and line.
  static core::Result<NameData> load(const std::filesystem::path& data_dir);
  // Parses one file's text; `label` names it in error messages ("data/names/lv.tsv").
  static core::Result<NameSet> parse(std::string_view text, std::string_view label);

  std::span<const NameSet> sets() const {
    return sets_ ? std::span<const NameSet>(*sets_) : std::span<const NameSet>();
  }
  const NameSet* find(std::string_view id) const;
  // The index of a set in sets(), or -1.
  int index_of(std::string_view id) const;
  // Every place a spelling occurs (exact, case-sensitive), in load order.
  std::span<const NameRef> lookup(std::string_view spelling) const;
  // The NameForm a reference points to.
  const NameForm& form(const NameRef& ref) const;

 private:
  struct Index;
  void build_index();
  // Held by pointer so that string_views into the sets (Identity::origin) survive moving the
  // NameData.
  std::shared_ptr<const std::vector<NameSet>> sets_;
  std::shared_ptr<const Index> index_;
};

}  // namespace haven::synth
