// Each convention spells a Cyrillic name the way its officials do; Ukrainian and Russian are told
// apart by their letters.
#include "search/cyrillic_transliterator.h"

#include <gtest/gtest.h>

#include "search/codepoints.h"
#include "search/latin_folding.h"

namespace haven::search {
namespace {

const CyrillicTransliterator& translit() {
  static const CyrillicTransliterator t = [] {
    auto r = CyrillicTransliterator::create();
    if (!r.ok()) std::abort();
    return std::move(*r);
  }();
  return t;
}

std::string spell(std::string_view word, CyrillicConvention c,
                  CyrillicLanguage lang = CyrillicLanguage::kRussian) {
  return u32_to_utf8(translit().spell(utf8_to_u32(word), lang, c));
}

TEST(CyrillicTransliterator, ShcherbakovInEveryConvention) {
  EXPECT_EQ(spell("щербаков", CyrillicConvention::kEnglish), "shcherbakov");
  EXPECT_EQ(spell("щербаков", CyrillicConvention::kPassport), "shcherbakov");
  EXPECT_EQ(spell("щербаков", CyrillicConvention::kGerman), "schtscherbakow");
  EXPECT_EQ(spell("щербаков", CyrillicConvention::kPolish), "szczerbakow");
  EXPECT_EQ(spell("щербаков", CyrillicConvention::kLatvian), "ščerbakovs");
  EXPECT_EQ(spell("щербаков", CyrillicConvention::kLithuanian), "ščerbakovas");
  EXPECT_EQ(spell("щербаков", CyrillicConvention::kScandinavian), "sjtjerbakov");
  EXPECT_EQ(spell("щербаков", CyrillicConvention::kFinnish), "štšerbakov");
}

TEST(CyrillicTransliterator, EnglishUsesIcuBgnNotAnyLatin) {
  // Any-Latin would give "ŝerbakov" and "ûlíâ"; BGN gives the passport-like forms.
  EXPECT_EQ(spell("юлія", CyrillicConvention::kEnglish, CyrillicLanguage::kUkrainian), "yuliya");
  EXPECT_EQ(spell("наталья", CyrillicConvention::kEnglish), "natalya");  // soft sign dropped
}

TEST(CyrillicTransliterator, IotatedVowelsDependOnPosition) {
  EXPECT_EQ(spell("егор", CyrillicConvention::kGerman), "jegor");
  EXPECT_EQ(spell("егор", CyrillicConvention::kPassport), "egor");
  EXPECT_EQ(spell("артём", CyrillicConvention::kGerman), "artjom");
  EXPECT_EQ(spell("фёдор", CyrillicConvention::kPolish), "fiodor");
}

TEST(CyrillicTransliterator, BalticConventionsAddNominativeEndings) {
  EXPECT_EQ(spell("александр", CyrillicConvention::kLatvian), "aleksandrs");
  EXPECT_EQ(spell("александр", CyrillicConvention::kLithuanian), "aleksandras");
  EXPECT_EQ(spell("андрей", CyrillicConvention::kLatvian), "andrejs");
  EXPECT_EQ(spell("андрей", CyrillicConvention::kLithuanian), "andrejus");
  EXPECT_EQ(spell("анна", CyrillicConvention::kLatvian), "anna");  // a vowel: no ending
}

TEST(CyrillicTransliterator, UkrainianHIsNotRussianG) {
  EXPECT_EQ(spell("григорій", CyrillicConvention::kPassport, CyrillicLanguage::kUkrainian),
            "hryhorii");
  EXPECT_EQ(spell("григорий", CyrillicConvention::kPassport), "grigorii");
}

TEST(CyrillicTransliterator, GuessesLanguageFromLetters) {
  EXPECT_EQ(CyrillicTransliterator::guess_language(utf8_to_u32("юлія")),
            CyrillicLanguage::kUkrainian);
  EXPECT_EQ(CyrillicTransliterator::guess_language(utf8_to_u32("артём")),
            CyrillicLanguage::kRussian);
  EXPECT_EQ(
      CyrillicTransliterator::guess_language(utf8_to_u32("иван"), CyrillicLanguage::kUkrainian),
      CyrillicLanguage::kUkrainian);  // no telling letters: the fallback
}

TEST(CyrillicTransliterator, AllSpellingsAreDistinctAndEnglishFirst) {
  const auto all = translit().all_spellings(utf8_to_u32("кузнецов"), CyrillicLanguage::kRussian);
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(u32_to_utf8(all.front()), "kuznetsov");
  for (size_t i = 0; i < all.size(); ++i)
    for (size_t j = i + 1; j < all.size(); ++j) EXPECT_NE(all[i], all[j]);
}

}  // namespace
}  // namespace haven::search
