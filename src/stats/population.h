// Children by age and sex per country and year — the denominators of rates per 100,000 children —
// read from config/population/<cc>.csv. Kept apart from the indicator catalogue because it is
// replaced every year from the national statistics office, with its source named in the file.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace haven::stats {

// The ages an AGE code covers: "_T" → 0–17, "Y5T9" → 5–9, "Y7" → 7–7; nullopt otherwise.
std::optional<std::pair<int, int>> age_range(std::string_view code);

// Immutable after loading; safe to share between threads.
class Population {
 public:
  // Children of a country in a year, of the ages of an AGE code and of a sex ("F", "M" or "_T").
  // nullopt when the table cannot answer exactly: no such country or year, a sex it has no figure
  // for ("_U"), or an age range that cuts one of its bands.
  std::optional<int64_t> children(std::string_view country, int year, std::string_view age,
                                  std::string_view sex) const;
  std::vector<int> years(std::string_view country) const;
  std::vector<std::string> countries() const;  // sorted
  bool empty() const { return rows_.empty(); }

  // Adds another table's rows (another country); a country-year already present is an error.
  core::Status merge(const Population& other);

 private:
  friend core::Result<Population> parse_population_csv(std::string_view, const std::string&);
  struct Row {
    std::string country;
    int year = 0;
    int age_from = 0, age_to = 0;
    char sex = 'F';
    int64_t children = 0;
  };
  std::vector<Row> rows_;
};

// One population file: '#' comment lines, the header "country,year,age,sex,children", then one row
// per country, year, age code (bands "Y0T4" or single years "Y7") and sex ("F" or "M"). For every
// country-year and sex the ages 0–17 must be covered exactly once. Errors name file, line, column.
core::Result<Population> parse_population_csv(std::string_view text, const std::string& name);

// Every <cc>.csv in a directory, each holding only its own country (the file name says which).
core::Result<Population> load_population(const std::string& directory);

}  // namespace haven::stats
