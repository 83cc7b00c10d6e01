// The indicator catalogue: every figure countries compare — what it counts, over what, in which
// unit, broken down how, and its name and definition in the eleven UI languages — plus the code
// lists of the breakdowns. Plain structs; the single source is config/indicators/*.toml
// (catalogue_loader.h).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/country.h"
#include "core/result.h"
#include "stats/dimension.h"
#include "stats/disclosure_control.h"
#include "stats/sdmx_csv.h"
#include "stats/table.h"

namespace haven::stats {

// One text in every UI language, in core::kUiLanguages order (en first).
struct Localized {
  std::array<std::string, core::kUiLanguages.size()> text;

  // The text in a language; English when the language is not a UI language.
  const std::string& in(std::string_view language) const;
  // Writable slot for a UI language; nullptr for any other code.
  std::string* slot(std::string_view language);
};

// A breakdown's code list: the dimension itself (codes and hierarchy) with labels for people, and
// which of haven's own codes (domain enums) each code collects.
struct Breakdown {
  Dimension dimension;
  Localized name;
  std::vector<Localized> labels;                 // one per code
  std::vector<std::vector<std::string>> domain;  // one per code: domain codes counted under it
};

struct Indicator {
  std::string id;  // SDMX code, e.g. "CARE_ENTRY_RATE"
  Unit unit = Unit::kCount;
  Localized name;
  Localized definition;                 // one sentence
  std::string numerator;                // what is counted (English, for statisticians)
  std::string denominator;              // what it is divided by; empty for counts and medians
  std::vector<std::string> breakdowns;  // breakdown ids, crossed in this order
  // Count and share indicators with the same cube describe the same children (two breakdowns of
  // one count): they are protected together so shared margins are hidden alike. Defaults to id.
  std::string cube;
  // Rates and ratios are computed from the protected table of this count indicator, never from
  // raw counts, so a cell hidden there is hidden in them.
  std::string derived_from;
  std::string ratio_dimension;    // ratios: the dimension whose two codes are divided …
  std::string ratio_numerator;    // … this code …
  std::string ratio_denominator;  // … by this one
  std::string base_indicator;     // shares: the count indicator whose figures are the denominators
  int64_t rounding_base = 0;  // > 0: always rounded to this base (Eurostat rounds migration counts)
  std::string reference;      // the framework it comes from (UNICEF/BCN, Barnahus standards …)
  std::string source;         // "care.toml:12", where it was defined, for messages
};

struct Catalogue {
  std::vector<Breakdown> breakdowns;
  std::vector<Indicator> indicators;

  const Indicator* find(std::string_view id) const;
  const Breakdown* breakdown(std::string_view id) const;
  // The table dimensions of an indicator, in its breakdown order.
  std::vector<Dimension> dimensions_of(const Indicator& indicator) const;
  // The SDMX data structure of releases: every breakdown code list, every indicator id.
  DataStructure data_structure() const;
};

// Everything the loader cannot see in a single file: unique ids, known breakdowns, every language
// present and non-empty, units with the fields they need, rates only by age and sex (the
// population table has no other breakdown), derived indicators pointing at count indicators whose
// breakdowns include theirs. Messages start with the indicator's source.
core::Status validate_catalogue(const Catalogue& catalogue);

// The policy for one indicator: the country's, plus the indicator's own rounding if it asks more.
DisclosurePolicy policy_for(const DisclosurePolicy& country, const Indicator& indicator);

}  // namespace haven::stats
