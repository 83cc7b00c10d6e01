// The Fellegi–Sunter model: weights from m and u, term-frequency adjustment, explanations, and EM
// recovering known parameters from unlabelled comparison vectors.
#include "search/match_model.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace haven::search {
namespace {

TEST(MatchModel, WeightIsTheSumOfLevelWeights) {
  MatchModel model;
  model.set(MatchField::kFamilyName, 0, 0.9, 0.01);
  model.set(MatchField::kGivenName, 5, 0.05, 0.9);
  ComparisonVector v;
  v.level = {0, 5, kMissingLevel, kMissingLevel};
  EXPECT_NEAR(model.weight(v), std::log2(0.9 / 0.01) + std::log2(0.05 / 0.9), 1e-12);
}

TEST(MatchModel, MissingFieldsAddNothing) {
  MatchModel model;
  ComparisonVector v;  // all missing
  EXPECT_DOUBLE_EQ(model.weight(v), 0.0);
}

Comparison agreeing_names() {
  Comparison c;
  c.family = {0, NameReason::kTransliterated, 7, false};
  c.given = {0, NameReason::kExact, 8, false};
  c.birth_date = DateAgreement::kDayMonthSwapped;
  c.sex = 0;
  return c;
}

TEST(MatchModel, ARareNameAgreeingWeighsMoreThanACommonOne) {
  MatchModel model;
  const Comparison c = agreeing_names();
  const double rare = model.weight(c, {1e-5, 1e-3}, {});
  const double common = model.weight(c, {0.05, 1e-3}, {});
  const double plain = model.weight(c, {}, {});
  EXPECT_GT(rare, plain);
  EXPECT_LT(common, plain);
  EXPECT_LE(rare - plain, model.tf_max + 1e-12);  // bounded
}

TEST(MatchModel, ADateManyChildrenShareWeighsLess) {
  MatchModel model;
  Comparison c = agreeing_names();
  c.birth_date = DateAgreement::kExact;
  const double plain = model.weight(c, {}, {});
  const double crowded = model.weight(c, {}, {}, {0.01, 1e-4});   // 1 January of a year
  const double ordinary = model.weight(c, {}, {}, {1e-4, 2e-4});  // rarer than average: no bonus
  EXPECT_NEAR(crowded, plain + model.tf_min, 1e-9);  // -6.6 bits, bounded at tf_min
  EXPECT_DOUBLE_EQ(ordinary, plain);
}

TEST(MatchModel, ExplainsEachFieldInWords) {
  MatchModel model;
  MatchExplanation why;
  model.weight(agreeing_names(), {}, {}, {}, &why);
  ASSERT_EQ(why.fields.size(), kMatchFieldCount);
  const std::string text = why.text();
  EXPECT_NE(text.find("family name agrees after transliteration"), std::string::npos) << text;
  EXPECT_NE(text.find("birth date has day and month swapped"), std::string::npos) << text;
  EXPECT_NE(text.find("sex agrees"), std::string::npos) << text;
}

TEST(MatchModel, SwappedNamesCostTheSwapPenaltyAndSaySo) {
  MatchModel model;
  Comparison c = agreeing_names();
  const double straight = model.weight(c, {}, {});
  c.names_swapped = true;
  MatchExplanation why;
  EXPECT_NEAR(model.weight(c, {}, {}, {}, &why), straight - model.swap_penalty, 1e-12);
  EXPECT_NE(why.text().find("given and family names swapped"), std::string::npos);
}

TEST(MatchModel, ProbabilityAndWeightAreInverse) {
  MatchModel model;
  model.set_match_share(1e-4);
  const double w = model.weight_for_probability(0.5);
  EXPECT_NEAR(model.match_probability(w), 0.5, 1e-9);
  EXPECT_GT(model.match_probability(w + 10), 0.99);
}

// Draws comparison vectors from a known two-class model.
std::vector<ComparisonVector> sample(size_t n, double share, uint32_t seed) {
  const std::array<std::array<double, kMaxLevels>, kMatchFieldCount> m = {{
      {0.7, 0.1, 0.1, 0.05, 0.03, 0.02},
      {0.75, 0.05, 0.1, 0.05, 0.03, 0.02},
      {0.9, 0.04, 0.01, 0.02, 0.01, 0.02},
      {0.98, 0.02},
  }};
  const std::array<std::array<double, kMaxLevels>, kMatchFieldCount> u = {{
      {0.01, 0.005, 0.02, 0.01, 0.05, 0.905},
      {0.02, 0.01, 0.03, 0.01, 0.08, 0.85},
      {0.001, 0.001, 0.002, 0.01, 0.1, 0.886},
      {0.5, 0.5},
  }};
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> unit(0, 1);
  auto draw = [&](const std::array<double, kMaxLevels>& p, size_t n_levels) {
    double r = unit(rng);
    for (size_t l = 0; l < n_levels; ++l) {
      if (r < p[l]) return static_cast<uint8_t>(l);
      r -= p[l];
    }
    return static_cast<uint8_t>(n_levels - 1);
  };
  std::vector<ComparisonVector> out(n);
  for (auto& v : out) {
    const bool match = unit(rng) < share;
    for (size_t f = 0; f < kMatchFieldCount; ++f)
      v.level[f] = draw(match ? m[f] : u[f], kFieldLevels[f]);
    if (unit(rng) < 0.05) v.level[2] = kMissingLevel;  // some birth dates unknown
  }
  return out;
}

TEST(MatchModelEm, RecoversAgreementLevelsFromUnlabelledPairs) {
  const auto pairs = sample(200000, 0.1, 42);
  MatchModel model;
  EmOptions options;
  options.prior_pairs = 0;
  const EmResult r = model.estimate(pairs, options);
  EXPECT_TRUE(r.converged);
  EXPECT_NEAR(r.match_share, 0.1, 0.01);
  // Agreement is far likelier among matches; disagreement far likelier among non-matches.
  for (auto f : {MatchField::kFamilyName, MatchField::kGivenName, MatchField::kBirthDate}) {
    EXPECT_GT(model.m(f, 0), 10 * model.u(f, 0));
    EXPECT_LT(model.m(f, kFieldLevels[static_cast<size_t>(f)] - 1),
              model.u(f, kFieldLevels[static_cast<size_t>(f)] - 1));
  }
  EXPECT_NEAR(model.m(MatchField::kFamilyName, 0), 0.7, 0.03);
  EXPECT_NEAR(model.u(MatchField::kGivenName, 5), 0.85, 0.02);
}

TEST(MatchModelEm, FixedUStaysAndMIsFitted) {
  const auto pairs = sample(100000, 0.05, 7);
  MatchModel model;
  const double u_before = model.u(MatchField::kFamilyName, 0);
  EmOptions options;
  options.fix_u = {true, true, true, true};
  model.estimate(pairs, options);
  EXPECT_DOUBLE_EQ(model.u(MatchField::kFamilyName, 0), u_before);
  EXPECT_GT(model.m(MatchField::kFamilyName, 0), model.u(MatchField::kFamilyName, 0));
}

TEST(MatchModelEm, EstimatesUFromRandomPairs) {
  const auto pairs = sample(50000, 0.0, 3);  // no matches
  MatchModel model;
  model.estimate_u(pairs);
  EXPECT_NEAR(model.u(MatchField::kFamilyName, 5), 0.905, 0.01);
  EXPECT_NEAR(model.u(MatchField::kSex, 0), 0.5, 0.01);
}

}  // namespace
}  // namespace haven::search
