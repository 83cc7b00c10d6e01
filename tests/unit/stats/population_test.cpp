// Population denominators: the shipped tables for the ten countries, the sums a rate needs, and
// clear errors for a broken file.
#include "stats/population.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "core/country.h"
#include "test_tables.h"

namespace haven::stats {
namespace {

const Population& shipped_population() {
  static const Population population = [] {
    auto p = load_population(testing::source_dir() + "/config/population");
    if (!p.ok()) {
      ADD_FAILURE() << p.error().message;
      return Population{};
    }
    return std::move(*p);
  }();
  return population;
}

TEST(Population, AllTenCountriesForTheThreeYears) {
  ASSERT_FALSE(shipped_population().empty());
  std::vector<std::string> expected(core::kRegionCountries.begin(), core::kRegionCountries.end());
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(shipped_population().countries(), expected);
  for (std::string_view cc : core::kRegionCountries) {
    EXPECT_EQ(shipped_population().years(cc), (std::vector<int>{2024, 2025, 2026})) << cc;
  }
}

TEST(Population, FiguresAreOfTheRightSize) {
  // Children 0-17, 2024: Germany about 14 million, Iceland under 100 000.
  auto de = shipped_population().children("DE", 2024, "_T", "_T");
  auto is = shipped_population().children("IS", 2024, "_T", "_T");
  ASSERT_TRUE(de && is);
  EXPECT_GT(*de, 13'000'000);
  EXPECT_LT(*de, 15'500'000);
  EXPECT_GT(*is, 70'000);
  EXPECT_LT(*is, 100'000);
  for (std::string_view cc : core::kRegionCountries) {
    auto all = shipped_population().children(cc, 2026, "_T", "_T");
    auto girls = shipped_population().children(cc, 2026, "_T", "F");
    auto boys = shipped_population().children(cc, 2026, "_T", "M");
    ASSERT_TRUE(all && girls && boys) << cc;
    EXPECT_EQ(*all, *girls + *boys) << cc;
    EXPECT_GT(*boys, *girls) << cc;  // about 105 boys are born per 100 girls
  }
}

TEST(Population, AnswersOnlyWhatItCanAnswerExactly) {
  EXPECT_TRUE(shipped_population().children("SE", 2025, "Y5T9", "F").has_value());
  EXPECT_FALSE(
      shipped_population().children("SE", 2025, "Y3T7", "F").has_value());  // cuts two bands
  EXPECT_FALSE(
      shipped_population().children("SE", 2025, "_T", "_U").has_value());  // no such population
  EXPECT_FALSE(shipped_population().children("SE", 2031, "_T", "_T").has_value());
  EXPECT_FALSE(shipped_population().children("FR", 2025, "_T", "_T").has_value());
}

TEST(Population, AgeCodes) {
  EXPECT_EQ(age_range("_T"), (std::pair{0, 17}));
  EXPECT_EQ(age_range("Y10T14"), (std::pair{10, 14}));
  EXPECT_EQ(age_range("Y7"), (std::pair{7, 7}));
  EXPECT_FALSE(age_range("Y15T19"));
  EXPECT_FALSE(age_range("Y9T5"));
  EXPECT_FALSE(age_range("Y"));
  EXPECT_FALSE(age_range("AGE"));
}

std::string valid_file(const std::string& extra = "") {
  std::string text = "# test\ncountry,year,age,sex,children\n";
  for (const char* sex : {"F", "M"}) {
    text += std::string("EE,2026,Y0T9,") + sex + ",70000\n";
    text += std::string("EE,2026,Y10T17,") + sex + ",60000\n";
  }
  return text + extra;
}

std::string population_error(const std::string& text) {
  auto p = parse_population_csv(text, "ee.csv");
  return p.ok() ? "" : p.error().message;
}

TEST(PopulationFile, SingleYearsAndAnyBandingWork) {
  auto p = parse_population_csv(valid_file(), "ee.csv");
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p->children("EE", 2026, "_T", "_T"), 260000);
  EXPECT_FALSE(p->children("EE", 2026, "Y0T4", "F").has_value());
}

TEST(PopulationFile, ErrorsNameLineAndColumn) {
  EXPECT_EQ(population_error("country,year,age,sex,population\n"),
            "ee.csv: line 1, column 1: expected the header country,year,age,sex,children.");
  EXPECT_EQ(population_error(valid_file("EE,2027,Y0T17,F,12x\n")),
            "ee.csv: line 7, column 5: '12x' is not a number of children.");
  EXPECT_EQ(population_error(valid_file("EE,2027,Y0T19,F,1\n")),
            "ee.csv: line 7, column 3: 'Y0T19' is not an age (Y0T4 for a band, Y7 for one year).");
  EXPECT_EQ(population_error(valid_file("EE,2026,Y5,F,100\n")),
            "ee.csv: line 7, column 3: age 5 is already given on line 3.");
  EXPECT_EQ(population_error(valid_file("EE,2027,Y0T16,F,1\nEE,2027,Y0T17,M,1\n")),
            "ee.csv: EE 2027 sex F has no figure for age 17.");
  EXPECT_EQ(population_error(valid_file("EE,2027,Y0T17,F,1\n")),
            "ee.csv: EE 2027 has figures for one sex only.");
  EXPECT_EQ(population_error(valid_file("EE,2027,Y0T17,X,1\n")),
            "ee.csv: line 7, column 4: sex must be F or M, not 'X'.");
  EXPECT_EQ(population_error("country,year,age,sex,children\nEE,2026,Y0T17\n"),
            "ee.csv: line 2, column 4: expected 5 fields, found 3.");
}

TEST(PopulationFile, AFileMustHoldTheCountryItsNameSays) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("haven_population_test_" + std::to_string(std::random_device{}()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "lv.csv") << valid_file();
  auto p = load_population(dir.string());
  std::filesystem::remove_all(dir);
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.error().message.find("must hold rows for LV only"), std::string::npos);
}

}  // namespace
}  // namespace haven::stats
