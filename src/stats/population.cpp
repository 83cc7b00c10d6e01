// Parsing and coverage checks of population tables, and the sums that answer a denominator query.
#include "stats/population.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

#include "core/country.h"
#include "stats/csv.h"

namespace haven::stats {

namespace {

std::optional<int> small_number(std::string_view s) {
  if (s.empty() || s.size() > 2) return std::nullopt;
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

std::optional<std::pair<int, int>> age_range(std::string_view code) {
  if (code == "_T") return std::pair{0, 17};
  if (code.size() < 2 || code[0] != 'Y') return std::nullopt;
  code.remove_prefix(1);
  size_t t = code.find('T');
  auto from = small_number(code.substr(0, t));
  if (!from) return std::nullopt;
  auto to = t == std::string_view::npos ? from : small_number(code.substr(t + 1));
  if (!to || *from > *to || *to > 17) return std::nullopt;
  return std::pair{*from, *to};
}

std::optional<int64_t> Population::children(std::string_view country, int year,
                                            std::string_view age, std::string_view sex) const {
  auto range = age_range(age);
  if (!range || (sex != "F" && sex != "M" && sex != "_T")) return std::nullopt;
  int64_t sum = 0;
  bool any = false;
  for (const Row& r : rows_) {
    if (r.country != country || r.year != year) continue;
    if (sex != "_T" && r.sex != sex[0]) continue;
    const bool inside = r.age_from >= range->first && r.age_to <= range->second;
    const bool outside = r.age_to < range->first || r.age_from > range->second;
    if (!inside && !outside) return std::nullopt;  // the query cuts a band
    if (inside) {
      sum += r.children;
      any = true;
    }
  }
  if (!any) return std::nullopt;
  return sum;
}

std::vector<std::string> Population::countries() const {
  std::vector<std::string> out;
  for (const Row& r : rows_) {
    if (std::find(out.begin(), out.end(), r.country) == out.end()) out.push_back(r.country);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<int> Population::years(std::string_view country) const {
  std::vector<int> out;
  for (const Row& r : rows_) {
    if (r.country == country && std::find(out.begin(), out.end(), r.year) == out.end()) {
      out.push_back(r.year);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

core::Status Population::merge(const Population& other) {
  for (const Row& r : other.rows_) {
    for (const Row& mine : rows_) {
      if (mine.country == r.country && mine.year == r.year) {
        return core::Error::invalid("Population of " + r.country + " in " + std::to_string(r.year) +
                                    " is given twice.");
      }
    }
  }
  rows_.insert(rows_.end(), other.rows_.begin(), other.rows_.end());
  return core::ok_status();
}

core::Result<Population> parse_population_csv(std::string_view text, const std::string& name) {
  CsvLimits limits;
  limits.allow_comments = true;
  limits.max_fields = 6;
  limits.max_field_bytes = 64;
  limits.max_records = 100'000;
  CsvReader reader(text, limits);
  CsvRecord rec;
  auto at = [&](size_t line, size_t column, const std::string& what) {
    return core::Error::invalid(name + ": line " + std::to_string(line) + ", column " +
                                std::to_string(column) + ": " + what);
  };
  auto got = reader.next(rec);
  if (!got.ok()) return core::Error::invalid(name + ": " + got.error().message);
  static const std::vector<std::string> kHeader = {"country", "year", "age", "sex", "children"};
  if (!*got)
    return core::Error::invalid(name + ": empty; expected the header " +
                                "country,year,age,sex,children.");
  if (rec.fields != kHeader) {
    return at(rec.line, 1, "expected the header country,year,age,sex,children.");
  }
  Population pop;
  // Coverage per country-year-sex: which ages 0..17 are already given, and where.
  std::map<std::tuple<std::string, int, char>, std::array<size_t, 18>> covered;
  for (;;) {
    got = reader.next(rec);
    if (!got.ok()) return core::Error::invalid(name + ": " + got.error().message);
    if (!*got) break;
    const auto& f = rec.fields;
    if (f.size() != kHeader.size()) {
      return at(rec.line, std::min(f.size(), kHeader.size()) + 1,
                "expected 5 fields, found " + std::to_string(f.size()) + ".");
    }
    Population::Row row;
    if (!core::is_country_code(f[0]))
      return at(rec.line, 1, "'" + f[0] + "' is not a country code.");
    row.country = f[0];
    int year = 0;
    auto [yp, yec] = std::from_chars(f[1].data(), f[1].data() + f[1].size(), year);
    if (yec != std::errc() || yp != f[1].data() + f[1].size() || year < 1900 || year > 2199) {
      return at(rec.line, 2, "'" + f[1] + "' is not a year.");
    }
    row.year = year;
    auto range = age_range(f[2]);
    if (!range || f[2] == "_T") {
      return at(rec.line, 3, "'" + f[2] + "' is not an age (Y0T4 for a band, Y7 for one year).");
    }
    row.age_from = range->first;
    row.age_to = range->second;
    if (f[3] != "F" && f[3] != "M")
      return at(rec.line, 4, "sex must be F or M, not '" + f[3] + "'.");
    row.sex = f[3][0];
    int64_t n = -1;
    auto [np, nec] = std::from_chars(f[4].data(), f[4].data() + f[4].size(), n);
    if (nec != std::errc() || np != f[4].data() + f[4].size() || n < 0 || n > 100'000'000) {
      return at(rec.line, 5, "'" + f[4] + "' is not a number of children.");
    }
    row.children = n;
    auto& ages = covered[{row.country, row.year, row.sex}];
    for (int a = row.age_from; a <= row.age_to; ++a) {
      if (ages[static_cast<size_t>(a)] != 0) {
        return at(rec.line, 3,
                  "age " + std::to_string(a) + " is already given on line " +
                      std::to_string(ages[static_cast<size_t>(a)]) + ".");
      }
      ages[static_cast<size_t>(a)] = rec.line;
    }
    pop.rows_.push_back(std::move(row));
  }
  for (const auto& [key, ages] : covered) {
    for (size_t a = 0; a < ages.size(); ++a) {
      if (ages[a] == 0) {
        return core::Error::invalid(
            name + ": " + std::get<0>(key) + " " + std::to_string(std::get<1>(key)) + " sex " +
            std::string(1, std::get<2>(key)) + " has no figure for age " + std::to_string(a) + ".");
      }
    }
    const char other = std::get<2>(key) == 'F' ? 'M' : 'F';
    if (!covered.count({std::get<0>(key), std::get<1>(key), other})) {
      return core::Error::invalid(name + ": " + std::get<0>(key) + " " +
                                  std::to_string(std::get<1>(key)) +
                                  " has figures for one sex only.");
    }
  }
  if (pop.rows_.empty()) return core::Error::invalid(name + ": has no rows.");
  return pop;
}

core::Result<Population> load_population(const std::string& directory) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(directory, ec)) {
    return core::Error::not_found("The population directory " + directory + " does not exist.");
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(directory, ec)) {
    if (entry.path().extension() == ".csv") files.push_back(entry.path());
  }
  if (ec) return core::Error::unavailable("Cannot list " + directory + ": " + ec.message());
  std::sort(files.begin(), files.end());
  Population all;
  for (const fs::path& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in && !in.eof()) return core::Error::unavailable("Cannot read " + path.string() + ".");
    if (text.str().size() > (8u << 20)) {
      return core::Error::too_large(path.string() + " is larger than 8 MiB.");
    }
    auto pop = parse_population_csv(text.str(), path.string());
    if (!pop.ok()) return pop.take_error();
    std::string expected = path.stem().string();
    std::transform(expected.begin(), expected.end(), expected.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (pop->countries() != std::vector<std::string>{expected}) {
      return core::Error::invalid(path.string() + ": must hold rows for " + expected +
                                  " only, the country its name says.");
    }
    HAVEN_TRY(all.merge(*pop));
  }
  if (all.empty()) return core::Error::not_found("No population files in " + directory + ".");
  return all;
}

}  // namespace haven::stats
