// The shipped indicator catalogue: complete (every indicator of DOMAIN.md's regional statistics),
// translated into all eleven languages, internally consistent — and the loader's errors for a
// broken file name the file, the line and the key.
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "stats/catalogue_loader.h"
#include "test_tables.h"

namespace haven::stats {
namespace {

const Catalogue& shipped() {
  static const Catalogue catalogue = [] {
    auto c = load_catalogue(testing::source_dir() + "/config/indicators");
    if (!c.ok()) {
      ADD_FAILURE() << c.error().message;
      return Catalogue{};
    }
    return std::move(*c);
  }();
  return catalogue;
}

TEST(Catalogue, ShippedFilesLoadAndValidate) {
  auto c = load_catalogue(testing::source_dir() + "/config/indicators");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_GE(c->indicators.size(), 20u);
  EXPECT_TRUE(validate_catalogue(*c).ok());
}

// DOMAIN.md, "Regional statistics": every indicator named there has a definition here.
TEST(Catalogue, CoversEveryIndicatorOfTheRegionalStatistics) {
  const Catalogue& c = shipped();
  const std::vector<std::string> required = {
      "CARE_ENTRY_RATE",                  // children entering formal care per 100,000
      "CARE_STOCK_RATE",                  // living in formal care per 100,000
      "CARE_STOCK",                       // care by type, by age, sex and disability
      "CARE_RES_FAM_RATIO",               // residential-to-family-based ratio
      "CARE_ENTRY_REASON",                // reasons for entering care
      "CARE_EXIT",                        // exits by destination
      "CARE_PLAN_SHARE",                  // children with a care plan
      "PLACEMENT_REVIEWS",                // placement reviews held
      "REPORTS_CONCERN",                  // reports of concern by concern type
      "REPORTS_SOURCE",                   // … and by source
      "CASES_RISK",                       // cases by risk level
      "SCREENING_DAYS_MEDIAN",            // time from report to screening decision
      "BARNAHUS_CASES",                   // Barnahus cases by violence type
      "BARNAHUS_INTERVIEW_DAYS_MEDIAN",   // days from report to interview
      "UAM_REGISTERED",                   // unaccompanied minors registered
      "TRAFFICKING_PRESUMED",             // presumed trafficking victims
      "DISABILITY_SUPPORT",               // children with disabilities receiving support
      "BARNAHUS_SINGLE_INTERVIEW_SHARE",  // [J1] quality standards
      "BARNAHUS_MEDICAL_DAYS_MEDIAN",
      "BARNAHUS_TEAM_MEETING_SHARE",
      "BARNAHUS_THERAPY_OFFERED_SHARE",
      "BARNAHUS_INFORMED_SHARE"};
  for (const std::string& id : required) EXPECT_NE(c.find(id), nullptr) << id;
  const Indicator* stock = c.find("CARE_STOCK");
  ASSERT_NE(stock, nullptr);
  EXPECT_EQ(stock->breakdowns, (std::vector<std::string>{"CARE_TYPE", "AGE", "SEX", "DISABILITY"}));
  const Breakdown* care = c.breakdown("CARE_TYPE");
  ASSERT_NE(care, nullptr);
  for (const char* code : {"KIN", "FOS", "GUA", "RES", "FAM"})
    EXPECT_GE(care->dimension.find(code), 0) << code;
}

TEST(Catalogue, EveryNameAndDefinitionIsInAllElevenLanguages) {
  const Catalogue& c = shipped();
  size_t translated = 0, texts = 0;
  for (const Indicator& ind : c.indicators) {
    for (std::string_view lang : core::kUiLanguages) {
      EXPECT_FALSE(ind.name.in(lang).empty()) << ind.id << " " << lang;
      EXPECT_FALSE(ind.definition.in(lang).empty()) << ind.id << " " << lang;
      if (lang == "en") continue;
      ++texts;
      if (ind.definition.in(lang) != ind.definition.in("en")) ++translated;
    }
    // One sentence: a single full stop, at the end.
    const std::string& en = ind.definition.in("en");
    EXPECT_EQ(en.back(), '.') << ind.id;
    EXPECT_EQ(en.find(". "), std::string::npos) << ind.id;
  }
  EXPECT_EQ(translated, texts);  // no definition left in English
  for (const Breakdown& b : c.breakdowns) {
    for (const Localized& label : b.labels) {
      for (std::string_view lang : core::kUiLanguages)
        EXPECT_FALSE(label.in(lang).empty()) << b.dimension.id;
    }
  }
}

TEST(Catalogue, UnitsAndBreakdownsAreConsistent) {
  const Catalogue& c = shipped();
  std::set<Unit> units;
  for (const Indicator& ind : c.indicators) {
    units.insert(ind.unit);
    EXPECT_EQ(c.dimensions_of(ind).size(), ind.breakdowns.size()) << ind.id;
    if (ind.unit == Unit::kRatePer100k) {
      const Indicator* base = c.find(ind.derived_from);
      ASSERT_NE(base, nullptr) << ind.id;
      EXPECT_EQ(base->unit, Unit::kCount);
    }
    if (ind.unit == Unit::kShare) {
      EXPECT_NE(c.find(ind.base_indicator), nullptr) << ind.id;
    }
  }
  EXPECT_EQ(units.size(), 5u);  // count, rate, share, ratio, median days all in use
  EXPECT_EQ(c.find("UAM_REGISTERED")->rounding_base, 5);
  EXPECT_EQ(c.find("REPORTS_CONCERN")->cube, c.find("REPORTS_SOURCE")->cube);
  EXPECT_EQ(c.breakdown("VIOLENCE_TYPE")->dimension.kind, DimensionKind::kMultiValued);
  const DataStructure s = c.data_structure();
  EXPECT_EQ(s.id, "CBSS:CHILD_PROTECTION(1.0)");
  EXPECT_EQ(s.breakdowns.size(), c.breakdowns.size());
}

TEST(Catalogue, DomainCodesMapHavensOwnVocabulary) {
  const Breakdown* source = shipped().breakdown("REPORT_SOURCE");
  ASSERT_NE(source, nullptr);
  std::set<std::string> mapped;
  for (const auto& codes : source->domain) mapped.insert(codes.begin(), codes.end());
  for (const char* reporter : {"school", "preschool", "health", "police", "ngo", "relative",
                               "neighbour", "anonymous", "child", "social_services", "other"}) {
    EXPECT_TRUE(mapped.count(reporter)) << reporter;
  }
}

TEST(Catalogue, PolicyForAnIndicatorAddsItsRounding) {
  DisclosurePolicy country;
  DisclosurePolicy p = policy_for(country, *shipped().find("UAM_REGISTERED"));
  EXPECT_EQ(p.rounding_base, 5);
  EXPECT_EQ(policy_for(country, *shipped().find("CARE_STOCK")).rounding_base, 0);
}

// --- loader errors -------------------------------------------------------------------------------

std::string codelists_error(const std::string& text) {
  Catalogue c;
  std::istringstream in(text);
  auto s = parse_codelists(in, "config/indicators/codelists.toml", c);
  return s.ok() ? "" : s.error().message;
}

std::string indicators_error(const std::string& text) {
  Catalogue c;
  std::istringstream in(text);
  auto s = parse_indicators(in, "config/indicators/care.toml", c);
  return s.ok() ? "" : s.error().message;
}

std::string names(const std::string& key, const std::string& skip = "") {
  std::string out;
  for (std::string_view lang : core::kUiLanguages) {
    if (lang == skip) continue;
    out += key + "." + std::string(lang) + " = \"text " + std::string(lang) + "\"\n";
  }
  return out;
}

std::string indicator(const std::string& body, const std::string& skip_lang = "") {
  return "[[indicator]]\nid = \"X\"\nunit = \"count\"\nnumerator = \"n\"\n" + body +
         names("name", skip_lang) + names("definition");
}

TEST(CatalogueLoader, ErrorsNameFileLineAndKey) {
  EXPECT_EQ(indicators_error(indicator("", "fi")),
            "config/indicators/care.toml:5: indicator X: key 'name.fi' is missing or empty.");
  EXPECT_EQ(indicators_error(indicator("colour = \"red\"\n")),
            "config/indicators/care.toml:5: indicator: unknown key 'colour'.");
  EXPECT_EQ(indicators_error(indicator("breakdowns = \"AGE\"\n")),
            "config/indicators/care.toml:5: indicator X: 'breakdowns' must be a list of strings.");
  EXPECT_EQ(
      indicators_error("[[indicator]]\nid = \"X\"\nunit = \"percent\"\n"),
      "config/indicators/care.toml:3: indicator X: unit 'percent' is not count, rate_per_100000, "
      "share, ratio or median_days.");
  EXPECT_EQ(indicators_error(indicator("") + "name.xx = \"?\"\n"),
            "config/indicators/care.toml:27: indicator X: 'name.xx' is not a UI language.");
  EXPECT_NE(indicators_error("[[indicator]\nid = 1\n")
                .find("config/indicators/care.toml:1: not valid TOML"),
            std::string::npos);
  EXPECT_EQ(indicators_error("title = \"x\"\n"),
            "config/indicators/care.toml:1: unknown key 'title' (expected [[indicator]] tables).");
}

TEST(CatalogueLoader, CodeListsAreChecked) {
  const std::string ok = "[[breakdown]]\nid = \"SEX\"\nkind = \"additive\"\n" + names("name") +
                         "[[breakdown.code]]\nid = \"_T\"\n" + names("label");
  EXPECT_EQ(codelists_error(ok), "");
  EXPECT_EQ(
      codelists_error(ok + "[[breakdown.code]]\nid = \"F\"\nparent = \"X\"\n" + names("label")),
      "config/indicators/codelists.toml:30: breakdown SEX code F: parent 'X' must be listed before "
      "it.");
  EXPECT_EQ(codelists_error("[[breakdown]]\nid = \"SEX\"\nkind = \"sometimes\"\n"),
            "config/indicators/codelists.toml:3: breakdown SEX: kind must be \"additive\" or "
            "\"multi_valued\".");
}

TEST(CatalogueValidation, CrossFileMistakesAreCaught) {
  Catalogue c = shipped();
  c.indicators.push_back(*c.find("CARE_STOCK_RATE"));
  auto s = validate_catalogue(c);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("indicator CARE_STOCK_RATE: defined twice."), std::string::npos);

  c = shipped();
  for (Indicator& i : c.indicators) {
    if (i.id == "CARE_STOCK_RATE") i.breakdowns.push_back("DISABILITY");
  }
  s = validate_catalogue(c);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("only by AGE and SEX"), std::string::npos);

  c = shipped();
  for (Indicator& i : c.indicators) {
    if (i.id == "CARE_PLAN_SHARE") i.base_indicator = "CARE_STOCK_RATE";
  }
  s = validate_catalogue(c);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("must be a count indicator"), std::string::npos);

  c = shipped();
  c.indicators.front().breakdowns.push_back("COLOUR");
  EXPECT_FALSE(validate_catalogue(c).ok());
}

}  // namespace
}  // namespace haven::stats
