// The hub's run: blocking, comparison and assignment find the same children across two small
// registers, refuse encodings made with different secrets, and hand each country only its own ids.
#include "linkage/matcher.h"

#include <gtest/gtest.h>

#include <set>

#include "linkage/blocking.h"
#include "linkage/country_links.h"
#include "test_support.h"

namespace haven::linkage {
namespace {

using testing::Child;

EncodingSet encode_all(const BloomEncoder& e, const std::vector<Child>& children, uint64_t base) {
  EncodingSet set({e.params(), e.key_fingerprint()});
  for (size_t i = 0; i < children.size(); ++i) set.add(base + i, testing::encode(e, children[i]));
  return set;
}

// Latvia's register and Sweden's, three children in common (spelt differently) and the rest not.
const std::vector<Child> kLatvia = {
    {"aleksandrs", "scerbakovs", "2013-04-22", Sex::kMale},  // 100 ↔ 201
    {"anna", "berzina", "2012-01-12"},                       // 101 ↔ 203
    {"julija", "kravcenko", "2016-09-01"},                   // 102 ↔ 200
    {"janis", "ozols", "2011-05-05", Sex::kMale},
    {"anna", "berzina", "2012-07-14"},  // another Anna Bērziņa, another date
    {"marta", "liepina", "2015-02-02"}};
const std::vector<Child> kSweden = {
    {"yulia", "kravchenko", "2016-09-01"},
    {"aleksandr", "shcherbakov", "2013-04-22", Sex::kMale},
    {"erik", "andersson", "2011-05-05", Sex::kMale},
    {"anna", "berzina", "2012-12-01"},  // day and month the other way round
    {"elsa", "nilsson", "2015-02-02"}};

TEST(Matcher, FindsTheSameChildrenAcrossTwoRegisters) {
  const BloomEncoder e = testing::encoder();
  const EncodingSet lv = encode_all(e, kLatvia, 100), se = encode_all(e, kSweden, 200);
  const auto result = match(lv, se);
  ASSERT_TRUE(result.ok()) << result.error().message;
  std::set<std::pair<uint64_t, uint64_t>> found;
  for (const ScoredPair& p : result->pairs) found.insert({lv.ref(p.a), se.ref(p.b)});
  const std::set<std::pair<uint64_t, uint64_t>> want = {{100, 201}, {101, 203}, {102, 200}};
  EXPECT_EQ(found, want);
  EXPECT_GT(result->compare.compared, 0u);
  EXPECT_LE(result->compare.compared, result->compare.candidate_pairs);
  // At a low threshold the other Anna Bērziņa (104) reaches it too, but one-to-one assignment
  // keeps only the closer of the two for Sweden's Anna.
  MatchOptions loose;
  loose.threshold = 0.4;
  const auto wider = match(lv, se, loose);
  ASSERT_TRUE(wider.ok());
  bool other_anna_scored = false;
  const CandidateBlocks blocks = CandidateBlocks::build(lv, se);
  for (const ScoredPair& p :
       compare_candidates(lv, se, blocks, DiceThreshold::create(0.4).value(), 1, best_isa()))
    other_anna_scored |= lv.ref(p.a) == 104 && se.ref(p.b) == 203;
  EXPECT_TRUE(other_anna_scored);
  found.clear();
  for (const ScoredPair& p : wider->pairs) found.insert({lv.ref(p.a), se.ref(p.b)});
  EXPECT_TRUE(found.count({101, 203}));
  EXPECT_FALSE(found.count({104, 203}));
}

TEST(Matcher, EveryKernelVariantGivesTheSameResult) {
  const BloomEncoder e = testing::encoder();
  const EncodingSet lv = encode_all(e, kLatvia, 100), se = encode_all(e, kSweden, 200);
  MatchOptions options;
  options.threshold = 0.5;
  options.isa = Isa::kPortable;
  const auto want = match(lv, se, options);
  ASSERT_TRUE(want.ok());
  for (Isa isa : {Isa::kPopcnt, Isa::kAvx2, Isa::kAvx512}) {
    if (!isa_supported(isa)) continue;
    options.isa = isa;
    options.threads = 2;
    const auto got = match(lv, se, options);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got->pairs, want->pairs) << isa_name(isa);
  }
}

TEST(Matcher, RefusesEncodingsMadeWithDifferentSecretsOrParameters) {
  const EncodingSet a = encode_all(testing::encoder(1), kLatvia, 100);
  const EncodingSet b = encode_all(testing::encoder(2), kSweden, 200);
  const auto r = match(a, b);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("different linkage secrets"), std::string::npos);
  EncoderParams other;
  other.k_family = 9;
  const EncodingSet c = encode_all(testing::encoder(1, other), kSweden, 200);
  EXPECT_NE(match(a, c).error().message.find("different encoder parameters"), std::string::npos);
}

TEST(Matcher, ComparesEachPairOnceThoughItSharesSeveralBlocks) {
  const BloomEncoder e = testing::encoder();
  const Child c("aleksandr", "shcherbakov", "2013-04-22", Sex::kMale);
  const EncodingSet a = encode_all(e, {c}, 1), b = encode_all(e, {c}, 2);
  const CandidateBlocks blocks = CandidateBlocks::build(a, b);
  EXPECT_EQ(blocks.blocks().size(), kBlockingPasses);  // the pair shares all four keys
  const auto scored =
      compare_candidates(a, b, blocks, DiceThreshold::create(0.77).value(), 1, best_isa());
  ASSERT_EQ(scored.size(), 1u);
  EXPECT_FLOAT_EQ(scored[0].dice, 1.0f);
}

TEST(CountryLinks, EachCountryGetsOnlyItsOwnIdsUnderSharedLinkNumbers) {
  const BloomEncoder e = testing::encoder();
  const EncodingSet lv = encode_all(e, kLatvia, 100), se = encode_all(e, kSweden, 200);
  const auto result = match(lv, se);
  ASSERT_TRUE(result.ok());
  std::array<uint8_t, 32> run_key{};
  run_key[0] = 42;
  const CountryLinks links = split_for_countries(lv, se, result->pairs, run_key);
  ASSERT_EQ(links.a.size(), result->pairs.size());
  ASSERT_EQ(links.b.size(), result->pairs.size());
  std::set<uint64_t> lv_refs(lv.refs().begin(), lv.refs().end());
  std::set<uint64_t> se_refs(se.refs().begin(), se.refs().end());
  for (size_t i = 0; i < links.a.size(); ++i) {
    EXPECT_TRUE(lv_refs.count(links.a[i].record));
    EXPECT_TRUE(se_refs.count(links.b[i].record));
    EXPECT_EQ(links.a[i].link, links.b[i].link);  // both sorted by link: the rows line up
  }
  // The two lists name the matched pairs and nothing else.
  std::set<std::pair<uint64_t, uint64_t>> joined, want;
  for (size_t i = 0; i < links.a.size(); ++i) joined.insert({links.a[i].record, links.b[i].record});
  for (const ScoredPair& p : result->pairs) want.insert({lv.ref(p.a), se.ref(p.b)});
  EXPECT_EQ(joined, want);
  // Another run key gives other link numbers for the same pairs.
  run_key[0] = 43;
  const CountryLinks again = split_for_countries(lv, se, result->pairs, run_key);
  EXPECT_NE(again.a.front().link, links.a.front().link);
}

}  // namespace
}  // namespace haven::linkage
