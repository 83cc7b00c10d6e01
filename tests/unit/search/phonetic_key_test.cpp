// The region's transliteration variants share a phonetic key; different names do not.
#include "search/phonetic_key.h"

#include <gtest/gtest.h>

#include "normalizer_fixture.h"
#include "search/codepoints.h"

namespace haven::search {
namespace {

using testing::intersects;

std::vector<std::string> keys(std::string_view s) {
  return phonetic_keys(utf8_to_u32(s));
}
bool alike(std::string_view a, std::string_view b) {
  return intersects(keys(a), keys(b));
}

TEST(PhoneticKey, ShcherbakovInEveryConventionSharesAKey) {
  for (std::string_view v :
       {"szczerbakow", "schtscherbakow", "ščerbakov", "sjtjerbakov", "štšerbakov"}) {
    EXPECT_TRUE(alike("shcherbakov", v)) << v;
  }
}

TEST(PhoneticKey, TsAndZAndCAreOneSoundClass) {
  EXPECT_TRUE(alike("kuznetsov", "kusnezow"));   // German
  EXPECT_TRUE(alike("kuznetsov", "kuzniecow"));  // Polish: c before o branches to ц
  EXPECT_TRUE(alike("kuznetsov", "kuzņecov"));   // Latvian
}

TEST(PhoneticKey, ChIsBothChAndKh) {
  EXPECT_TRUE(alike("chernov", "tschernow"));  // English ch = ч
  EXPECT_TRUE(alike("chernov", "czernow"));
  EXPECT_TRUE(alike("mikhail", "michail"));  // German ch = х
  EXPECT_TRUE(alike("mikhail", "mihail"));   // Latvian h
  EXPECT_TRUE(alike("christian", "kristian"));
}

TEST(PhoneticKey, VowelsAndJYDoNotMatter) {
  EXPECT_TRUE(alike("yegor", "jegor"));
  EXPECT_TRUE(alike("yegor", "egor"));
  EXPECT_TRUE(alike("mohammed", "muhammad"));
  EXPECT_TRUE(alike("artyom", "artjom"));
}

TEST(PhoneticKey, SomaliXIsH) {
  EXPECT_TRUE(alike("maxamed", "mohamed"));
}

TEST(PhoneticKey, SilentFinalHGoes) {
  EXPECT_TRUE(alike("sarah", "sara"));
  EXPECT_TRUE(alike("abdullah", "abdulla"));
}

TEST(PhoneticKey, ArabicRomanizationMeetsLatinSpellings) {
  // محمد romanized for matching is "mhmd".
  EXPECT_TRUE(alike("mhmd", "mohammed"));
  EXPECT_TRUE(alike("yusf", "yousef"));
}

TEST(PhoneticKey, DifferentNamesDiffer) {
  EXPECT_FALSE(alike("jensen", "hansen"));
  EXPECT_FALSE(alike("nowak", "novikov"));
  EXPECT_FALSE(alike("anna", "emma"));
  EXPECT_FALSE(alike("ivanov", "petrov"));
}

TEST(PhoneticKey, NeverEmptyAndAtMostFourKeys) {
  EXPECT_EQ(keys("ea"), std::vector<std::string>{"_e"});
  EXPECT_EQ(keys(""), std::vector<std::string>{"_"});
  EXPECT_LE(keys("chxchxchx").size(), kMaxPhoneticKeys);
}

}  // namespace
}  // namespace haven::search
