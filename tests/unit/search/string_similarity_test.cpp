// Known values of Jaro–Winkler and optimal string alignment, the early exit, and token sets.
#include "search/string_similarity.h"

#include <gtest/gtest.h>

#include <string>

namespace haven::search {
namespace {

TEST(JaroWinkler, KnownValues) {
  // Winkler's published examples.
  EXPECT_NEAR(jaro_winkler("martha", "marhta"), 0.9611, 1e-4);
  EXPECT_NEAR(jaro_winkler("dwayne", "duane"), 0.84, 1e-4);
  EXPECT_NEAR(jaro_winkler("dixon", "dicksonx"), 0.8133, 1e-4);
  EXPECT_DOUBLE_EQ(jaro_winkler("anna", "anna"), 1.0);
  EXPECT_DOUBLE_EQ(jaro_winkler("", "anna"), 0.0);
  EXPECT_DOUBLE_EQ(jaro_winkler("abc", "xyz"), 0.0);
}

TEST(JaroWinkler, IsSymmetricAndHandlesLongStrings) {
  EXPECT_DOUBLE_EQ(jaro_winkler("kazlauskaite", "kazlauskiene"),
                   jaro_winkler("kazlauskiene", "kazlauskaite"));
  const std::string a(300, 'a'), b = std::string(299, 'a') + "b";
  EXPECT_GT(jaro_winkler(a, b), 0.99);
}

TEST(OsaDistance, KnownValues) {
  EXPECT_EQ(osa_distance("kitten", "sitting", 5), 3u);
  EXPECT_EQ(osa_distance("jensen", "jnesen", 5), 1u);  // one transposition
  EXPECT_EQ(osa_distance("ca", "abc", 5), 3u);         // OSA, not unrestricted Damerau (2)
  EXPECT_EQ(osa_distance("", "abc", 5), 3u);
  EXPECT_EQ(osa_distance("same", "same", 0), 0u);
}

TEST(OsaDistance, StopsEarlyBeyondTheBound) {
  EXPECT_EQ(osa_distance("anna", "zyxwvuts", 1), 2u);  // length difference alone exceeds 1
  EXPECT_EQ(osa_distance("abcdef", "uvwxyz", 2), 3u);
  const std::string a(1000, 'a'), b(1000, 'b');
  EXPECT_EQ(osa_distance(a, b, 2), 3u);
}

TEST(TokenSetAgreement, OrderFreeAndSubsetAware) {
  const std::string_view anna_maria[] = {"anna", "maria"};
  const std::string_view maria_anna[] = {"maria", "anna"};
  const std::string_view anna[] = {"anna"};
  const std::string_view anna_lena[] = {"anna", "lena"};
  EXPECT_DOUBLE_EQ(token_set_agreement(anna_maria, maria_anna), 1.0);
  EXPECT_DOUBLE_EQ(token_set_agreement(anna, anna_maria), 1.0);
  EXPECT_DOUBLE_EQ(token_set_agreement(anna_lena, anna_maria), 0.5);
  EXPECT_DOUBLE_EQ(token_set_agreement({}, anna), 0.0);
}

}  // namespace
}  // namespace haven::search
