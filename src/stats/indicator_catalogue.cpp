// Catalogue look-ups and the cross-file validation of indicator definitions.
#include "stats/indicator_catalogue.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/utf8.h"

namespace haven::stats {

namespace {

size_t language_index(std::string_view language) {
  for (size_t i = 0; i < core::kUiLanguages.size(); ++i) {
    if (core::kUiLanguages[i] == language) return i;
  }
  return core::kUiLanguages.size();
}

bool contains(const std::vector<std::string>& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// Every language present, valid UTF-8, not blank, at most max code points.
core::Status check_localized(const Localized& text, const std::string& where,
                             const std::string& what, size_t max) {
  for (size_t i = 0; i < core::kUiLanguages.size(); ++i) {
    const std::string& t = text.text[i];
    const std::string lang(core::kUiLanguages[i]);
    if (!core::is_valid_utf8(t)) {
      return core::Error::invalid(where + what + "." + lang + " is not valid UTF-8.");
    }
    if (core::trim(t).empty()) {
      return core::Error::invalid(where + what + "." + lang + " is missing or empty.");
    }
    if (core::utf8_length(t) > max) {
      return core::Error::invalid(where + what + "." + lang + " is longer than " +
                                  std::to_string(max) + " characters.");
    }
  }
  return core::ok_status();
}

}  // namespace

const std::string& Localized::in(std::string_view language) const {
  size_t i = language_index(language);
  return i < text.size() && !text[i].empty() ? text[i] : text[0];
}

std::string* Localized::slot(std::string_view language) {
  size_t i = language_index(language);
  return i < text.size() ? &text[i] : nullptr;
}

const Indicator* Catalogue::find(std::string_view id) const {
  for (const Indicator& i : indicators) {
    if (i.id == id) return &i;
  }
  return nullptr;
}

const Breakdown* Catalogue::breakdown(std::string_view id) const {
  for (const Breakdown& b : breakdowns) {
    if (b.dimension.id == id) return &b;
  }
  return nullptr;
}

std::vector<Dimension> Catalogue::dimensions_of(const Indicator& indicator) const {
  std::vector<Dimension> dims;
  for (const std::string& id : indicator.breakdowns) {
    if (const Breakdown* b = breakdown(id)) dims.push_back(b->dimension);
  }
  return dims;
}

DataStructure Catalogue::data_structure() const {
  DataStructure s;
  for (const Breakdown& b : breakdowns) s.breakdowns.push_back(b.dimension);
  for (const Indicator& i : indicators) s.indicators.push_back(i.id);
  return s;
}

core::Status validate_catalogue(const Catalogue& catalogue) {
  std::set<std::string> breakdown_ids;
  for (const Breakdown& b : catalogue.breakdowns) {
    const std::string where = "breakdown " + b.dimension.id + ": ";
    HAVEN_TRY(validate_dimension(b.dimension));
    if (!breakdown_ids.insert(b.dimension.id).second) {
      return core::Error::invalid(where + "defined twice.");
    }
    if (b.dimension.codes[static_cast<size_t>(b.dimension.root())].id != kTotalCode) {
      return core::Error::invalid(where + "its total code must be _T.");
    }
    HAVEN_TRY(check_localized(b.name, where, "name", 100));
    if (b.labels.size() != b.dimension.codes.size()) {
      return core::Error::invalid(where + "every code needs a label.");
    }
    for (size_t c = 0; c < b.labels.size(); ++c) {
      HAVEN_TRY(check_localized(b.labels[c], where + "code " + b.dimension.codes[c].id + ": ",
                                "label", 100));
    }
  }
  if (catalogue.indicators.empty()) return core::Error::invalid("The catalogue has no indicators.");
  std::set<std::string> ids;
  for (const Indicator& ind : catalogue.indicators) {
    const std::string where = ind.source + ": indicator " + ind.id + ": ";
    if (!is_sdmx_id(ind.id) || ind.id.front() == '_') {
      return core::Error::invalid(where + "the id must be an SDMX code (A-Z, 0-9, _).");
    }
    if (!ids.insert(ind.id).second) return core::Error::invalid(where + "defined twice.");
    HAVEN_TRY(check_localized(ind.name, where, "name", 200));
    HAVEN_TRY(check_localized(ind.definition, where, "definition", 1000));
    if (core::trim(ind.numerator).empty())
      return core::Error::invalid(where + "numerator is empty.");
    const bool divides =
        ind.unit == Unit::kRatePer100k || ind.unit == Unit::kShare || ind.unit == Unit::kRatio;
    if (divides == core::trim(ind.denominator).empty()) {
      return core::Error::invalid(
          where + (divides ? "a " + std::string(unit_name(ind.unit)) + " needs a denominator."
                           : "a " + std::string(unit_name(ind.unit)) + " has no denominator."));
    }
    std::set<std::string> seen;
    for (const std::string& b : ind.breakdowns) {
      if (!catalogue.breakdown(b)) {
        return core::Error::invalid(where + "unknown breakdown '" + b + "'.");
      }
      if (!seen.insert(b).second) return core::Error::invalid(where + "breakdown " + b + " twice.");
    }
    if (ind.rounding_base != 0 && (ind.rounding_base < 2 || ind.rounding_base > 1000)) {
      return core::Error::invalid(where + "rounding_base must be 0 or between 2 and 1000.");
    }
    if (ind.rounding_base != 0 && ind.unit != Unit::kCount && ind.unit != Unit::kRatePer100k) {
      return core::Error::invalid(where + "only counts and rates can be rounded.");
    }
  }
  // References between indicators, once every id is known.
  auto count_indicator = [&](const std::string& id, const std::string& where,
                             const char* field) -> core::Result<const Indicator*> {
    const Indicator* ref = catalogue.find(id);
    if (!ref) return core::Error::invalid(where + field + " '" + id + "' is not an indicator.");
    if (ref->unit != Unit::kCount) {
      return core::Error::invalid(where + field + " " + id + " must be a count indicator.");
    }
    return ref;
  };
  std::map<std::string, Unit> cube_units;
  for (const Indicator& ind : catalogue.indicators) {
    const std::string where = ind.source + ": indicator " + ind.id + ": ";
    auto covers = [&](const Indicator& base) -> core::Status {
      for (const std::string& b : ind.breakdowns) {
        if (!contains(base.breakdowns, b)) {
          return core::Error::invalid(where + "breakdown " + b + " is not a breakdown of " +
                                      base.id + ".");
        }
      }
      return core::ok_status();
    };
    switch (ind.unit) {
      case Unit::kRatePer100k: {
        auto base = count_indicator(ind.derived_from, where, "derived_from");
        if (!base.ok()) return base.take_error();
        HAVEN_TRY(covers(**base));
        for (const std::string& b : ind.breakdowns) {
          if (b != "AGE" && b != "SEX") {
            return core::Error::invalid(where + "a rate per 100,000 children can be broken down " +
                                        "only by AGE and SEX (the population table has no " + b +
                                        ").");
          }
        }
        break;
      }
      case Unit::kRatio: {
        auto base = count_indicator(ind.derived_from, where, "derived_from");
        if (!base.ok()) return base.take_error();
        HAVEN_TRY(covers(**base));
        if (!contains((*base)->breakdowns, ind.ratio_dimension) ||
            contains(ind.breakdowns, ind.ratio_dimension)) {
          return core::Error::invalid(where + "ratio_dimension must be a breakdown of " +
                                      (*base)->id + " and not of the ratio itself.");
        }
        const Breakdown* b = catalogue.breakdown(ind.ratio_dimension);
        if (b->dimension.find(ind.ratio_numerator) < 0 ||
            b->dimension.find(ind.ratio_denominator) < 0 ||
            ind.ratio_numerator == ind.ratio_denominator) {
          return core::Error::invalid(where + "ratio_numerator and ratio_denominator must be two " +
                                      "codes of " + ind.ratio_dimension + ".");
        }
        break;
      }
      case Unit::kShare: {
        auto base = count_indicator(ind.base_indicator, where, "base_indicator");
        if (!base.ok()) return base.take_error();
        HAVEN_TRY(covers(**base));
        break;
      }
      case Unit::kCount:
      case Unit::kMedianDays:
        if (!ind.derived_from.empty() || !ind.base_indicator.empty()) {
          return core::Error::invalid(where + "a " + std::string(unit_name(ind.unit)) +
                                      " is computed from case data, not derived from another " +
                                      "indicator.");
        }
        break;
    }
    if (!ind.cube.empty() && ind.unit != Unit::kCount && ind.unit != Unit::kShare) {
      return core::Error::invalid(where + "only counts and shares are protected as a cube; a " +
                                  std::string(unit_name(ind.unit)) + " follows its source.");
    }
    if (!ind.cube.empty()) {
      auto [it, fresh] = cube_units.try_emplace(ind.cube, ind.unit);
      if (!fresh && it->second != ind.unit) {
        return core::Error::invalid(where + "cube " + ind.cube + " mixes units; indicators " +
                                    "protected together must share one.");
      }
    }
  }
  return core::ok_status();
}

DisclosurePolicy policy_for(const DisclosurePolicy& country, const Indicator& indicator) {
  DisclosurePolicy p = country;
  if (indicator.rounding_base > p.rounding_base) {
    p.rounding_base = indicator.rounding_base;
    if (std::find(p.rounded_units.begin(), p.rounded_units.end(), indicator.unit) ==
        p.rounded_units.end()) {
      p.rounded_units.push_back(indicator.unit);
    }
  }
  return p;
}

}  // namespace haven::stats
