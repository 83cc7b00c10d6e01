// Diminutives and Arabic-origin spellings are known variants; Somali orthography and the Arabic
// article are respelt.
#include "search/name_variants.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace haven::search {
namespace {

bool same_group(std::string_view a, std::string_view b) {
  const auto ga = NameVariants::instance().groups(a);
  const auto gb = NameVariants::instance().groups(b);
  for (uint16_t x : ga)
    if (std::find(gb.begin(), gb.end(), x) != gb.end()) return true;
  return false;
}

TEST(NameVariants, RussianDiminutivesInEveryConvention) {
  EXPECT_TRUE(same_group("aleksandr", "sasha"));
  EXPECT_TRUE(same_group("alexander", "sascha"));
  EXPECT_TRUE(same_group("aleksander", "sasza"));
  EXPECT_TRUE(same_group("mikhail", "mischa"));
  EXPECT_TRUE(same_group("ekaterina", "katja"));
}

TEST(NameVariants, PolishGermanNordicIcelandicBalticDiminutives) {
  EXPECT_TRUE(same_group("katarzyna", "kasia"));
  EXPECT_TRUE(same_group("malgorzata", "gosia"));
  EXPECT_TRUE(same_group("johannes", "hannes"));
  EXPECT_TRUE(same_group("kristina", "stina"));
  EXPECT_TRUE(same_group("sigurdur", "siggi"));
  EXPECT_TRUE(same_group("janis", "jancis"));
  EXPECT_TRUE(same_group("jonas", "jonukas"));
}

TEST(NameVariants, ADiminutiveDoesNotMakeTwoFullNamesEqual) {
  EXPECT_TRUE(same_group("aleksandr", "sasha"));
  EXPECT_TRUE(same_group("aleksandra", "sasha"));
  // Both share a group with "sasha", but not with each other:
  EXPECT_FALSE(same_group("aleksandr", "aleksandra"));
  const auto g1 = NameVariants::instance().groups("aleksandr");
  const auto g2 = NameVariants::instance().groups("aleksandra");
  for (uint16_t x : g1) EXPECT_EQ(std::find(g2.begin(), g2.end(), x), g2.end());
}

TEST(NameVariants, ArabicOriginSpellingsShareOneGroup) {
  for (std::string_view s :
       {"mohammed", "muhammad", "mohamad", "mohamed", "muhammed", "maxamed", "mehmet", "محمد"}) {
    EXPECT_TRUE(same_group("muhammad", s)) << s;
  }
  EXPECT_TRUE(same_group("abdullah", "abdallah"));
  EXPECT_TRUE(same_group("abdullah", "cabdullaahi"));
  EXPECT_TRUE(same_group("yusuf", "yousef"));
  EXPECT_TRUE(same_group("hussein", "hossein"));
  EXPECT_FALSE(same_group("muhammad", "mahmoud"));
  const auto g = NameVariants::instance().groups("mohammed");
  ASSERT_FALSE(g.empty());
  EXPECT_TRUE(NameVariants::instance().is_arabic_origin(g.front()));
  EXPECT_EQ(NameVariants::instance().group_name(g.front()), "muhammad");
}

TEST(NameVariants, UnknownSpellingHasNoGroup) {
  EXPECT_TRUE(NameVariants::instance().groups("zyxw").empty());
}

TEST(SomaliRespelling, DropsAyinAndWritesHForX) {
  EXPECT_EQ(somali_respelling("cabdullaahi"), "abdullahi");
  EXPECT_EQ(somali_respelling("maxamed"), "mahamed");
  EXPECT_EQ(somali_respelling("cali"), "ali");  // a known name once respelt
  EXPECT_EQ(somali_respelling("xasan"), "hasan");
  EXPECT_FALSE(somali_respelling("carl").has_value());       // "arl" is no known name
  EXPECT_FALSE(somali_respelling("christian").has_value());  // ch is not Somali
  EXPECT_FALSE(somali_respelling("anna").has_value());
}

TEST(ArabicArticle, RemovedWhenTheRestIsAKnownName) {
  EXPECT_EQ(without_arabic_article("alhassan"), "hassan");
  EXPECT_EQ(without_arabic_article("elkhalil"), "khalil");
  EXPECT_FALSE(without_arabic_article("alexander").has_value());
  EXPECT_FALSE(without_arabic_article("elena").has_value());
}

}  // namespace
}  // namespace haven::search
