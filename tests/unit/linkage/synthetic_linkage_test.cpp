// Linkage quality a contact point would notice, on a small synthetic population: two registers
// (Latvia, Sweden) with 400 children in common, half of migrant origin and respelt, a third with
// registration errors. The full-size figures are in bench/linkage_bench.cpp; this guards against a
// change that quietly ruins recall or precision.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "linkage/evaluation.h"
#include "linkage/matcher.h"
#include "synth/corruption.h"
#include "synth/identity_generator.h"
#include "test_support.h"

namespace haven::linkage {
namespace {

std::filesystem::path data_dir() {
  if (const char* root = std::getenv("HAVEN_SOURCE_DIR"))
    return std::filesystem::path(root) / "data";
  return std::filesystem::path(__FILE__).parent_path() / ".." / ".." / ".." / "data";
}

// Stand-in for search::normalize: diacritics folded, lower case, letters and spaces only.
std::string normalize(std::string_view text) {
  std::string out;
  for (char ch : synth::fold_diacritics(text, false)) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 'A' && c <= 'Z')
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    else if ((c >= 'a' && c <= 'z') || c >= 0x80)
      out.push_back(ch);
    else if ((c == ' ' || c == '-') && !out.empty() && out.back() != ' ')
      out.push_back(' ');
  }
  return out;
}

struct Register {
  std::vector<testing::Child> children;
  std::vector<uint64_t> refs;
};

testing::Child child_of(const synth::Identity& id) {
  testing::Child c(normalize(id.given_names), normalize(id.family_name), nullptr,
                   id.sex == synth::Sex::kFemale ? Sex::kFemale : Sex::kMale);
  c.birth = id.birth_date;
  return c;
}

TEST(SyntheticLinkage, FindsMostSharedChildrenAndFewOthers) {
  auto names = synth::NameData::load(data_dir());
  ASSERT_TRUE(names.ok()) << names.error().message;
  const synth::GeneratorOptions options{*core::Date::parse("2026-01-01"), std::nullopt};
  const auto lv = synth::IdentityGenerator::create(*names, "LV", options);
  const auto se = synth::IdentityGenerator::create(*names, "SE", options);
  ASSERT_TRUE(lv.ok() && se.ok());
  const synth::Corruptor corruptor(*names);
  const size_t n = 3000, shared = 400;

  Register a, b;  // Sweden, Latvia
  std::vector<RefPair> truth;
  for (size_t i = 0; i < n; ++i) {
    synth::Rng rng(7, i);
    synth::Identity id;
    lv->generate_child_into(rng, id);
    for (int tries = 0; i < shared && i % 2 == 0 && tries < 50; ++tries) {
      const synth::NameSet* set = names->find(id.origin);
      if (set && !set->is_country) break;
      lv->generate_child_into(rng, id);
    }
    b.children.push_back(child_of(id));
    b.refs.push_back(1000000 + i);
    if (i < shared) {
      synth::Identity copy = id, worse;
      corruptor.apply(synth::DamageKind::kTransliteration, copy, rng);
      if (rng.chance(0.33)) corruptor.corrupt(copy, rng, worse), copy = worse;
      a.children.push_back(child_of(copy));
      truth.push_back({5000000 + i, 1000000 + i});
    } else {
      synth::Rng other(8, i);
      se->generate_child_into(other, id);
      a.children.push_back(child_of(id));
    }
    a.refs.push_back(5000000 + i);
  }

  const BloomEncoder e = testing::encoder();
  auto encode = [&](const Register& r) {
    EncodingSet set({e.params(), e.key_fingerprint()});
    std::vector<LinkageFields> fields;
    for (const auto& c : r.children) fields.push_back(c.fields());
    std::vector<EncodedRecord> out(fields.size());
    e.encode_batch(fields, out);
    for (size_t i = 0; i < out.size(); ++i) set.add(r.refs[i], out[i]);
    return set;
  };
  const EncodingSet sa = encode(a), sb = encode(b);
  const auto result = match(sa, sb);
  ASSERT_TRUE(result.ok());
  std::vector<RefPair> predicted;
  for (const ScoredPair& p : result->pairs) predicted.push_back({sa.ref(p.a), sb.ref(p.b)});
  const LinkageQuality q = evaluate(predicted, truth);
  EXPECT_GE(q.recall, 0.90);
  EXPECT_GE(q.precision, 0.95);
  EXPECT_GE(q.f1, 0.92);
  // Blocking keeps the work far below all pairs.
  EXPECT_LT(result->compare.candidate_pairs, n * n / 50);
}

TEST(Evaluation, CountsTruePositivesOnce) {
  const std::vector<RefPair> predicted = {{1, 2}, {3, 4}, {3, 4}, {5, 6}};
  const std::vector<RefPair> truth = {{1, 2}, {3, 4}, {7, 8}, {9, 10}};
  const LinkageQuality q = evaluate(predicted, truth);
  EXPECT_EQ(q.true_positives, 2u);
  EXPECT_EQ(q.false_positives, 1u);
  EXPECT_EQ(q.false_negatives, 2u);
  EXPECT_NEAR(q.precision, 2.0 / 3, 1e-12);
  EXPECT_NEAR(q.recall, 0.5, 1e-12);
  EXPECT_NEAR(q.f1, 2 * (2.0 / 3) * 0.5 / (2.0 / 3 + 0.5), 1e-12);
  const LinkageQuality none = evaluate({}, {});
  EXPECT_EQ(none.precision, 1.0);
  EXPECT_EQ(none.recall, 1.0);
}

}  // namespace
}  // namespace haven::linkage
