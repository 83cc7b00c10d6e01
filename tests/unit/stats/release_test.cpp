// A release as a country would publish it: the catalogue's cubes filled with a small country's
// figures, linked tables protected together, rates and ratios derived from protected counts, the
// SDMX-CSV file the hub receives — and the hub's audit passing it, or catching a tampered one.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

#include "stats/catalogue_loader.h"
#include "stats/derive.h"
#include "stats/disclosure_control.h"
#include "stats/population.h"
#include "stats/recovery.h"
#include "stats/release_audit.h"
#include "stats/sdmx_csv.h"
#include "test_tables.h"

namespace haven::stats {
namespace {

const Catalogue& catalogue() {
  static const Catalogue c = [] {
    auto loaded = load_catalogue(testing::source_dir() + "/config/indicators");
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.error().message;
      return Catalogue{};
    }
    return std::move(*loaded);
  }();
  return c;
}

// One simulated child (or report): per dimension, the codes it counts under (a leaf and its
// ancestors; several leaves for a multi-valued dimension).
using Person = std::map<std::string, std::set<int>>;

std::vector<Person> simulate(std::mt19937_64& rng, const std::vector<Dimension>& dims, int n) {
  std::vector<Person> people;
  for (int i = 0; i < n; ++i) {
    Person p;
    for (const Dimension& d : dims) {
      std::vector<int> leaves;
      for (size_t c = 0; c < d.codes.size(); ++c) {
        if (d.is_leaf(static_cast<int>(c))) leaves.push_back(static_cast<int>(c));
      }
      auto pick = [&] {
        std::geometric_distribution<int> g(0.35);
        int leaf =
            leaves[static_cast<size_t>(std::min<int>(g(rng), static_cast<int>(leaves.size()) - 1))];
        for (int c = leaf; c >= 0; c = d.codes[static_cast<size_t>(c)].parent) p[d.id].insert(c);
      };
      pick();
      if (d.kind == DimensionKind::kMultiValued) {
        while (std::uniform_int_distribution<int>(0, 2)(rng) == 0) pick();
      }
    }
    people.push_back(std::move(p));
  }
  return people;
}

Table tabulate(const std::vector<Person>& people, const Indicator& ind, Unit unit,
               std::string country) {
  Table t({ind.id, std::move(country), "2026"}, unit, catalogue().dimensions_of(ind));
  for (size_t i = 0; i < t.size(); ++i) {
    int64_t n = 0;
    for (const Person& p : people) {
      bool in = true;
      for (size_t k = 0; k < t.dimensions().size() && in; ++k) {
        in = p.at(t.dimensions()[k].id).count(t.coord(i, k)) > 0;
      }
      n += in ? 1 : 0;
    }
    t.at(i).count = n;
  }
  return t;
}

std::vector<Dimension> union_dims(const std::vector<const Indicator*>& inds) {
  std::vector<Dimension> dims;
  std::set<std::string> seen;
  for (const Indicator* ind : inds) {
    for (const Dimension& d : catalogue().dimensions_of(*ind)) {
      if (seen.insert(d.id).second) dims.push_back(d);
    }
  }
  return dims;
}

// Every count cube of the catalogue, filled like a small country's year (a few hundred children),
// protected with its linked tables; the attacker, given all of them at once, fails everywhere.
TEST(CatalogueRelease, EveryCountCubeIsProtectedAgainstTheAttacker) {
  std::map<std::string, std::vector<const Indicator*>> cubes;
  for (const Indicator& ind : catalogue().indicators) {
    if (ind.unit == Unit::kCount) cubes[ind.cube].push_back(&ind);
  }
  ASSERT_GE(cubes.size(), 8u);
  size_t hidden = 0;
  for (uint64_t seed = 1; seed <= 10; ++seed) {
    for (const auto& [cube, inds] : cubes) {
      std::mt19937_64 rng(seed * 977 + cube.size());
      auto people =
          simulate(rng, union_dims(inds), std::uniform_int_distribution<int>(60, 400)(rng));
      std::vector<Table> tables;
      for (const Indicator* ind : inds)
        tables.push_back(tabulate(people, *ind, Unit::kCount, "IS"));
      std::vector<Table*> ptrs;
      for (Table& t : tables) ptrs.push_back(&t);
      auto summary = protect_linked(ptrs, policy_for({}, *inds.front()));
      ASSERT_TRUE(summary.ok()) << cube << ": " << summary.error().message;
      hidden += summary->primary + summary->secondary;
      std::vector<const Table*> views(ptrs.begin(), ptrs.end());
      AttackOptions options;
      options.protection_interval = 5;
      options.exact_bounds = false;
      RecoveryReport r = recover_suppressed(views, options);
      EXPECT_TRUE(r.consistent && r.complete) << cube;
      EXPECT_EQ(r.exposed_count(), 0u) << cube << " seed " << seed;
    }
  }
  EXPECT_GT(hidden, 1000u);
}

TEST(LinkedTables, SharedMarginsAreHiddenAlikeInEveryTable) {
  const Indicator* concern = catalogue().find("REPORTS_CONCERN");
  const Indicator* source = catalogue().find("REPORTS_SOURCE");
  ASSERT_TRUE(concern && source);
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    std::mt19937_64 rng(seed);
    auto people = simulate(rng, union_dims({concern, source}), 150);
    Table a = tabulate(people, *concern, Unit::kCount, "EE");
    Table b = tabulate(people, *source, Unit::kCount, "EE");
    Table* both[] = {&a, &b};
    ASSERT_TRUE(protect_linked(both, {}).ok());
    // The AGE x SEX margin is in both tables (CONCERN_TYPE=_T, REPORT_SOURCE=_T).
    for (std::string_view age : {"_T", "Y0T4", "Y5T9", "Y10T14", "Y15T17"}) {
      for (std::string_view sex : {"_T", "F", "M", "_U"}) {
        EXPECT_EQ(a.at(*a.find({"_T", age, sex})).status, b.at(*b.find({"_T", age, sex})).status);
      }
    }
  }
}

