// Disclosure control as a statistician would check it: which cells are hidden and why, that every
// line and hierarchy level is protected, that derived figures follow their counts, and that
// rounding and values come out as published.
#include "stats/disclosure_control.h"

#include <gtest/gtest.h>

#include "stats/recovery.h"
#include "stats/relations.h"
#include "test_tables.h"

namespace haven::stats {
namespace {

using testing::grid_table;
using testing::line_table;

AttackOptions interval(int64_t width) {
  AttackOptions options;
  options.protection_interval = width;
  return options;
}

CellStatus status_of(const Table& t, std::initializer_list<std::string_view> codes) {
  return t.at(*t.find(codes)).status;
}

// Every exact relation holds zero or at least two unknown cells.
void expect_no_lone_unknown(const Table& t) {
  for (const Relation& r : table_relations(t)) {
    if (!r.exact) continue;
    int unknown = t.at(r.total).status != CellStatus::kObserved ? 1 : 0;
    for (size_t p : r.parts) unknown += t.at(p).status != CellStatus::kObserved ? 1 : 0;
    EXPECT_NE(unknown, 1) << "lone hidden cell in the line of " << t.describe(r.total);
  }
}

TEST(PrimarySuppression, HidesCountsOneToFourButNotZeroOrFive) {
  Table t = line_table({0, 1, 4, 5, 30, 200});
  ASSERT_TRUE(protect(t, {}).ok());
  EXPECT_EQ(status_of(t, {"C0"}), CellStatus::kObserved);
  EXPECT_EQ(status_of(t, {"C1"}), CellStatus::kPrimarySuppressed);
  EXPECT_EQ(status_of(t, {"C2"}), CellStatus::kPrimarySuppressed);
  EXPECT_NE(status_of(t, {"C3"}), CellStatus::kPrimarySuppressed);
  EXPECT_EQ(status_of(t, {"_T"}), CellStatus::kObserved);
}

TEST(PrimarySuppression, ZeroIsHiddenWhenThePolicySaysZerosDisclose) {
  DisclosurePolicy policy;
  policy.zero_is_sensitive = true;
  Table t = line_table({0, 30, 40});
  ASSERT_TRUE(protect(t, policy).ok());
  EXPECT_EQ(status_of(t, {"C0"}), CellStatus::kPrimarySuppressed);
}

TEST(PrimarySuppression, ThresholdIsConfigurable) {
  DisclosurePolicy policy;
  policy.min_count = 3;
  policy.protection_interval = 3;
  Table t = line_table({3, 2, 40, 50});
  ASSERT_TRUE(protect(t, policy).ok());
  EXPECT_NE(status_of(t, {"C0"}), CellStatus::kPrimarySuppressed);
  EXPECT_EQ(status_of(t, {"C1"}), CellStatus::kPrimarySuppressed);
}

TEST(PrimarySuppression, SuppressedCellsLeaveNoFigureInThePublishedTable) {
  Table t = line_table({3, 40, 60});
  ASSERT_TRUE(protect(t, {}).ok());
  for (const Cell& c : t.cells()) {
    if (c.status == CellStatus::kObserved) {
      ASSERT_TRUE(c.value.has_value());
      EXPECT_EQ(*c.value, static_cast<double>(c.count));
    } else {
      EXPECT_FALSE(c.value.has_value());
      EXPECT_EQ(c.count, 0);
    }
  }
}

TEST(SecondarySuppression1D, LoneSmallCellTakesTheSmallestNonZeroPartner) {
  Table t = line_table({3, 0, 60, 40, 900});
  auto summary = protect(t, {});
  ASSERT_TRUE(summary.ok()) << summary.error().message;
  EXPECT_EQ(status_of(t, {"C0"}), CellStatus::kPrimarySuppressed);
  EXPECT_EQ(status_of(t, {"C1"}), CellStatus::kObserved);  // a zero would protect nothing
  EXPECT_EQ(status_of(t, {"C3"}), CellStatus::kSecondarySuppressed);
  EXPECT_EQ(status_of(t, {"C2"}), CellStatus::kObserved);
  EXPECT_EQ(status_of(t, {"_T"}), CellStatus::kObserved);  // totals are kept when possible
  EXPECT_EQ(summary->primary, 1u);
  EXPECT_EQ(summary->secondary, 1u);
}

TEST(SecondarySuppression1D, TwoSmallCellsThatWouldBoundEachOtherGetAThird) {
  // 1 + 1 hidden beside 50 and a total of 52: the attacker knows both lie in [0, 2].
  Table t = line_table({1, 1, 50, 70});
  ASSERT_TRUE(protect(t, {}).ok());
  EXPECT_EQ(status_of(t, {"C2"}), CellStatus::kSecondarySuppressed);
  EXPECT_EQ(recover_suppressed(t, interval(5)).exposed_count(), 0u);
}

TEST(SecondarySuppression1D, ASmallCellAloneUnderItsTotalHidesTheTotal) {
  Table t = line_table({7, 0, 0});
  DisclosurePolicy policy;
  policy.min_count = 10;
  ASSERT_TRUE(protect(t, policy).ok());
  EXPECT_EQ(status_of(t, {"C0"}), CellStatus::kPrimarySuppressed);
  EXPECT_NE(status_of(t, {"_T"}), CellStatus::kObserved);
}

TEST(SecondarySuppression2D, EveryRowAndColumnHoldsNoneOrSeveralHiddenCells) {
  Table t = grid_table({{3, 20, 31, 40}, {15, 2, 60, 8}, {22, 35, 41, 17}});
  ASSERT_TRUE(protect(t, {}).ok());
  expect_no_lone_unknown(t);
  EXPECT_EQ(recover_suppressed(t, interval(5)).exposed_count(), 0u);
}

TEST(SecondarySuppression, HierarchyLevelsAreProtected) {
  // Care type: _T = FAM + RES, FAM = KIN + FOS + GUA. A small kinship count must be hidden
  // together with a partner inside the family-based subtotal, not only against the grand total.
  Dimension care{"CARE_TYPE",
                 {{"_T", -1}, {"FAM", 0}, {"KIN", 1}, {"FOS", 1}, {"GUA", 1}, {"RES", 0}},
                 DimensionKind::kAdditive};
  Table t({"CARE_STOCK", "IS", "2026"}, Unit::kCount, {care});
  t.at(*t.find({"KIN"})).count = 3;
  t.at(*t.find({"FOS"})).count = 140;
  t.at(*t.find({"GUA"})).count = 25;
  t.at(*t.find({"RES"})).count = 12;
  t.sum_margins();
  ASSERT_TRUE(protect(t, {}).ok());
  EXPECT_EQ(status_of(t, {"KIN"}), CellStatus::kPrimarySuppressed);
  EXPECT_EQ(status_of(t, {"GUA"}), CellStatus::kSecondarySuppressed);
  expect_no_lone_unknown(t);
  EXPECT_EQ(recover_suppressed(t, interval(5)).exposed_count(), 0u);
}

TEST(SecondarySuppression, TurnedOffLeavesLoneCellsTheAttackerRecovers) {
  DisclosurePolicy policy;
  policy.secondary_suppression = false;
  Table t = grid_table({{3, 20, 31}, {15, 12, 60}});
  ASSERT_TRUE(protect(t, policy).ok());
  RecoveryReport report = recover_suppressed(t);
  ASSERT_EQ(report.cells.size(), 1u);
  EXPECT_TRUE(report.cells[0].exposed);
  EXPECT_EQ(report.cells[0].lower, 3);
  EXPECT_EQ(report.cells[0].upper, 3);
}

TEST(Medians, FewerThanThresholdCasesAreHiddenAndNoCasesIsNotApplicable) {
  Table t({"SCREENING_DAYS", "EE", "2026"}, Unit::kMedianDays,
          {flat_dimension("RISK_LEVEL", {"H", "M", "L"})});
  auto set = [&](std::string_view code, int64_t n, double median) {
    Cell& c = t.at(*t.find({code}));
    c.count = n;
    c.median = median;
  };
  set("_T", 45, 9);
  set("H", 3, 1);
  set("M", 42, 10.5);
  set("L", 0, 0);
  ASSERT_TRUE(protect(t, {}).ok());
  EXPECT_EQ(status_of(t, {"H"}), CellStatus::kPrimarySuppressed);
  EXPECT_EQ(status_of(t, {"M"}), CellStatus::kObserved);  // medians do not add up: no partner
  EXPECT_EQ(status_of(t, {"L"}), CellStatus::kNotApplicable);
  EXPECT_EQ(*t.at(*t.find({"M"})).value, 10.5);
}

TEST(Rates, ComputedPerHundredThousandAndHiddenWithTheirCount) {
  Table t({"CARE_ENTRY_RATE", "LV", "2026"}, Unit::kRatePer100k,
          {flat_dimension("SEX", {"F", "M", "_U"})});
  auto set = [&](std::string_view code, int64_t n, int64_t population) {
    Cell& c = t.at(*t.find({code}));
    c.count = n;
    c.denominator = population;
  };
  set("F", 250, 170000);
  set("M", 3, 180000);
  set("_U", 40, 0);  // no population: a rate cannot exist
  t.sum_margins();
  ASSERT_TRUE(protect(t, {}).ok());
  EXPECT_EQ(status_of(t, {"M"}), CellStatus::kPrimarySuppressed);
  EXPECT_EQ(status_of(t, {"_U"}), CellStatus::kNotApplicable);
  EXPECT_NEAR(*t.at(*t.find({"F"})).value, 147.1, 1e-9);
  EXPECT_NEAR(*t.at(*t.find({"_T"})).value, 293 * 100000.0 / 350000, 0.05);
  // F is published, the _U count is not: M stays hidden without a partner being needed.
  EXPECT_EQ(recover_suppressed(t, interval(5)).exposed_count(), 0u);
}

TEST(Shares, ASmallComplementIsConfidentialToo) {
  // 98 of 100 children have a care plan: the 2 without one are as identifiable as 2 with.
  Table t({"CARE_PLAN_SHARE", "FI", "2026"}, Unit::kShare,
          {flat_dimension("CARE_TYPE", {"KIN", "FOS", "RES"})});
  auto set = [&](std::string_view code, int64_t n, int64_t base) {
    Cell& c = t.at(*t.find({code}));
    c.count = n;
    c.denominator = base;
  };
  set("KIN", 98, 100);
  set("FOS", 300, 400);
  set("RES", 40, 80);
  t.sum_margins();
  ASSERT_TRUE(protect(t, {}).ok());
  EXPECT_EQ(status_of(t, {"KIN"}), CellStatus::kPrimarySuppressed);
  EXPECT_NEAR(*t.at(*t.find({"FOS"})).value, 75.0, 1e-9);
}

TEST(Shares, AGroupOfNoChildrenHidesNothingElse) {
  // No child in guardianship: the share cannot exist there, and its numerator is a known 0, so
  // it neither needs a partner nor hides one.
  Table t({"CARE_PLAN_SHARE", "FI", "2026"}, Unit::kShare,
          {flat_dimension("CARE_TYPE", {"KIN", "FOS", "GUA"})});
  auto set = [&](std::string_view code, int64_t n, int64_t base) {
    Cell& c = t.at(*t.find({code}));
    c.count = n;
    c.denominator = base;
  };
  set("KIN", 0, 20);
  set("FOS", 10, 10);
  set("GUA", 0, 0);
  t.sum_margins();
  ASSERT_TRUE(protect(t, {}).ok());
  EXPECT_EQ(status_of(t, {"GUA"}), CellStatus::kNotApplicable);
  for (std::string_view code : {"_T", "KIN", "FOS"}) {
    EXPECT_EQ(status_of(t, {code}), CellStatus::kObserved) << code;
  }
  EXPECT_NEAR(*t.at(*t.find({"_T"})).value, 33.3, 1e-9);
}

TEST(Rounding, CountsAreRoundedToBaseFiveAndFlagged) {
  DisclosurePolicy policy;
  policy.rounding_base = 5;
  Table t = line_table({13, 17, 40, 22});
  ASSERT_TRUE(protect(t, policy).ok());
  EXPECT_EQ(*t.at(*t.find({"C0"})).value, 15);
  EXPECT_EQ(*t.at(*t.find({"C1"})).value, 15);
  EXPECT_EQ(*t.at(*t.find({"C2"})).value, 40);
  EXPECT_EQ(*t.at(*t.find({"C3"})).value, 20);
  EXPECT_EQ(*t.at(*t.find({"_T"})).value,
            90);  // 92: rounded on its own, not the sum of rounded parts
  for (const Cell& c : t.cells()) EXPECT_EQ(c.rounding_base, 5);
  EXPECT_EQ(round_to_base(2, 5), 0);
  EXPECT_EQ(round_to_base(3, 5), 5);
  EXPECT_EQ(round_to_base(7, 5), 5);
  EXPECT_EQ(round_to_base(8, 5), 10);
}

TEST(Rounding, RoundedTotalsDoNotRevealHiddenCells) {
  DisclosurePolicy policy;
  policy.rounding_base = 5;
  std::mt19937_64 rng(7);
  for (int i = 0; i < 40; ++i) {
    Table t = testing::random_cube(
        rng, {flat_dimension("A", {"a", "b", "c"}), flat_dimension("B", {"x", "y", "z", "w"})});
    ASSERT_TRUE(protect(t, policy).ok());
    EXPECT_EQ(recover_suppressed(t, interval(5)).exposed_count(), 0u);
  }
}

TEST(Rounding, RatesAreComputedFromTheRoundedCount) {
  DisclosurePolicy policy;
  policy.rounding_base = 5;
  Table t({"UAM_RATE", "DE", "2026"}, Unit::kRatePer100k, {flat_dimension("SEX", {"F", "M"})});
  t.at(*t.find({"F"})).count = 12;
  t.at(*t.find({"F"})).denominator = 100000;
  t.at(*t.find({"M"})).count = 33;
  t.at(*t.find({"M"})).denominator = 100000;
  t.sum_margins();
  ASSERT_TRUE(protect(t, policy).ok());
  EXPECT_EQ(*t.at(*t.find({"F"})).value, 10.0);
  EXPECT_EQ(*t.at(*t.find({"M"})).value, 35.0);
}

TEST(ProtectInput, InconsistentMarginsAreRefused) {
  Table t = line_table({10, 20});
  t.at(0).count = 31;
  auto result = protect(t, {});
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("_T"), std::string::npos);
}

TEST(ProtectInput, PolicyOutOfRangeIsRefused) {
  Table t = line_table({10, 20});
  DisclosurePolicy policy;
  policy.rounding_base = 1;
  EXPECT_FALSE(protect(t, policy).ok());
  policy = {};
  policy.protection_interval = 0;
  EXPECT_FALSE(protect(t, policy).ok());
}

}  // namespace
}  // namespace haven::stats
