// The generator's rules: per-country naming customs and migration profiles (approximate shares from
// public statistics, rounded: they shape realistic test data and are not statistics themselves),
// and the composition of names, birth dates, nationalities and languages from them.
#include "synth/identity_generator.h"

#include <algorithm>
#include <span>
#include <string>

namespace haven::synth {
namespace detail {

struct Share {
  std::string_view code;  // a name set id, a country code or a convention name
  uint32_t weight;
};

struct CountryRules {
  std::string_view country;
  std::string_view language;
  double second_given;  // children with a second given name (most Finns and Swedes, few Balts)
  double
      migrant_share;  // households of migrant origin (a child-protection population: above census)
  double parents_married;
  double common_name;         // a married mother who took the father's surname
  double child_takes_father;  // when the parents have no common surname
  double double_surname;      // children carrying both parents' surnames
  char double_separator;      // ' ': Danish/Norwegian/Swedish middle-name style; '-': hyphenated
  bool double_since_2025;  // Germany: children may carry a double name only since the 2025 reform
  double mother_double;    // a married mother who adds her own name (Begleitname, Nowak-Kowalska)
  std::array<Share, 9> origins;            // name set id and weight, of migrant-origin households
  std::array<double, 9> first_generation;  // per origin above: share of children born abroad
  std::array<Share, 3> cyrillic;  // how officials here write Cyrillic names: convention, weight
};

struct OriginInfo {
  std::string_view id;
  double unaccompanied;  // of the children born abroad, share who arrived without a caregiver
  double
      estimated_birth;  // of the accompanied ones born abroad, share of whom only the year is known
  std::array<Share, 8> nationalities;
  std::string_view language;
  std::string_view second_language;
  double second_language_share;
  double second_given;
};

// Russian-speaking families in Estonia and Latvia, and Polish ones in Lithuania, are long-settled
// minorities (few children born abroad); most others arrived in the last decades. Cyrillic names
// are written from the passport (ICAO/KMU transliteration) where there is one, otherwise by
// national rules; Latvia always writes names in Latvian form.
// clang-format off
// Columns: country, language, second given name, migrant share, parents married, mother takes father's
// name, child takes father's (no common name), double surname, its separator, double only since 2025,
// mother adds her own name; then origins (name set, weight), each origin's share born abroad, and how
// officials write Cyrillic names (convention, weight).
constexpr std::array<CountryRules, 10> kCountries = {{
    {"DK", "da", 0.45, 0.14, 0.50, 0.60, 0.55, 0.25, ' ', false, 0.00,
     {{{"arabic", 32}, {"somali", 12}, {"afghan", 14}, {"tigrinya", 8}, {"ukrainian", 16}, {"russian", 4},
       {"PL", 10}, {"LT", 4}, {"", 0}}},
     {0.45, 0.25, 0.45, 0.40, 0.85, 0.50, 0.50, 0.50, 0},
     {{{"passport", 75}, {"da", 25}, {"", 0}}}},
    {"EE", "et", 0.15, 0.28, 0.45, 0.80, 0.60, 0.02, '-', false, 0.00,
     {{{"russian", 82}, {"ukrainian", 16}, {"arabic", 2}, {"", 0}, {"", 0}, {"", 0}, {"", 0}, {"", 0},
       {"", 0}}},
     {0.08, 0.70, 0.60, 0, 0, 0, 0, 0, 0},
     {{{"et", 85}, {"passport", 15}, {"", 0}}}},
    {"FI", "fi", 0.85, 0.09, 0.55, 0.75, 0.60, 0.03, '-', false, 0.00,
     {{{"russian", 30}, {"somali", 15}, {"arabic", 20}, {"ukrainian", 15}, {"afghan", 8}, {"EE", 12},
       {"", 0}, {"", 0}, {"", 0}}},
     {0.40, 0.20, 0.45, 0.85, 0.50, 0.40, 0, 0, 0},
     {{{"passport", 55}, {"fi", 40}, {"sv", 5}}}},
    {"DE", "de", 0.35, 0.24, 0.65, 0.80, 0.70, 0.15, '-', true, 0.08,
     {{{"arabic", 34}, {"ukrainian", 18}, {"afghan", 16}, {"russian", 14}, {"tigrinya", 6}, {"somali", 4},
       {"PL", 8}, {"", 0}, {"", 0}}},
     {0.45, 0.85, 0.50, 0.35, 0.40, 0.30, 0.40, 0, 0},
     {{{"passport", 70}, {"de", 30}, {"", 0}}}},
    {"IS", "is", 0.60, 0.12, 0.35, 0.00, 0.00, 0.00, ' ', false, 0.00,
     {{{"PL", 45}, {"LT", 12}, {"ukrainian", 12}, {"arabic", 10}, {"russian", 5}, {"afghan", 3},
       {"somali", 3}, {"", 0}, {"", 0}}},
     {0.50, 0.50, 0.85, 0.60, 0.50, 0.60, 0.40, 0, 0},
     {{{"passport", 100}, {"", 0}, {"", 0}}}},
    {"LV", "lv", 0.10, 0.32, 0.55, 0.90, 0.70, 0.02, '-', false, 0.00,
     {{{"russian", 80}, {"ukrainian", 16}, {"arabic", 2}, {"LT", 2}, {"", 0}, {"", 0}, {"", 0}, {"", 0},
       {"", 0}}},
     {0.06, 0.60, 0.60, 0.30, 0, 0, 0, 0, 0},
     {{{"lv", 100}, {"", 0}, {"", 0}}}},
    {"LT", "lt", 0.10, 0.12, 0.70, 0.90, 0.80, 0.01, '-', false, 0.06,
     {{{"russian", 40}, {"PL", 40}, {"ukrainian", 18}, {"arabic", 2}, {"", 0}, {"", 0}, {"", 0}, {"", 0},
       {"", 0}}},
     {0.10, 0.03, 0.70, 0.60, 0, 0, 0, 0, 0},
     {{{"lt", 60}, {"passport", 40}, {"", 0}}}},
    {"NO", "no", 0.35, 0.17, 0.45, 0.60, 0.50, 0.25, ' ', false, 0.00,
     {{{"arabic", 22}, {"somali", 18}, {"afghan", 12}, {"tigrinya", 14}, {"ukrainian", 12}, {"russian", 4},
       {"PL", 14}, {"LT", 8}, {"", 0}}},
     {0.45, 0.25, 0.45, 0.40, 0.85, 0.50, 0.50, 0.50, 0},
     {{{"passport", 75}, {"no", 25}, {"", 0}}}},
    {"PL", "pl", 0.45, 0.05, 0.75, 0.90, 0.85, 0.03, '-', false, 0.10,
     {{{"ukrainian", 80}, {"russian", 6}, {"arabic", 5}, {"afghan", 2}, {"tigrinya", 1}, {"somali", 1},
       {"", 0}, {"", 0}, {"", 0}}},
     {0.85, 0.60, 0.60, 0.70, 0.70, 0.70, 0, 0, 0},
     {{{"passport", 70}, {"pl", 30}, {"", 0}}}},
    {"SE", "sv", 0.70, 0.20, 0.45, 0.55, 0.50, 0.06, ' ', false, 0.00,
     {{{"arabic", 35}, {"somali", 14}, {"afghan", 14}, {"tigrinya", 9}, {"ukrainian", 14}, {"russian", 5},
       {"PL", 6}, {"FI", 3}, {"", 0}}},
     {0.45, 0.30, 0.50, 0.40, 0.85, 0.50, 0.50, 0.30, 0},
     {{{"passport", 75}, {"sv", 25}, {"", 0}}}},
}};

// Columns: id, share of children born abroad who arrived alone, share of the accompanied ones with an
// estimated birth date, nationalities (weights), language, a second language and its share, share with
// a second given name.
constexpr std::array<OriginInfo, 6> kOrigins = {{
    {"russian", 0.01, 0.01, {{{"RU", 85}, {"BY", 10}, {"KZ", 5}}}, "ru", "", 0.0, 0.05},
    {"ukrainian", 0.03, 0.01, {{{"UA", 100}}}, "uk", "ru", 0.30, 0.03},
    {"arabic", 0.06, 0.05,
     {{{"SY", 45}, {"IQ", 28}, {"PS", 8}, {"LB", 6}, {"EG", 4}, {"MA", 4}, {"YE", 3}, {"JO", 2}}},
     "ar", "", 0.0, 0.10},
    {"somali", 0.20, 0.30, {{{"SO", 100}}}, "so", "", 0.0, 0.02},
    {"afghan", 0.30, 0.40, {{{"AF", 100}}}, "fa", "ps", 0.35, 0.10},
    {"tigrinya", 0.25, 0.25, {{{"ER", 80}, {"ET", 20}}}, "ti", "", 0.0, 0.02},
}};
// clang-format on

}  // namespace detail

namespace {

using detail::CountryRules;
using detail::OriginInfo;
using detail::Share;

const CountryRules* rules_of(std::string_view cc) {
  for (const auto& r : detail::kCountries) {
    if (r.country == cc) return &r;
  }
  return nullptr;
}

const OriginInfo* info_of(std::string_view id) {
  for (const auto& o : detail::kOrigins) {
    if (o.id == id) return &o;
  }
  return nullptr;
}

constexpr std::array<uint32_t, 18> kAgeWeights = {5, 5, 5, 5, 5, 5, 5, 5, 5,
                                                  6, 6, 6, 7, 7, 7, 7, 6, 5};
// Unaccompanied children are mostly 15-17 (Eurostat asylum statistics): ages 10..17.
constexpr std::array<uint32_t, 8> kUnaccompaniedAgeWeights = {1, 1, 1, 2, 4, 8, 14, 18};
// Which of a name's Latin spellings a document carries: the usual one most often.
constexpr std::array<uint32_t, 6> kSpellingWeights = {16, 6, 3, 2, 1, 1};
// Household shapes of families known to child protection (approximate).
enum class Shape : uint8_t {
  kTwoParents,
  kMother,
  kFather,
  kMotherStepfather,
  kFatherStepmother,
  kGrandparents,
  kAunt,
  kUncle
};
constexpr std::array<uint32_t, 8> kShapeWeights = {55, 22, 5, 8, 2, 5, 2, 1};
constexpr std::array<uint32_t, 4> kChildCountWeights = {35, 35, 20, 10};

// An index drawn from a short list of weights (linear: these lists have a handful of entries).
size_t pick_small(Rng& rng, std::span<const uint32_t> weights) {
  uint64_t total = 0;
  for (uint32_t w : weights) total += w;
  uint64_t r = rng.below(total);
  for (size_t i = 0; i < weights.size(); ++i) {
    if (r < weights[i]) return i;
    r -= weights[i];
  }
  return weights.size() - 1;
}

template <size_t N>
std::string_view pick_share(Rng& rng, const std::array<Share, N>& shares) {
  uint64_t total = 0;
  for (const auto& s : shares) total += s.weight;
  uint64_t r = rng.below(total);
  for (const auto& s : shares) {
    if (r < s.weight) return s.code;
    r -= s.weight;
  }
  return shares[0].code;
}

size_t pick_spelling(Rng& rng, size_t n) {
  if (n <= 1) return 0;
  return pick_small(
      rng, std::span<const uint32_t>(kSpellingWeights).first(std::min(n, kSpellingWeights.size())));
}

// The form an official of convention c writes; from a flat list of Latin spellings, the `alt`-th.
std::string_view spelled(const NameForm& form, Convention c, size_t alt) {
  const auto s = form.spellings(c);
  if (s.empty()) return form.original();
  return s[std::min(alt, s.size() - 1)];
}

void append(std::string& out, std::string_view name, char sep = ' ') {
  if (!out.empty()) out += sep;
  out += name;
}

bool is_icelandic(const NameSet& set) {
  return set.id == "IS";
}

// The Icelandic patronymic (or metronymic) of a child of the parent whose genitive is given.
void append_patronymic(std::string& out, std::string_view genitive, Sex sex) {
  out += genitive;
  out += sex == Sex::kMale ? "son" : "dóttir";
}

}  // namespace

std::string_view caregiver_role_name(CaregiverRole role) {
  switch (role) {
    case CaregiverRole::kMother:
      return "mother";
    case CaregiverRole::kFather:
      return "father";
    case CaregiverRole::kStepmother:
      return "stepmother";
    case CaregiverRole::kStepfather:
      return "stepfather";
    case CaregiverRole::kGrandmother:
      return "grandmother";
    case CaregiverRole::kGrandfather:
      return "grandfather";
    case CaregiverRole::kAunt:
      return "aunt";
    case CaregiverRole::kUncle:
      return "uncle";
  }
  return "caregiver";
}

core::Result<IdentityGenerator> IdentityGenerator::create(const NameData& data,
                                                          std::string_view country,
                                                          GeneratorOptions options) {
  const CountryRules* rules = rules_of(country);
  if (!rules) {
    return core::Error::invalid("no synthetic population profile for country '" +
                                std::string(country) +
                                "'; expected one of DK EE FI DE IS LV LT NO PL SE");
  }
  IdentityGenerator g;
  g.data_ = &data;
  g.country_ = rules->country;
  g.rules_ = rules;
  g.salt_ = mix64((static_cast<uint64_t>(static_cast<unsigned char>(rules->country[0])) << 8) |
                  static_cast<unsigned char>(rules->country[1]));
  g.reference_ = options.reference_date;
  g.migrant_share_ = options.migrant_share.value_or(rules->migrant_share);
  if (g.migrant_share_ < 0 || g.migrant_share_ > 1) {
    return core::Error::invalid("migrant share must be between 0 and 1");
  }
  for (size_t a = 0; a < g.age_bounds_.size(); ++a) {
    g.age_bounds_[a] = g.reference_.plus_months(-12 * static_cast<int>(a)).days_since_epoch();
  }
  g.native_ = data.find(country);
  if (!g.native_) return core::Error::invalid("no name data loaded for " + std::string(country));
  if (rules->double_separator == ' ') {
    uint64_t running = 0;
    for (uint32_t i = 0; i < g.native_->surnames.size(); ++i) {
      const std::string& n = g.native_->surnames[i].form(Surname::kMale).original();
      const bool patronymic = n.size() > 3 && (n.ends_with("sen") || n.ends_with("son"));
      if (patronymic) continue;
      running += g.native_->surnames.weight(i);
      g.middle_names_.push_back(i);
      g.middle_cumulative_.push_back(running);
    }
  }
  uint64_t total = 0;
  for (size_t i = 0; i < rules->origins.size(); ++i) {
    const Share& share = rules->origins[i];
    if (share.weight == 0) continue;
    Origin o;
    o.set = data.find(share.code);
    if (!o.set) {
      return core::Error::invalid("the " + std::string(country) + " profile needs name set '" +
                                  std::string(share.code) + "', which was not loaded");
    }
    o.own_rules = rules_of(share.code);
    o.info = info_of(share.code);
    if (!o.own_rules && !o.info) {
      return core::Error::internal("origin '" + std::string(share.code) + "' has no profile");
    }
    o.first_generation = rules->first_generation[i];
    g.origins_.push_back(o);
    total += share.weight;
    g.origin_cumulative_.push_back(total);
  }
  return g;
}

Convention cyrillic_convention(std::string_view country, Rng& rng) {
  const CountryRules* rules = rules_of(country);
  if (!rules) return Convention::kPassport;
  return convention_from_name(pick_share(rng, rules->cyrillic)).value_or(Convention::kPassport);
}

core::Date IdentityGenerator::birth_date_for_age(Rng& rng, int age) const {
  // Born in (reference - (age+1) years, reference - age years]: exactly `age` on the reference
  // date.
  const auto a = static_cast<size_t>(age);
  return core::Date::from_days(rng.between(age_bounds_[a + 1] + 1, age_bounds_[a]));
}

void IdentityGenerator::make_plan(Rng& rng, bool household, Plan& p) const {
  p = Plan{};
  if (!origins_.empty() && rng.chance(migrant_share_)) {
    p.origin = &origins_[rng.pick(origin_cumulative_)];
    p.set = p.origin->set;
    p.rules = p.origin->own_rules;  // null for a migrant-origin group
    p.first_generation = rng.chance(p.origin->first_generation);
    p.nationality = p.origin->info ? pick_share(rng, p.origin->info->nationalities) : p.set->id;
    if (p.origin->info) {
      p.unaccompanied = p.first_generation && rng.chance(p.origin->info->unaccompanied);
      if (p.set->script == Script::kCyrillic) {
        const std::string_view conv = pick_share(rng, rules_->cyrillic);
        p.convention = convention_from_name(conv).value_or(Convention::kPassport);
      } else {
        p.convention = Convention::kLatin;
      }
    }
  } else {
    p.set = native_;
    p.rules = rules_;
  }
  const NameSet& set = *p.set;
  const auto& men = set.given_names(Sex::kMale, true);
  const auto& women = set.given_names(Sex::kFemale, true);
  p.family_spelling = static_cast<uint32_t>(pick_spelling(rng, kSpellingWeights.size()));
  p.father_given = static_cast<uint32_t>(men.pick_index(rng));
  p.father_surname = static_cast<uint32_t>(set.surnames.pick_index(rng));
  bool need_mother = household;
  if (set.naming == FamilyNaming::kFatherGiven) {
    p.use_father_given = true;
  } else if (set.naming == FamilyNaming::kMixed) {
    p.use_father_given =
        rng.chance(0.35);  // no family name in the documents: the father's name is used
  }
  if (p.use_father_given) {
    p.with_grandfather = set.naming == FamilyNaming::kFatherGiven && rng.chance(0.4);
  } else if (p.rules && is_icelandic(set)) {
    p.metronymic = rng.chance(0.03);
    p.family_name_is = rng.chance(0.04);
    need_mother |= p.metronymic;
  } else if (p.rules) {  // a family of a region country, at home or abroad
    const CountryRules& r = *p.rules;
    p.parents_married = rng.chance(r.parents_married);
    p.common_name = p.parents_married && rng.chance(r.common_name);
    p.child_takes_mother = !p.common_name && !rng.chance(r.child_takes_father);
    p.double_surname = !p.common_name && rng.chance(r.double_surname);
    need_mother |= p.child_takes_mother || p.double_surname;
  } else {
    // Migrant family with a family name: Russian and Ukrainian wives mostly take the husband's
    // name; Arab and Afghan wives keep their own. Children take the father's.
    p.parents_married = rng.chance(0.85);
    p.common_name = p.parents_married && set.script == Script::kCyrillic && rng.chance(0.85);
  }
  // What only a household (or a child named after the mother) needs is drawn only then: a single
  // child costs fewer draws.
  if (need_mother) {
    p.mother_given = static_cast<uint32_t>(women.pick_index(rng));
    p.mother_surname = static_cast<uint32_t>(set.surnames.pick_index(rng));
  }
  p.middle_surname = p.mother_surname;
  if (p.double_surname && p.rules == rules_ && !middle_names_.empty()) {
    const std::string& m = set.surnames[p.mother_surname].form(Surname::kMale).original();
    if (m.ends_with("sen") || m.ends_with("son") || rng.chance(0.5)) {
      p.middle_surname = middle_names_[rng.pick(middle_cumulative_)];
    }
  }
  if (household) {
    p.grandfather = static_cast<uint32_t>(men.pick_index(rng));
    p.mother_father = static_cast<uint32_t>(men.pick_index(rng));
  }
}

void IdentityGenerator::fill_given(Rng& rng, const Plan& p, Sex sex, bool adult, Identity& out,
                                   std::optional<size_t> first_name) const {
  const NameSet& set = *p.set;
  const auto& list = set.given_names(sex, adult);
  double second = 0.05;
  if (p.rules)
    second = p.rules->second_given * (adult ? 0.7 : 1.0);
  else if (p.origin && p.origin->info)
    second = p.origin->info->second_given;
  const size_t first = first_name ? *first_name : list.pick_index(rng);
  size_t other = first;
  if (rng.chance(second)) {
    for (int tries = 0; tries < 4 && other == first; ++tries) other = list.pick_index(rng);
  }
  const Convention c = p.convention;
  const NameForm& f1 = list[first].form;
  // A father whose given name is his children's family name: one spelling for both, as the
  // documents have.
  const bool family_spelling = first_name && p.use_father_given && sex == Sex::kMale;
  out.given_names = spelled(
      f1, c, family_spelling ? p.family_spelling : pick_spelling(rng, f1.spellings(c).size()));
  out.given_names_original.clear();
  if (!set.is_country) out.given_names_original = f1.original();
  if (other != first) {
    const NameForm& f2 = list[other].form;
    append(out.given_names, spelled(f2, c, pick_spelling(rng, f2.spellings(c).size())));
    if (!set.is_country) append(out.given_names_original, f2.original());
  }
  if (out.given_names_original == out.given_names) out.given_names_original.clear();
}

void IdentityGenerator::fill_child_family(const Plan& p, Sex sex, core::Date birth,
                                          Identity& out) const {
  const NameSet& set = *p.set;
  std::string& name = out.family_name;
  std::string& original = out.family_name_original;
  name.clear();
  original.clear();
  const Convention c = p.convention;
  if (p.use_father_given) {
    const NameForm& father = set.given_names(Sex::kMale, true)[p.father_given].form;
    name = spelled(father, c, p.family_spelling);
    original = father.original();
    if (p.with_grandfather) {
      const NameForm& grand = set.surnames[p.father_surname].form(Surname::kMale);
      append(name, spelled(grand, c, p.family_spelling));
      append(original, grand.original());
    }
  } else if (is_icelandic(set) && !p.family_name_is) {
    const auto& parent = p.metronymic ? set.given_names(Sex::kFemale, true)[p.mother_given]
                                      : set.given_names(Sex::kMale, true)[p.father_given];
    append_patronymic(name, parent.genitive, sex);
  } else {
    const auto form = sex == Sex::kMale ? Surname::kMale : Surname::kFemale;
    const uint32_t line = p.child_takes_mother ? p.mother_surname : p.father_surname;
    const NameForm& own = set.surnames[line].form(form);
    name = spelled(own, c, p.family_spelling);
    if (!set.is_country) original = own.original();
    const bool allowed =
        !p.rules || !p.rules->double_since_2025 || birth >= *core::Date::from_ymd(2025, 5, 1);
    if (p.double_surname && allowed && p.middle_surname != p.father_surname && p.rules) {
      const NameForm& mother = set.surnames[p.middle_surname].form(form);
      const NameForm& father = set.surnames[p.father_surname].form(form);
      const char sep = p.rules->double_separator;
      // Nordic style puts the mother's name first, as a middle name; hyphenated names the father's
      // first.
      const NameForm& first = sep == ' ' ? mother : father;
      const NameForm& second = sep == ' ' ? father : mother;
      name = spelled(first, c, p.family_spelling);
      append(name, spelled(second, c, p.family_spelling), sep);
    }
  }
  if (original == name) original.clear();
}

void IdentityGenerator::fill_background(Rng& rng, const Plan& p, bool born_here,
                                        Identity& out) const {
  out.nationalities.clear();
  out.languages.clear();
  out.country = country_;
  out.origin = p.set->id;
  out.spelling = p.convention;
  if (!p.origin) {
    out.nationalities.emplace_back(country_);
    out.languages.emplace_back(rules_->language);
    if (country_ == "FI" && rng.chance(0.05)) out.languages.emplace_back("sv");  // Finland-Swedes
    return;
  }
  const OriginInfo* info = p.origin->info;
  const std::string_view language = info ? info->language : p.rules->language;
  const std::string_view nationality = p.nationality;
  if (born_here) {
    const double r = rng.unit();
    if (r < 0.55) {
      out.nationalities.emplace_back(country_);
    } else if (r < 0.85) {
      out.nationalities.emplace_back(country_);
      out.nationalities.emplace_back(nationality);
    } else if (r < 0.95 ||
               !(info && info->id == "russian" && (country_ == "EE" || country_ == "LV"))) {
      out.nationalities.emplace_back(nationality);
    }  // else: undetermined citizenship (Estonia's grey passports, Latvia's non-citizens)
    out.languages.emplace_back(language);
    out.languages.emplace_back(rules_->language);
    if (rng.chance(0.4)) std::swap(out.languages[0], out.languages[1]);
  } else {
    out.nationalities.emplace_back(nationality);
    out.languages.emplace_back(language);
    if (info && !info->second_language.empty() && rng.chance(info->second_language_share)) {
      out.languages.emplace_back(info->second_language);
    }
  }
}

void IdentityGenerator::mark_estimated(Rng& rng, Identity& out) const {
  // Only the year is known: registers set 1 January (most often) or 1 July of the estimated year,
  // never a date after the reference date and never making the child 18.
  const int year = out.birth_date->year();
  auto candidate = core::Date::from_ymd(year, rng.chance(0.8) ? 1 : 7, 1);
  auto valid = [&](core::Date d) { return d <= reference_ && d.years_until(reference_) < 18; };
  if (!valid(*candidate))
    candidate = core::Date::from_ymd(year, candidate->month() == 1 ? 7 : 1, 1);
  if (!valid(*candidate)) candidate = core::Date::from_ymd(year + 1, 1, 1);
  if (valid(*candidate)) {
    out.birth_date = *candidate;
    out.birth_date_estimated = true;
  }
}

void IdentityGenerator::fill_child(Rng& rng, const Plan& p, Sex sex, core::Date birth,
                                   Identity& out) const {
  out.sex = sex;
  out.birth_date = birth;
  out.birth_date_estimated = false;
  out.unaccompanied = p.unaccompanied;
  fill_given(rng, p, sex, false, out, std::nullopt);
  fill_child_family(p, sex, birth, out);
  fill_background(rng, p, !p.first_generation, out);
  if (p.first_generation && p.origin->info) {
    const double estimated = p.unaccompanied ? 0.6 : p.origin->info->estimated_birth;
    if (rng.chance(estimated)) mark_estimated(rng, out);
  }
}

void IdentityGenerator::fill_adult(Rng& rng, const Plan& p, CaregiverRole role, core::Date birth,
                                   Identity& out) const {
  const bool male = role == CaregiverRole::kFather || role == CaregiverRole::kStepfather ||
                    role == CaregiverRole::kGrandfather || role == CaregiverRole::kUncle;
  const Sex sex = male ? Sex::kMale : Sex::kFemale;
  out.sex = sex;
  out.birth_date = birth;
  out.birth_date_estimated = false;
  out.unaccompanied = false;
  const NameSet& set = *p.set;
  const Convention c = p.convention;
  // The parents' first given names are fixed by the plan (an Icelandic child's patronymic needs
  // them).
  std::optional<size_t> first;
  if (role == CaregiverRole::kFather) first = p.father_given;
  if (role == CaregiverRole::kMother) first = p.mother_given;
  // Grandfather and uncle of an Icelandic family: the mother's father is the plan's mother_father.
  if (role == CaregiverRole::kGrandfather && is_icelandic(set)) first = p.mother_father;
  fill_given(rng, p, sex, true, out, first);

  std::string& name = out.family_name;
  std::string& original = out.family_name_original;
  name.clear();
  original.clear();
  auto put = [&](const NameForm& f, char sep = ' ') {
    append(name, spelled(f, c, p.family_spelling), sep);
    if (!set.is_country) append(original, f.original(), sep);
  };
  const auto& male_given = set.given_names(Sex::kMale, true);
  const bool maternal_line = role == CaregiverRole::kGrandmother ||
                             role == CaregiverRole::kGrandfather || role == CaregiverRole::kAunt ||
                             role == CaregiverRole::kUncle;
  if (p.use_father_given) {
    // The father's family name is his father's given name; the mother's, her father's.
    if (role == CaregiverRole::kFather) {
      put(set.surnames[p.father_surname].form(Surname::kMale));
    } else if (role == CaregiverRole::kMother || role == CaregiverRole::kAunt ||
               role == CaregiverRole::kUncle) {
      put(set.surnames[p.mother_surname].form(Surname::kMale));
    } else {
      put(set.surnames.pick(rng).form(Surname::kMale));
    }
  } else if (is_icelandic(set) && !(p.family_name_is && role == CaregiverRole::kFather)) {
    // Everyone keeps their own patronymic: the mother's and her siblings' come from her father.
    const bool mothers_siblings = role == CaregiverRole::kMother || role == CaregiverRole::kAunt ||
                                  role == CaregiverRole::kUncle;
    const uint32_t father_of = role == CaregiverRole::kFather ? p.grandfather
                               : mothers_siblings
                                   ? p.mother_father
                                   : static_cast<uint32_t>(male_given.pick_index(rng));
    append_patronymic(name, male_given[father_of].genitive, sex);
  } else if (role == CaregiverRole::kFather) {
    put(set.surnames[p.father_surname].form(Surname::kMale));
  } else if (role == CaregiverRole::kMother) {
    if (p.common_name) {
      const auto& married = set.surnames[p.father_surname].form(Surname::kMarried);
      if (p.rules && p.rules->mother_double > 0 && rng.chance(p.rules->mother_double)) {
        // Her own name added: Lithuanian Kazlauskienė-Petrauskaitė, Polish Nowak-Kowalska, German
        // either way.
        const auto& own = set.surnames[p.mother_surname].form(Surname::kFemale);
        const bool own_first =
            p.rules->country == "PL" || (p.rules->country == "DE" && rng.chance(0.5));
        put(own_first ? own : married, '-');
        put(own_first ? married : own, '-');
      } else {
        put(married);
      }
    } else {
      put(set.surnames[p.mother_surname].form(Surname::kFemale));
    }
  } else if (maternal_line) {
    // The mother's parents and siblings: her birth surname, married form for her mother.
    const auto form = role == CaregiverRole::kGrandmother ? Surname::kMarried
                      : male                              ? Surname::kMale
                                                          : Surname::kFemale;
    put(set.surnames[p.mother_surname].form(form));
  } else {
    put(set.surnames.pick(rng).form(male ? Surname::kMale : Surname::kMarried));
  }
  if (original == name) original.clear();
  // Parents of children born here mostly came from abroad themselves; a fifth were born here too.
  fill_background(rng, p, p.origin == nullptr || (!p.first_generation && rng.chance(0.2)), out);
}

void IdentityGenerator::generate_child_into(Rng& caller, Identity& out) const {
  // One draw from the caller's generator, salted with the country: the same seed and record index
  // give unrelated children in different countries (two countries' extracts share only the children
  // chosen).
  Rng rng(caller.next(), salt_);
  Plan p;
  make_plan(rng, false, p);
  const int age = p.unaccompanied ? 10 + static_cast<int>(pick_small(rng, kUnaccompaniedAgeWeights))
                                  : static_cast<int>(pick_small(rng, kAgeWeights));
  const Sex sex = rng.chance(0.512) ? Sex::kMale : Sex::kFemale;
  fill_child(rng, p, sex, birth_date_for_age(rng, age), out);
}

Identity IdentityGenerator::generate_child(Rng& rng) const {
  Identity out;
  generate_child_into(rng, out);
  return out;
}

void IdentityGenerator::generate_household_into(Rng& caller, Household& out) const {
  Rng rng(caller.next(),
          salt_ ^ 0x486F757365686F6CULL);  // salted as above; households apart from children
  Plan p;
  make_plan(rng, true, p);
  // Unaccompanied boys outnumber girls about six to one (Eurostat).
  if (p.unaccompanied) {
    out.children.resize(1);
    out.caregivers.clear();
    const int age = 10 + static_cast<int>(pick_small(rng, kUnaccompaniedAgeWeights));
    const Sex sex = rng.chance(0.85) ? Sex::kMale : Sex::kFemale;
    fill_child(rng, p, sex, birth_date_for_age(rng, age), out.children[0]);
    return;
  }
  // Children: the eldest first, siblings one to four years apart, twins now and then.
  const size_t wanted = 1 + pick_small(rng, kChildCountWeights);
  std::vector<core::Date> births;
  births.reserve(wanted);
  int age = static_cast<int>(pick_small(rng, kAgeWeights));
  core::Date eldest = birth_date_for_age(rng, age);
  births.push_back(eldest);
  while (births.size() < wanted) {
    if (rng.chance(0.015)) {
      births.push_back(births.back());  // twins
      continue;
    }
    age -= 1 + static_cast<int>(rng.below(4));
    if (age < 0) break;
    births.push_back(birth_date_for_age(rng, age));
  }
  out.children.resize(births.size());
  for (size_t i = 0; i < births.size(); ++i) {
    const Sex sex = rng.chance(0.512) ? Sex::kMale : Sex::kFemale;
    fill_child(rng, p, sex, births[i], out.children[i]);
  }

  // Adults: the mother had her eldest at about 29 (18-44), the father is about three years older.
  const int64_t eldest_days = eldest.days_since_epoch();
  const double mother_at_birth = std::clamp(rng.normal(29.5, 5.0), 18.0, 44.0);
  const double father_gap = std::clamp(rng.normal(2.5, 3.0), -5.0, 15.0);
  auto adult_birth = [&](double years_before_eldest) {
    const int64_t days = eldest_days - static_cast<int64_t>(years_before_eldest * 365.2425);
    return core::Date::from_days(days - static_cast<int64_t>(rng.below(60)));
  };
  const core::Date mother_birth = adult_birth(mother_at_birth);
  const core::Date father_birth = adult_birth(std::max(mother_at_birth + father_gap, 18.0));
  auto shape = static_cast<Shape>(pick_small(rng, kShapeWeights));
  if (p.metronymic) {  // an Icelandic child named after the mother: the father is not in the
                       // picture
    if (shape == Shape::kTwoParents || shape == Shape::kFather) shape = Shape::kMother;
    if (shape == Shape::kFatherStepmother) shape = Shape::kMotherStepfather;
  }
  out.caregivers.clear();
  auto add = [&](CaregiverRole role, core::Date birth) {
    out.caregivers.emplace_back();
    out.caregivers.back().role = role;
    fill_adult(rng, p, role, birth, out.caregivers.back().person);
  };
  switch (shape) {
    case Shape::kTwoParents:
      add(CaregiverRole::kMother, mother_birth);
      add(CaregiverRole::kFather, father_birth);
      break;
    case Shape::kMother:
      add(CaregiverRole::kMother, mother_birth);
      break;
    case Shape::kFather:
      add(CaregiverRole::kFather, father_birth);
      break;
    case Shape::kMotherStepfather:
      add(CaregiverRole::kMother, mother_birth);
      add(CaregiverRole::kStepfather, adult_birth(mother_at_birth + rng.normal(3, 4)));
      break;
    case Shape::kFatherStepmother:
      add(CaregiverRole::kFather, father_birth);
      add(CaregiverRole::kStepmother, adult_birth(mother_at_birth + rng.normal(-2, 4)));
      break;
    case Shape::kGrandparents: {
      const double generation = std::clamp(rng.normal(27, 4), 19.0, 40.0);
      add(CaregiverRole::kGrandmother, adult_birth(mother_at_birth + generation));
      if (rng.chance(0.6))
        add(CaregiverRole::kGrandfather, adult_birth(mother_at_birth + generation + 2));
      break;
    }
    case Shape::kAunt:
      add(CaregiverRole::kAunt, adult_birth(mother_at_birth + rng.normal(0, 5)));
      break;
    case Shape::kUncle:
      add(CaregiverRole::kUncle, adult_birth(mother_at_birth + rng.normal(0, 5)));
      break;
  }
}

Household IdentityGenerator::generate_household(Rng& rng) const {
  Household out;
  generate_household_into(rng, out);
  return out;
}

}  // namespace haven::synth
