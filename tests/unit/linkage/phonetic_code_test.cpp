// The sound code puts the spellings officials of the region give one name into one block.
#include "linkage/phonetic_code.h"

#include <gtest/gtest.h>

namespace haven::linkage {
namespace {

TEST(PhoneticCode, TransliterationsOfOneNameAgree) {
  const std::string code = phonetic_code("shcherbakov");
  EXPECT_EQ(code, "2612");
  for (const char* v : {"Ščerbakovs", "scerbakovs", "szczerbakow", "schtscherbakow"})
    EXPECT_EQ(phonetic_code(v), code) << v;
  EXPECT_EQ(phonetic_code("yusuf"), phonetic_code("jusuf"));
  EXPECT_EQ(phonetic_code("mohammed"), phonetic_code("muhammad"));
  EXPECT_EQ(phonetic_code("khalid"), phonetic_code("chalid"));
}

TEST(PhoneticCode, GrammaticalEndingsAreIgnored) {
  EXPECT_EQ(phonetic_code("Bērziņa"), phonetic_code("berzins"));
  EXPECT_EQ(phonetic_code("kazlauskaite"), phonetic_code("kazlauskas"));
  EXPECT_EQ(phonetic_code("kazlauskiene"), phonetic_code("kazlauskas"));
  EXPECT_EQ(phonetic_code("ivanovs"), phonetic_code("ivanov"));
  EXPECT_EQ(phonetic_code("ivanovas"), phonetic_code("ivanova"));
}

TEST(PhoneticCode, DifferentNamesDiffer) {
  EXPECT_NE(phonetic_code("petraitis"), phonetic_code("kazlauskas"));
  EXPECT_NE(phonetic_code("andersson"), phonetic_code("johansson"));
}

TEST(PhoneticCode, KeepsAtMostFourClassesAndIgnoresOtherScripts) {
  EXPECT_LE(phonetic_code("wolfeschlegelsteinhausenbergerdorff").size(), 4u);
  EXPECT_EQ(phonetic_code("ea"), "");
  EXPECT_EQ(phonetic_code("Щербаков"), "");
  EXPECT_EQ(phonetic_code(""), "");
  EXPECT_EQ(phonetic_code("\xC3"), "");  // a cut-off UTF-8 sequence is skipped, not read past
}

}  // namespace
}  // namespace haven::linkage
