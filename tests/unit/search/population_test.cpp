// End to end on a small generated population with duplicate ground truth: training, batch
// duplicate detection and search find the damaged copies. (The full-size figures come from
// bench/search_bench.cpp; this guards the behaviour in every test run.)
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>

#include "normalizer_fixture.h"
#include "search/name_index.h"
#include "synth/corruption.h"
#include "synth/identity_generator.h"

namespace haven::search {
namespace {

std::filesystem::path data_dir() {
  if (const char* root = std::getenv("HAVEN_SOURCE_DIR"))
    return std::filesystem::path(root) / "data";
  return std::filesystem::path(__FILE__).parent_path() / ".." / ".." / ".." / "data";
}

ChildRecord record(const synth::Identity& id, std::string record_id) {
  ChildRecord r;
  r.id = std::move(record_id);
  r.given_names = id.given_names;
  r.family_names = id.family_name;
  r.given_names_original = id.given_names_original;
  r.family_names_original = id.family_name_original;
  r.birth_date = id.birth_date;
  r.birth_date_estimated = id.birth_date_estimated;
  r.sex = id.sex == synth::Sex::kMale ? ChildSex::kMale : ChildSex::kFemale;
  return r;
}

TEST(SearchOnAGeneratedPopulation, FindsTheDamagedCopies) {
  auto data = synth::NameData::load(data_dir());
  ASSERT_TRUE(data.ok()) << data.error().message;
  synth::GeneratorOptions options;
  options.reference_date = *core::Date::parse("2026-01-01");
  std::vector<synth::IdentityGenerator> generators;
  for (std::string_view cc : {"SE", "LV", "LT", "PL", "IS", "DE"}) {
    auto g = synth::IdentityGenerator::create(*data, cc, options);
    ASSERT_TRUE(g.ok());
    generators.push_back(std::move(*g));
  }
  const synth::Corruptor corruptor(*data);
  NameIndex index(testing::normalizer());
  std::set<std::pair<std::string, std::string>> truth;
  std::vector<ChildRecord> copies;
  synth::Household household;
  synth::Identity copy;
  size_t n = 0;
  for (uint64_t h = 0; n < 3000; ++h) {
    synth::Rng rng(7, h);
    generators[h % generators.size()].generate_household_into(rng, household);
    for (const auto& c : household.children) {
      const std::string id = "c" + std::to_string(n++);
      ASSERT_TRUE(index.upsert(record(c, id)).ok());
      if (n % 20 == 0) {
        synth::Rng crng(8, n);
        corruptor.corrupt(c, crng, copy);
        copies.push_back(record(copy, "d" + std::to_string(copies.size())));
        truth.emplace(id, copies.back().id);
      }
    }
  }
  for (const auto& c : copies) ASSERT_TRUE(index.upsert(c).ok());

  const TrainingReport trained = index.train({});
  EXPECT_TRUE(trained.em.converged);
  const MatchModel model = index.model();
  EXPECT_GT(model.m(MatchField::kFamilyName, 0), model.u(MatchField::kFamilyName, 0));
  EXPECT_GT(model.m(MatchField::kBirthDate, 0), model.u(MatchField::kBirthDate, 0));

  const DedupeReport report = index.dedupe({});
  size_t found = 0;
  for (const auto& p : report.pairs) found += truth.count({p.first, p.second});
  const double recall = static_cast<double>(found) / static_cast<double>(truth.size());
  const double precision = static_cast<double>(found) / static_cast<double>(report.pairs.size());
  EXPECT_GT(recall, 0.85);
  EXPECT_GT(precision, 0.8);

  size_t hits = 0;
  for (const auto& [original, copy_id] : truth) {
    const ChildRecord& c = copies[std::stoul(copy_id.substr(1))];
    SearchQuery q;
    q.text = c.given_names + " " + c.family_names;
    q.birth_date = c.birth_date;
    auto r = index.search(q);
    ASSERT_TRUE(r.ok()) << q.text;
    for (const auto& hit : r->hits) hits += hit.id == original;
  }
  EXPECT_GT(static_cast<double>(hits) / static_cast<double>(truth.size()), 0.95);
}

}  // namespace
}  // namespace haven::search