TEST(LinkedTables, ProtectingThemOneByOneCanLeakWhatTogetherDoesNot) {
  const Indicator* concern = catalogue().find("REPORTS_CONCERN");
  const Indicator* source = catalogue().find("REPORTS_SOURCE");
  size_t leaks = 0;
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    std::mt19937_64 rng(seed);
    auto people = simulate(rng, union_dims({concern, source}), 120);
    Table a = tabulate(people, *concern, Unit::kCount, "EE");
    Table b = tabulate(people, *source, Unit::kCount, "EE");
    ASSERT_TRUE(protect(a, {}).ok());
    ASSERT_TRUE(protect(b, {}).ok());
    const Table* both[] = {&a, &b};
    AttackOptions options;
    options.protection_interval = 5;
    options.exact_bounds = false;
    leaks += recover_suppressed(both, options).exposed_count() > 0 ? 1 : 0;
  }
  EXPECT_GT(leaks, 0u);
}

TEST(DerivedFigures, RatesAndRatiosFollowTheProtectedCounts) {
  const Indicator* stock = catalogue().find("CARE_STOCK");
  auto population = load_population(testing::source_dir() + "/config/population");
  ASSERT_TRUE(population.ok()) << population.error().message;
  std::mt19937_64 rng(11);
  auto people = simulate(rng, catalogue().dimensions_of(*stock), 60);
  Table counts = tabulate(people, *stock, Unit::kCount, "IS");
  const Table raw = counts;
  ASSERT_TRUE(protect(counts, {}).ok());

  auto rates = derive_rates(counts, *catalogue().find("CARE_STOCK_RATE"), *population);
  ASSERT_TRUE(rates.ok()) << rates.error().message;
  size_t withheld = 0;
  for (size_t i = 0; i < rates->size(); ++i) {
    const Cell& r = rates->at(i);
    std::string_view age = rates->dimensions()[0].codes[rates->coord(i, 0)].id;
    std::string_view sex = rates->dimensions()[1].codes[rates->coord(i, 1)].id;
    const size_t c = *counts.find({"_T", age, sex, "_T"});
    if (sex == "_U" && counts.at(c).status == CellStatus::kObserved) {
      EXPECT_EQ(r.status, CellStatus::kNotApplicable);  // no population for "other or unknown"
      continue;
    }
    EXPECT_EQ(r.status, counts.at(c).status) << rates->describe(i);
    if (r.status == CellStatus::kObserved) {
      const double pop = static_cast<double>(*population->children("IS", 2026, age, sex));
      EXPECT_NEAR(*r.value, static_cast<double>(raw.at(c).count) * 100000.0 / pop, 0.051);
    } else {
      ++withheld;
      EXPECT_FALSE(r.value.has_value());
    }
  }
  EXPECT_GT(withheld, 0u);

  auto ratio = derive_ratio(counts, *catalogue().find("CARE_RES_FAM_RATIO"));
  ASSERT_TRUE(ratio.ok()) << ratio.error().message;
  for (size_t i = 0; i < ratio->size(); ++i) {
    std::string_view age = ratio->dimensions()[0].codes[i].id;
    const Cell& res = counts.at(*counts.find({"RES", age, "_T", "_T"}));
    const Cell& fam = counts.at(*counts.find({"FAM", age, "_T", "_T"}));
    const bool shown =
        res.status == CellStatus::kObserved && fam.status == CellStatus::kObserved && fam.count > 0;
    EXPECT_EQ(ratio->at(i).value.has_value(), shown) << age;
    if (shown) {
      EXPECT_NEAR(*ratio->at(i).value,
                  static_cast<double>(res.count) / static_cast<double>(fam.count), 0.0051);
    }
  }
}

