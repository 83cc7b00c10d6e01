// The normalization pipeline: case folding, scripts, spellings per convention, stems, keys,
// variant groups, and bad input.
#include "search/name_normalizer.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>

#include "normalizer_fixture.h"
#include "search/name_variants.h"

namespace haven::search {
namespace {

using testing::contains;
using testing::intersects;
using testing::normalizer;
using testing::word;

TEST(NameNormalizer, CaseFoldsWithNfkc) {
  EXPECT_EQ(NameNormalizer::casefold("ÞÓRUNN"), "þórunn");
  EXPECT_EQ(NameNormalizer::casefold("Straße"), "strasse");
  EXPECT_EQ(NameNormalizer::casefold("ﬁnn"), "finn");  // ligature
  EXPECT_EQ(NameNormalizer::casefold("JENSEN"), "jensen");
}

TEST(NameNormalizer, CombiningMarksComposeBeforeFolding) {
  // "Bērziņa" typed with combining macron and cedilla.
  const NameToken t = word(
      "Be\xCC\x84rzin\xCC\xA7"
      "a");
  EXPECT_EQ(t.primary(), "berzina");
  EXPECT_TRUE(contains(t.stems, "berzin"));
}

TEST(NameNormalizer, CyrillicGetsEveryConventionsSpelling) {
  const NameToken t = word("Щербаков");
  EXPECT_EQ(t.script, Script::kCyrillic);
  EXPECT_EQ(t.primary(), "shcherbakov");
  for (std::string_view s : {"schtscherbakow", "szczerbakow", "scerbakovs", "sjtjerbakov"})
    EXPECT_TRUE(contains(t.spellings, s)) << s;
}

TEST(NameNormalizer, LatinSpellingsOfCyrillicNamesMeetTheOriginal) {
  const NameToken original = word("Щербаков");
  for (std::string_view v : {"Shcherbakov", "Szczerbakow", "Schtscherbakow", "Ščerbakovs"}) {
    const NameToken t = word(v);
    EXPECT_TRUE(intersects(t.keys, original.keys)) << v;
  }
  EXPECT_TRUE(intersects(word("Szczerbakow").spellings, original.spellings));
}

TEST(NameNormalizer, UkrainianAndRussianSpellingsWhenLettersDoNotTell) {
  const NameToken t = word("Олександр", NamePart::kGiven);
  EXPECT_TRUE(contains(t.spellings, "oleksandr"));
  const NameToken uk = word("Юлія", NamePart::kGiven);
  EXPECT_TRUE(contains(uk.spellings, "yuliya"));
}

TEST(NameNormalizer, LanguageHintPicksUkrainian) {
  auto r = normalizer().normalize("Григорій", NamePart::kGiven, "uk");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(contains(r->tokens[0].spellings, "hryhorii"));
}

TEST(NameNormalizer, DiacriticsGiveShortAndLongSpellings) {
  EXPECT_TRUE(contains(word("Müller").spellings, "mueller"));        // de
  EXPECT_TRUE(contains(word("Møller").spellings, "moeller"));        // da, no
  EXPECT_TRUE(contains(word("Åberg").spellings, "aaberg"));          // sv
  EXPECT_EQ(word("Þórunn", NamePart::kGiven).primary(), "thorunn");  // is
  EXPECT_EQ(word("Łukasz", NamePart::kGiven).primary(), "lukasz");   // pl
  EXPECT_EQ(word("Tõnisson").primary(), "tonisson");                 // et
  EXPECT_EQ(word("Jääskeläinen").primary(), "jaaskelainen");         // fi
}

TEST(NameNormalizer, BalticAndIcelandicFormsShareStems) {
  EXPECT_TRUE(intersects(word("Kazlauskaitė").stems, word("Kazlauskienė").stems));  // lt
  EXPECT_TRUE(intersects(word("Bērziņš").stems, word("Berzina").stems));            // lv
  EXPECT_TRUE(intersects(word("Jónsdóttir").stems, word("Jónsson").stems));         // is
  EXPECT_TRUE(word("Jónsdóttir").patronymic);
  EXPECT_TRUE(intersects(word("Kowalska").stems, word("Kowalski").stems));  // pl
}

TEST(NameNormalizer, ArabicScriptIsRomanizedForMatching) {
  const NameToken t = word("محمد", NamePart::kGiven);
  EXPECT_EQ(t.script, Script::kArabic);
  EXPECT_TRUE(intersects(t.keys, word("Mohammed", NamePart::kGiven).keys));
  EXPECT_TRUE(intersects(t.groups, word("Muhammad", NamePart::kGiven).groups));
}

TEST(NameNormalizer, PersoArabicAndPashtoLetters) {
  // Dari علیرضا (Alireza) with Persian ye; the group knows the Latin spelling.
  const NameToken t = word("علیرضا", NamePart::kGiven);
  EXPECT_TRUE(intersects(t.groups, word("Alireza", NamePart::kGiven).groups));
}

TEST(NameNormalizer, EthiopicIsTransliterated) {
  const NameToken t = word("ሰለሞን", NamePart::kGiven);
  EXPECT_EQ(t.script, Script::kEthiopic);
  EXPECT_TRUE(intersects(t.keys, word("Solomon", NamePart::kGiven).keys));
}

TEST(NameNormalizer, ArabicOriginVariantsShareAGroup) {
  const auto group = word("Mohammed", NamePart::kGiven).groups;
  for (std::string_view v : {"Muhammad", "Mohamad", "Mohamed", "Muhammed", "Maxamed"})
    EXPECT_TRUE(intersects(group, word(v, NamePart::kGiven).groups)) << v;
  EXPECT_TRUE(intersects(word("Abdullah", NamePart::kGiven).groups,
                         word("Cabdullaahi", NamePart::kGiven).groups));
}

TEST(NameNormalizer, DiminutivesShareAGroup) {
  EXPECT_TRUE(intersects(word("Aleksandr", NamePart::kGiven).groups,
                         word("Sascha", NamePart::kGiven).groups));
  EXPECT_TRUE(intersects(word("Katarzyna", NamePart::kGiven).groups,
                         word("Kasia", NamePart::kGiven).groups));
  // Latvian form of a Russian name reaches the group through its stem.
  EXPECT_TRUE(intersects(word("Aleksandrs", NamePart::kGiven).groups,
                         word("Sasha", NamePart::kGiven).groups));
}

TEST(NameNormalizer, SomaliOrthographyIsRespelt) {
  const NameToken t = word("Maxamed", NamePart::kGiven);
  EXPECT_TRUE(contains(t.spellings, "mahamed"));
  EXPECT_TRUE(intersects(t.keys, word("Mohamed", NamePart::kGiven).keys));
}

TEST(NameNormalizer, CompoundAndHyphenatedNamesSplitIntoWords) {
  auto r = normalizer().normalize("Nowak-Kowalska", NamePart::kFamily);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->tokens.size(), 2u);
  EXPECT_EQ(r->tokens[0].primary(), "nowak");
  auto d = normalizer().normalize("Anna-Lena  Skov Jensen", NamePart::kAny);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->tokens.size(), 4u);
}

