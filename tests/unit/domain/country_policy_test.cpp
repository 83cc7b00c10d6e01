// The country policy: its defaults, its bounds, and the shipped config/policy/*.toml files, which
// must name exactly the struct's keys with values the loader will accept.
#include "domain/country_policy.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace haven::domain {
namespace {

using ::testing::Contains;

std::string source_dir() {
  // The tests are single-threaded, so getenv is safe here.
  const char* dir = std::getenv("HAVEN_SOURCE_DIR");  // NOLINT(concurrency-mt-unsafe)
  if (dir && *dir) return dir;
  std::string here = __FILE__;  // <source>/tests/unit/domain/country_policy_test.cpp
  return here.substr(0, here.rfind("/tests/unit/domain/"));
}

// Just enough TOML for a flat file of `key = value  # comment` lines; the real loader uses toml11.
std::map<std::string, std::string> read_flat_toml(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "cannot open " << path;
  std::map<std::string, std::string> keys;
  std::string line;
  auto trim = [](std::string s) {
    s.erase(0, s.find_first_not_of(" \t"));
    s.erase(s.find_last_not_of(" \t\r") + 1);
    return s;
  };
  while (std::getline(in, line)) {
    if (auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    line = trim(line);
    if (line.empty()) continue;
    EXPECT_NE(line.front(), '[') << "policy files are flat: " << line;
    auto eq = line.find('=');
    EXPECT_NE(eq, std::string::npos) << line;
    if (eq == std::string::npos) continue;
    std::string key = trim(line.substr(0, eq));
    EXPECT_FALSE(keys.count(key)) << "duplicate key " << key << " in " << path;
    keys[key] = trim(line.substr(eq + 1));
  }
  return keys;
}

// What the loader does, for the keys this struct has.
CountryPolicy load(const std::map<std::string, std::string>& keys) {
  CountryPolicy policy;
  std::string country = keys.at("country");
  EXPECT_GE(country.size(), 2u);
  policy.country = country.substr(1, country.size() - 2);
  for (const PolicyField& f : policy_fields()) {
    const std::string& text = keys.at(std::string(f.key));
    std::size_t used = 0;
    policy.*f.member = std::stoi(text, &used);
    EXPECT_EQ(used, text.size()) << f.key << " = " << text;
  }
  return policy;
}

class PolicyFile : public ::testing::TestWithParam<const char*> {};

TEST_P(PolicyFile, ListsExactlyTheStructKeysWithValidValues) {
  auto keys = read_flat_toml(source_dir() + "/config/policy/" + GetParam());
  std::set<std::string> expected = {"country"};
  for (const PolicyField& f : policy_fields()) expected.emplace(f.key);
  std::set<std::string> found;
  for (const auto& [key, value] : keys) found.insert(key);
  EXPECT_EQ(found, expected);
  if (found != expected) return;
  auto status = validate_policy(load(keys));
  EXPECT_TRUE(status.ok()) << status.error().message;
}

INSTANTIATE_TEST_SUITE_P(Shipped, PolicyFile,
                         ::testing::Values("default.toml", "se.toml", "lv.toml"));

TEST(CountryPolicy, TheDefaultFileHoldsTheStructDefaults) {
  CountryPolicy from_file = load(read_flat_toml(source_dir() + "/config/policy/default.toml"));
  CountryPolicy defaults;
  EXPECT_EQ(from_file.country, "");
  for (const PolicyField& f : policy_fields())
    EXPECT_EQ(from_file.*f.member, defaults.*f.member) << f.key;
}

TEST(CountryPolicy, SwedenHasItsStatutoryScreeningAndInvestigationTimes) {
  CountryPolicy se = load(read_flat_toml(source_dir() + "/config/policy/se.toml"));
  EXPECT_EQ(se.country, "SE");
  EXPECT_EQ(se.screening_days, 14);
  EXPECT_EQ(se.assessment_days, 120);
  CountryPolicy lv = load(read_flat_toml(source_dir() + "/config/policy/lv.toml"));
  EXPECT_EQ(lv.country, "LV");
}

TEST(CountryPolicy, DefaultsFollowTheDomainGuide) {
  CountryPolicy p;
  EXPECT_TRUE(validate_policy(p).ok());
  EXPECT_EQ(response_hours(p, RiskLevel::kHigh), 24);
  EXPECT_EQ(response_hours(p, RiskLevel::kMedium), 72);
  EXPECT_EQ(response_hours(p, RiskLevel::kLow), 168);
  EXPECT_EQ(response_hours(p, Urgency::kMedium), 72);
  EXPECT_EQ(p.plan_days, 14);
  EXPECT_EQ(p.review_interval_days, 90);
  EXPECT_LT(p.placement_review_interval_days, p.review_interval_days);
}

TEST(CountryPolicy, RefusesValuesOutOfRangeByTheirFileKey) {
  CountryPolicy p;
  p.screening_days = 0;
  p.assessment_days = 1200;  // a typo for 120
  p.country = "se";
  auto status = validate_policy(p);
  ASSERT_FALSE(status.ok());
  std::vector<std::string> fields;
  for (const auto& f : status.error().fields) fields.push_back(f.field);
  EXPECT_THAT(fields, Contains("screening_days"));
  EXPECT_THAT(fields, Contains("assessment_days"));
  EXPECT_THAT(fields, Contains("country"));
}

TEST(CountryPolicy, ResponseTimesMustNotShrinkAsRiskFalls) {
  CountryPolicy p;
  p.response_hours_high = 96;  // slower than medium
  auto status = validate_policy(p);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().fields[0].field, "response_hours_medium");
}

}  // namespace
}  // namespace haven::domain
