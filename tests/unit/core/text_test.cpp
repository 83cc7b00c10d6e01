// UTF-8 validation at the edge, ids and country codes.
#include <gtest/gtest.h>

#include <set>

#include "core/country.h"
#include "core/id.h"
#include "core/utf8.h"

namespace haven::core {

TEST(Utf8, AcceptsNamesFromEveryScriptOfTheRegion) {
  for (const char* name : {"Bērziņa", "Kazlauskaitė", "Þórunn Guðmundsdóttir", "Щербаков",
                           "Szczęsny Łukasz", "Jürgen Groß", "محمد", "ሰላም", "😀"}) {
    EXPECT_TRUE(is_valid_utf8(name)) << name;
  }
}

TEST(Utf8, RejectsMalformedSequences) {
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate U+D800
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("abc\xE2\x82"));       // truncated
  EXPECT_FALSE(is_valid_utf8("\x80"));              // lone continuation
  EXPECT_TRUE(is_valid_utf8(std::string("a\0b", 3)));
}

TEST(Utf8, LengthAndTruncationCountCharactersNotBytes) {
  EXPECT_EQ(utf8_length("Bērziņa"), 7u);
  EXPECT_EQ(utf8_truncate("Bērziņa", 3), "Bēr");
  EXPECT_EQ(utf8_truncate("Щербаков", 100), "Щербаков");
  EXPECT_EQ(trim("\xC2\xA0 Anna \t"), "Anna");
}

TEST(Id, NewIdsAreValidUuidV7AndOrderedByTime) {
  std::string a = new_id(Timestamp{1'700'000'000'000});
  std::string b = new_id(Timestamp{1'700'000'000'001});
  EXPECT_TRUE(is_valid_id(a));
  EXPECT_EQ(a[14], '7');
  EXPECT_TRUE(a[19] == '8' || a[19] == '9' || a[19] == 'a' || a[19] == 'b');
  EXPECT_LT(a, b);
  std::set<std::string> many;
  for (int i = 0; i < 10000; ++i) many.insert(new_id(Timestamp{1}));
  EXPECT_EQ(many.size(), 10000u);
  EXPECT_FALSE(is_valid_id("not-an-id"));
  EXPECT_FALSE(is_valid_id("0190B6C1-0000-7000-8000-000000000000"));
}

TEST(Country, KnowsIsoCodesAndTheRegion) {
  for (auto c : kRegionCountries) EXPECT_TRUE(is_country_code(c)) << c;
  EXPECT_TRUE(is_country_code("UA"));
  EXPECT_FALSE(is_country_code("XX"));
  EXPECT_FALSE(is_country_code("se"));
  EXPECT_EQ(normalize_country_code("lv"), "LV");
  EXPECT_FALSE(normalize_country_code("Latvia").has_value());
  EXPECT_TRUE(is_ui_language("is"));
  EXPECT_FALSE(is_ui_language("ru"));
}

}  // namespace haven::core
