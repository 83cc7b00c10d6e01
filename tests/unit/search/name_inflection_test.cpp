// Gendered, case and patronymic forms of one name meet in one stem, in every language that has
// them.
#include "search/name_inflection.h"

#include <gtest/gtest.h>

#include "search/codepoints.h"

namespace haven::search {
namespace {

std::string family(std::string_view s) {
  return u32_to_utf8(name_stem(utf8_to_u32(s), NameField::kFamily));
}
std::string given(std::string_view s) {
  return u32_to_utf8(name_stem(utf8_to_u32(s), NameField::kGiven));
}

TEST(NameInflection, LatvianMasculineAndFeminineSurnamesShareAStem) {
  EXPECT_EQ(family("bērziņš"), "bērziņ");
  EXPECT_EQ(family("bērziņa"), "bērziņ");
  EXPECT_EQ(family("berzins"), family("berzina"));  // typed without marks
  EXPECT_EQ(family("ozols"), family("ozola"));
  EXPECT_EQ(family("sproģis"), family("sproģe"));
}

TEST(NameInflection, LithuanianMaleUnmarriedAndMarriedFormsShareAStem) {
  EXPECT_EQ(family("kazlauskas"), "kazlausk");
  EXPECT_EQ(family("kazlauskaitė"), "kazlausk");
  EXPECT_EQ(family("kazlauskienė"), "kazlausk");
  EXPECT_EQ(family("kazlauskiene"), "kazlausk");
  EXPECT_EQ(family("stankevičius"), family("stankevičienė"));
  EXPECT_EQ(family("stankevičius"), family("stankevičiūtė"));
  EXPECT_EQ(family("butkus"), family("butkutė"));
  EXPECT_EQ(family("kairys"), family("kairytė"));
}

TEST(NameInflection, PolishAndRussianAdjectivalSurnames) {
  EXPECT_EQ(family("kowalski"), "kowalsk");
  EXPECT_EQ(family("kowalska"), "kowalsk");
  EXPECT_EQ(family("wysocki"), family("wysocka"));
  EXPECT_EQ(family("vysotskiy"), family("vysotskaya"));
  EXPECT_EQ(family("ivanov"), family("ivanova"));
  EXPECT_EQ(family("ivanov"), family("ivanovs"));   // Latvian ending
  EXPECT_EQ(family("ivanov"), family("ivanovas"));  // Lithuanian ending
}

TEST(NameInflection, IcelandicPatronymicsMeetInTheFathersName) {
  EXPECT_EQ(family("jónsson"), "jón");
  EXPECT_EQ(family("jónsdóttir"), "jón");
  EXPECT_EQ(family("helgason"), family("helgadóttir"));
  const auto p = icelandic_patronymic(utf8_to_u32("guðmundsdóttir"));
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(u32_to_utf8(p->parent), "guðmunds");
  EXPECT_TRUE(p->daughter);
  EXPECT_FALSE(icelandic_patronymic(utf8_to_u32("jensen")).has_value());
}

TEST(NameInflection, NamesWithoutInflectionStay) {
  EXPECT_EQ(family("nowak"), "nowak");
  EXPECT_EQ(family("jensen"), "jensen");      // Danish -sen is not a patronymic ending here
  EXPECT_EQ(family("virtanen"), "virtanen");  // Finnish
  EXPECT_EQ(family("tamm"), "tamm");          // Estonian
  EXPECT_EQ(family("li"), "li");              // too short to strip
}

TEST(NameInflection, GivenNamesLoseOnlyBalticMasculineEndings) {
  EXPECT_EQ(given("aleksandrs"), "aleksandr");   // Latvian
  EXPECT_EQ(given("aleksandras"), "aleksandr");  // Lithuanian
  EXPECT_EQ(given("andrejus"), given("andrejs"));
  EXPECT_EQ(given("anna"), "anna");    // feminine -a stays in given names
  EXPECT_EQ(given("agnes"), "agnes");  // a vowel before -s is part of the name
  EXPECT_EQ(given("elias"), "elias");
}

}  // namespace
}  // namespace haven::search
