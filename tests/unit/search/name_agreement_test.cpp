// Token agreement with a similarity memo gives the very answer it gives without one, whatever the
// memo has seen before and however often it has filled up and started again.
#include "search/name_agreement.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "search/string_pool.h"

namespace haven::search {
namespace {

// Names alike and unlike: typos, transpositions, shared prefixes, different lengths.
std::vector<std::string> names() {
  std::vector<std::string> out = {
      "andersson", "anderson", "andersen",   "andreasson", "anders",      "abdullah",  "abdallah",
      "abdulah",   "mohammed", "muhammad",   "mohamed",    "kowalska",    "kowalski",  "kovalska",
      "berzina",   "berzins",  "jonsdottir", "jonsson",    "shcherbakov", "scerbakovs"};
  // Many more words that share letters, so the memo fills up several times over.
  for (char a = 'a'; a <= 'z'; ++a)
    for (char b = 'a'; b <= 'z'; b += 2) out.push_back(std::string("ma") + a + b + "ssen");
  return out;
}

TokenRef token(const uint32_t& id) {
  TokenRef t;
  t.text = id;
  t.spellings = {&id, 1};
  return t;
}

TEST(SimilarityMemoTest, KnowsOnlyWhatItWasTold) {
  SimilarityMemo memo;
  EXPECT_EQ(memo.find(1, 2), nullptr);
  memo.put(1, 2, {0.9, 1});
  ASSERT_NE(memo.find(1, 2), nullptr);
  EXPECT_DOUBLE_EQ(memo.find(1, 2)->jaro_winkler, 0.9);
  EXPECT_EQ(memo.find(1, 2)->edits, 1);
  EXPECT_EQ(memo.find(2, 1), nullptr);  // the order of the pair matters to its key
  EXPECT_EQ(memo.find(0, 2), nullptr);
}

TEST(NameComparatorTest, AMemoChangesNoAgreement) {
  StringPool pool;
  std::vector<uint32_t> ids;
  for (const auto& n : names()) ids.push_back(pool.intern(n));
  const NameComparator names(pool);
  SimilarityMemo memo;
  size_t typos = 0, similar = 0;
  for (int round = 0; round < 2; ++round) {  // the second round answers from the memo
    for (const uint32_t& a : ids)
      for (const uint32_t& b : ids) {
        const TokenAgreement plain = names.tokens(token(a), token(b));
        const TokenAgreement memoized = names.tokens(token(a), token(b), &memo);
        ASSERT_EQ(memoized.level, plain.level) << pool.get(a) << " / " << pool.get(b);
        ASSERT_EQ(memoized.reason, plain.reason) << pool.get(a) << " / " << pool.get(b);
        typos += round == 0 && plain.reason == NameReason::kTypo;
        similar += round == 0 && plain.reason == NameReason::kSimilar;
      }
  }
  // The pairs reached the string measures, not only the identities.
  EXPECT_GT(typos, 20u);
  EXPECT_GT(similar, 20u);
}

}  // namespace
}  // namespace haven::search
