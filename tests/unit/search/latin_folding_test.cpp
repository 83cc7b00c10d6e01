// Diacritic folding keeps both forms officials write, with letters from every language of the
// region.
#include "search/latin_folding.h"

#include <gtest/gtest.h>

#include "search/codepoints.h"

namespace haven::search {
namespace {

std::string short_fold(std::string_view s) {
  return fold_to_ascii(utf8_to_u32(s), FoldStyle::kShort);
}
std::string long_fold(std::string_view s) {
  return fold_to_ascii(utf8_to_u32(s), FoldStyle::kLong);
}

TEST(LatinFolding, GermanUmlautsHaveShortAndLongForms) {
  EXPECT_EQ(short_fold("müller"), "muller");
  EXPECT_EQ(long_fold("müller"), "mueller");
  EXPECT_EQ(long_fold("schäfer"), "schaefer");
  EXPECT_EQ(long_fold("möller"), "moeller");
  EXPECT_EQ(short_fold("weiß"), "weiss");
}

TEST(LatinFolding, DanishAndNorwegianLetters) {
  EXPECT_EQ(short_fold("søren"), "soren");
  EXPECT_EQ(long_fold("søren"), "soeren");
  EXPECT_EQ(short_fold("ærø"), "aero");  // æ is always ae
  EXPECT_EQ(short_fold("håkon"), "hakon");
  EXPECT_EQ(long_fold("håkon"), "haakon");
}

TEST(LatinFolding, SwedishAndFinnishLetters) {
  EXPECT_EQ(short_fold("åsa"), "asa");
  EXPECT_EQ(short_fold("björk"), "bjork");
  EXPECT_EQ(short_fold("jääskeläinen"), "jaaskelainen");
  EXPECT_EQ(long_fold("mäkelä"), "maekelae");
}

TEST(LatinFolding, EstonianLetters) {
  EXPECT_EQ(short_fold("tõnis"), "tonis");
  EXPECT_EQ(short_fold("jürgen"), "jurgen");
  EXPECT_EQ(short_fold("šokolaad"), "sokolaad");
}

TEST(LatinFolding, IcelandicThornAndEth) {
  EXPECT_EQ(short_fold("þórunn"), "thorunn");
  EXPECT_EQ(short_fold("guðrún"), "gudrun");
}

TEST(LatinFolding, PolishLatvianLithuanianMarks) {
  EXPECT_EQ(short_fold("łukasz"), "lukasz");
  EXPECT_EQ(short_fold("wałęsa"), "walesa");
  EXPECT_EQ(short_fold("źdźbło"), "zdzblo");
  EXPECT_EQ(short_fold("bērziņš"), "berzins");
  EXPECT_EQ(short_fold("ķēniņa"), "kenina");
  EXPECT_EQ(short_fold("žukauskaitė"), "zukauskaite");
  EXPECT_EQ(short_fold("ąžuolas"), "azuolas");
}

TEST(LatinFolding, LetterOutsideTheTableFallsBackToItsBase) {
  EXPECT_EQ(short_fold("ǎ"), "a");  // caron, via ICU decomposition
  EXPECT_EQ(short_fold("ṣ"), "s");  // dot below
}

TEST(LatinFolding, DropsWhatIsNotALetter) {
  EXPECT_EQ(short_fold("o'brien-2"), "obrien");
}

TEST(LatinFolding, KnowsWhenALongFormExists) {
  EXPECT_TRUE(has_long_form(utf8_to_u32("müller")));
  EXPECT_TRUE(has_long_form(utf8_to_u32("ørsted")));
  EXPECT_FALSE(has_long_form(utf8_to_u32("bērziņš")));
}

}  // namespace
}  // namespace haven::search
