// The region's national identity numbers: published sample numbers pass, one mistyped digit, an
// impossible date or a wrong length is refused with a reason.
#include "service/import/national_id.h"

#include <gtest/gtest.h>

namespace haven::service::import {
namespace {

TEST(NationalId, AcceptsValidNumbersAsPeopleWriteThem) {
  EXPECT_EQ(check_national_id("SE", "811228-9874"), std::nullopt);
  EXPECT_EQ(check_national_id("SE", "19121212-1212"), std::nullopt);
  EXPECT_EQ(check_national_id("SE", "811288-9871"), std::nullopt) << "samordningsnummer (day + 60)";
  EXPECT_EQ(check_national_id("NO", "150515 50134"), std::nullopt);
  EXPECT_EQ(check_national_id("DK", "070761-4285"), std::nullopt);
  EXPECT_EQ(check_national_id("FI", "131052-308T"), std::nullopt);
  EXPECT_EQ(check_national_id("FI", "131052-308t"), std::nullopt);
  EXPECT_EQ(check_national_id("EE", "37605030299"), std::nullopt);
  EXPECT_EQ(check_national_id("LT", "33309240064"), std::nullopt);
  EXPECT_EQ(check_national_id("LV", "161175-19997"), std::nullopt);
  EXPECT_EQ(check_national_id("LV", "32345678901"), std::nullopt) << "new format: no check digit";
  EXPECT_EQ(check_national_id("PL", "44051401359"), std::nullopt);
  EXPECT_EQ(check_national_id("IS", "120174-3399"), std::nullopt);
  EXPECT_EQ(check_national_id("DE", "anything"), std::nullopt) << "no personal number at birth";
  EXPECT_EQ(check_national_id("UA", "12345"), std::nullopt) << "outside the region";
}

TEST(NationalId, RefusesAMistypedDigit) {
  for (auto [cc, number] : {std::pair{"SE", "811228-9875"},
                            {"NO", "15051550143"},
                            {"FI", "131052-308U"},
                            {"EE", "37605030298"},
                            {"LT", "33309240065"},
                            {"LV", "161175-19998"},
                            {"PL", "44051401358"},
                            {"IS", "1201743389"}}) {
    auto why = check_national_id(cc, number);
    ASSERT_TRUE(why.has_value()) << cc << " " << number;
    EXPECT_NE(why->find("check digit"), std::string::npos) << *why;
  }
}

TEST(NationalId, RefusesAWrongLengthOrAnImpossibleDate) {
  EXPECT_NE(check_national_id("SE", "81122898")->find("10 digits"), std::string::npos);
  EXPECT_NE(check_national_id("SE", "811328-9874")->find("date"), std::string::npos);
  EXPECT_NE(check_national_id("DK", "320761-4285")->find("date"), std::string::npos);
  EXPECT_TRUE(check_national_id("PL", "4405140135x"));
  EXPECT_TRUE(check_national_id("FI", "131052*308T"));
  EXPECT_TRUE(check_national_id("EE", "77605030299"));
}

}  // namespace
}  // namespace haven::service::import