TEST(NameNormalizer, ParticlesAreDroppedUnlessAlone) {
  auto r = normalizer().normalize("Al-Hassan", NamePart::kFamily);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->tokens.size(), 1u);
  EXPECT_EQ(r->tokens[0].primary(), "hassan");
  EXPECT_TRUE(contains(word("Alhassan").spellings, "hassan"));
  auto alone = normalizer().normalize("Le", NamePart::kFamily);
  ASSERT_TRUE(alone.ok());
  EXPECT_EQ(alone->tokens.size(), 1u);
  EXPECT_EQ(word("von").primary(), "von");
}

TEST(NameNormalizer, ApostrophesJoinLatinWords) {
  EXPECT_EQ(word("O'Brien").primary(), "obrien");
  EXPECT_EQ(word("D’Angelo").primary(), "dangelo");
}

TEST(NameNormalizer, MixedScriptLookAlikesAreRepaired) {
  // "Ivanov" with a Cyrillic а: a Latin word with one look-alike, not Cyrillic.
  const NameToken t = word("Iv\xD0\xB0nov");
  EXPECT_EQ(t.script, Script::kLatin);
  EXPECT_EQ(t.primary(), "ivanov");
  // "Иванов" with a Latin o: Cyrillic.
  const NameToken c = word("Иванoв");
  EXPECT_EQ(c.script, Script::kCyrillic);
  EXPECT_EQ(c.primary(), "ivanov");
}

TEST(NameNormalizer, EmojiDigitsAndPunctuationAreNotNames) {
  auto r = normalizer().normalize("😀 123 !!", NamePart::kAny);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->empty());
  auto mixed = normalizer().normalize("Anna😀Jensen", NamePart::kAny);
  ASSERT_TRUE(mixed.ok());
  EXPECT_EQ(mixed->tokens.size(), 2u);
}

TEST(NameNormalizer, RejectsInvalidUtf8AndOverlongText) {
  auto bad = normalizer().normalize("Jens\xC3\x28n", NamePart::kFamily);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, core::ErrorCode::kInvalidInput);
  auto overlong = normalizer().normalize(std::string(10000, 'a'), NamePart::kFamily);
  ASSERT_FALSE(overlong.ok());
  EXPECT_NE(overlong.error().message.find("at most 200"), std::string::npos);
}

TEST(NameNormalizer, KeepsAtMostEightWords) {
  auto r = normalizer().normalize("a1 bb cc dd ee ff gg hh ii jj kk", NamePart::kAny);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->tokens.size(), 8u);
  EXPECT_TRUE(r->truncated);
}

TEST(NameNormalizer, OriginalScriptMergesWordByWord) {
  auto name = normalizer().normalize("Ščerbakovs", NamePart::kFamily);
  ASSERT_TRUE(name.ok());
  normalizer().add_writing(*name, "Щербаков", NamePart::kFamily);
  ASSERT_EQ(name->tokens.size(), 1u);
  EXPECT_TRUE(contains(name->tokens[0].spellings, "schtscherbakow"));
  EXPECT_EQ(name->tokens[0].primary(), "scerbakovs");  // the registered form stays primary
}

TEST(NameNormalizer, IsSafeToShareBetweenThreads) {
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      for (int k = 0; k < 50; ++k) {
        auto r = normalizer().normalize("Щербаков Юлія", NamePart::kAny);
        if (!r.ok() || r->tokens.size() != 2 || r->tokens[0].primary() != "shcherbakov") ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace haven::search
