// Generates synthetic children and households for one country of the region: names with the right
// grammar (gendered Baltic and Polish surnames, Icelandic patronymics, Nordic double names), a
// country-typical share of migrant-origin families written the way that country's officials write
// them, birth dates (estimated for some children who arrived alone), nationalities and languages.
// Deterministic in the Rng it is given.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "synth/identity.h"
#include "synth/name_data.h"
#include "synth/rng.h"

namespace haven::synth {

namespace detail {
struct CountryRules;  // naming customs and migration profile of one country
                      // (identity_generator.cpp)
struct OriginInfo;    // what is known of a migrant-origin group wherever it lives
                      // (identity_generator.cpp)
}  // namespace detail

struct GeneratorOptions {
  core::Date reference_date;  // "today": every child is 0–17 years old on this date
  std::optional<double>
      migrant_share;  // share of migrant-origin households; default: the country's
};

// Immutable after create(), so one generator may serve many threads, each with its own Rng (for
// example Rng(seed, record_index)). The NameData must outlive the generator and every Identity it
// makes.
// How officials of `country` (one of the region) write a Cyrillic name in Latin letters, drawn
// from that country's practice (Latvia always in Latvian form, Sweden mostly from the passport …);
// kPassport for a country outside the region.
Convention cyrillic_convention(std::string_view country, Rng& rng);

class IdentityGenerator {
 public:
  // Fails for a country outside the region, or when a name set its profile needs was not loaded.
  static core::Result<IdentityGenerator> create(const NameData& data, std::string_view country,
                                                GeneratorOptions options);

  // One child with the names their family would give them (parents are drawn but not returned).
  // Takes one draw from `rng` and works from a generator seeded with it and the country. The _into
  // form reuses `out`'s storage, so a loop over it does not allocate once warmed up.
  void generate_child_into(Rng& rng, Identity& out) const;
  Identity generate_child(Rng& rng) const;
  // One to four children (or one unaccompanied child) and their caregivers.
  void generate_household_into(Rng& rng, Household& out) const;
  Household generate_household(Rng& rng) const;

  std::string_view country() const { return country_; }

 private:
  // A group of families whose names come from one name set, as this country sees them.
  struct Origin {
    const NameSet* set = nullptr;
    const detail::CountryRules* own_rules =
        nullptr;  // for a name set of a region country (a Polish family in Norway)
    const detail::OriginInfo* info = nullptr;  // for a migrant-origin group
    double first_generation = 0;               // share of children born abroad
  };

  // Decisions shared by one household.
  struct Plan {
    const Origin* origin = nullptr;  // null: a family of this country
    const NameSet* set = nullptr;
    const detail::CountryRules* rules =
        nullptr;  // naming customs of the name set's country (native or regional)
    Convention convention = Convention::kNative;
    uint32_t family_spelling = 0;  // which Latin spelling officials used for the family name
    std::string_view nationality;  // of the country of origin, shared by the family
    bool first_generation = false;
    bool unaccompanied = false;
    bool use_father_given =
        false;  // family name is the father's given name (Somali, Tigrinya, some Afghan)
    bool with_grandfather = false;  // … followed by the grandfather's
    bool parents_married = false;
    bool common_name = false;  // the mother took the father's surname
    bool child_takes_mother = false;
    bool double_surname = false;  // children carry both parents' surnames
    bool metronymic = false;      // Icelandic: named after the mother
    bool family_name_is = false;  // Icelandic: the family has an ættarnafn
    uint32_t father_given = 0;    // adult male given name
    uint32_t mother_given = 0;    // adult female given name
    uint32_t father_surname = 0;  // surname entry (or grandfather's name for use_father_given)
    uint32_t mother_surname = 0;  // the mother's own surname entry (or her father's name)
    uint32_t middle_surname = 0;  // first part of a Nordic double surname
    uint32_t grandfather = 0;     // father's father: Icelandic patronymic of the father
    uint32_t mother_father = 0;   // mother's father: Icelandic patronymic of the mother
  };

  IdentityGenerator() = default;
  void make_plan(Rng& rng, bool household, Plan& plan) const;
  void fill_child(Rng& rng, const Plan& plan, Sex sex, core::Date birth, Identity& out) const;
  void fill_adult(Rng& rng, const Plan& plan, CaregiverRole role, core::Date birth,
                  Identity& out) const;
  void fill_given(Rng& rng, const Plan& plan, Sex sex, bool adult, Identity& out,
                  std::optional<size_t> first_name) const;
  void fill_child_family(const Plan& plan, Sex sex, core::Date birth, Identity& out) const;
  void fill_background(Rng& rng, const Plan& plan, bool born_here, Identity& out) const;
  void mark_estimated(Rng& rng, Identity& out) const;
  core::Date birth_date_for_age(Rng& rng, int age) const;

  const NameData* data_ = nullptr;
  std::string_view country_;
  const detail::CountryRules* rules_ = nullptr;
  uint64_t salt_ = 0;  // from the country code
  core::Date reference_;
  std::array<int64_t, 19>
      age_bounds_{};  // days since the epoch of the reference date minus 0..18 years
  double migrant_share_ = 0;
  const NameSet* native_ = nullptr;
  // Danish, Norwegian and Swedish children's middle surnames are mostly of the place kind (Skov,
  // Holm, Berg), rarely a second -sen/-son name: indexes into native_->surnames with running
  // weights.
  std::vector<uint32_t> middle_names_;
  std::vector<uint64_t> middle_cumulative_;
  std::vector<Origin> origins_;
  std::vector<uint64_t> origin_cumulative_;
};

}  // namespace haven::synth