// What the hub does with what it receives: read the SDMX-CSV, rebuild the tables, audit them.
TEST(ReleaseAudit, AProtectedReleasePassesAndATamperedOneIsCaught) {
  const Indicator* concern = catalogue().find("REPORTS_CONCERN");
  const Indicator* source = catalogue().find("REPORTS_SOURCE");
  const Indicator* uam = catalogue().find("UAM_REGISTERED");
  std::mt19937_64 rng(5);
  auto reports = simulate(rng, union_dims({concern, source}), 300);
  auto migrants = simulate(rng, catalogue().dimensions_of(*uam), 90);
  Table a = tabulate(reports, *concern, Unit::kCount, "LT");
  Table b = tabulate(reports, *source, Unit::kCount, "LT");
  Table u = tabulate(migrants, *uam, Unit::kCount, "LT");
  const Table raw_b = b;
  Table* linked[] = {&a, &b};
  ASSERT_TRUE(protect_linked(linked, {}).ok());
  ASSERT_TRUE(protect(u, policy_for({}, *uam)).ok());

  const DataStructure dsd = catalogue().data_structure();
  const Table* release[] = {&a, &b, &u};
  auto text = write_sdmx_csv(release, dsd);
  ASSERT_TRUE(text.ok()) << text.error().message;
  auto dataset = read_sdmx_csv(*text, dsd);
  ASSERT_TRUE(dataset.ok()) << dataset.error().message;
  auto received = tables_from_dataset(*dataset, dsd);
  ASSERT_TRUE(received.ok());
  ASSERT_EQ(received->size(), 3u);
  EXPECT_TRUE(audit_release(*received, catalogue(), {}).empty());

  // Tampering: a secondary cell published after all, and a primary one with its small count.
  std::vector<Table> tampered = *received;
  Table& tb = tampered[1];
  bool secondary_shown = false, primary_shown = false;
  for (size_t i = 0; i < tb.size(); ++i) {
    std::vector<std::string_view> codes;  // in raw_b's dimension order (the release has SDMX order)
    for (const Dimension& d : raw_b.dimensions()) {
      const size_t k = static_cast<size_t>(tb.dimension_index(d.id));
      codes.push_back(tb.dimensions()[k].codes[tb.coord(i, k)].id);
    }
    const Cell& truth = raw_b.at(*raw_b.find(codes));
    Cell& c = tb.at(i);
    if (!secondary_shown && c.status == CellStatus::kSecondarySuppressed) {
      c = Cell{truth.count, 0, 0, CellStatus::kObserved, 0, static_cast<double>(truth.count)};
      secondary_shown = true;
    } else if (!primary_shown && c.status == CellStatus::kPrimarySuppressed) {
      c = Cell{truth.count, 0, 0, CellStatus::kObserved, 0, static_cast<double>(truth.count)};
      primary_shown = true;
    }
  }
  ASSERT_TRUE(secondary_shown && primary_shown);
  auto findings = audit_release(tampered, catalogue(), {});
  ASSERT_FALSE(findings.empty());
  bool small_count = false, narrowed = false;
  for (const AuditFinding& f : findings) {
    small_count = small_count || f.problem.find("must be suppressed") != std::string::npos;
    narrowed = narrowed || f.problem.find("can be narrowed") != std::string::npos;
  }
  EXPECT_TRUE(small_count);
  EXPECT_TRUE(narrowed);
}

}  // namespace
}  // namespace haven::stats
