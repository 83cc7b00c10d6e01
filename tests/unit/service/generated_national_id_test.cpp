// Synthetic national identity numbers: every generated number passes the import's independent
// check (service/import/national_id.h) and has its country's format,
// the birth date and the sex where the format holds them, and the same value for the same seed.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "service/import/national_id.h"
#include "synth/national_id.h"

namespace haven::synth {

TEST(NationalId, GeneratedNumbersHaveTheFormatCheckDigitsBirthDateAndSex) {
  const auto birth = *core::Date::from_ymd(2014, 3, 9);
  for (const char* cc : {"SE", "NO", "DK", "FI", "IS", "EE", "LT", "LV", "PL"}) {
    std::set<std::string> seen;
    for (uint64_t i = 0; i < 500; ++i) {
      Rng rng(7, i);
      const Sex sex = i % 2 ? Sex::kMale : Sex::kFemale;
      auto id = national_id(cc, birth, sex, rng);
      ASSERT_TRUE(id.has_value()) << cc;
      EXPECT_EQ(service::import::check_national_id(cc, *id), std::nullopt) << cc << " " << *id;
      seen.insert(*id);
      Rng again(7, i);
      EXPECT_EQ(national_id(cc, birth, sex, again), id) << "the same draws, the same number";
      const std::string s(cc);
      const bool male = sex == Sex::kMale;
      if (s == "SE") {
        EXPECT_EQ(id->substr(0, 9), "20140309-");
        EXPECT_EQ((id->at(11) - '0') % 2 == 1, male) << *id;
      } else if (s == "NO") {
        EXPECT_EQ(id->substr(0, 6), "090314");
        EXPECT_GE(id->at(6), '5') << "born in 2000-2039: individual number 500-999";
        EXPECT_EQ((id->at(8) - '0') % 2 == 1, male) << *id;
      } else if (s == "DK") {
        EXPECT_EQ(id->substr(0, 7), "090314-");
        EXPECT_GE(id->at(7), '4') << "born after 1999";
        EXPECT_EQ((id->back() - '0') % 2 == 1, male) << *id;
      } else if (s == "FI") {
        EXPECT_EQ(id->substr(0, 7), "090314A");
        EXPECT_EQ((id->at(9) - '0') % 2 == 1, male) << *id;
      } else if (s == "IS") {
        EXPECT_EQ(id->substr(0, 7), "090314-");
        EXPECT_EQ(id->back(), '0') << "born in the 2000s";
      } else if (s == "EE" || s == "LT") {
        EXPECT_EQ(id->substr(0, 7), std::string(male ? "5" : "6") + "140309");
      } else if (s == "LV") {
        EXPECT_EQ(id->substr(0, 8), "090314-2");
      } else if (s == "PL") {
        EXPECT_EQ(id->substr(0, 6), "142309") << "month + 20 in the 2000s";
        EXPECT_EQ((id->at(9) - '0') % 2 == 1, male) << *id;
      }
      // One digit changed (not the DK number's: it has no check digit since 2007).
      if (s != "DK") {
        std::string changed = *id;
        char& last = changed.back();
        last = last == '0' ? '1' : (last >= '1' && last <= '9') ? static_cast<char>(last - 1) : '0';
        EXPECT_NE(service::import::check_national_id(cc, changed), std::nullopt)
            << cc << " " << changed;
      }
    }
    // Iceland has two random digits (20-99) a birth date, less those the check digit rules out.
    EXPECT_GT(seen.size(), std::string(cc) == "IS" ? 60u : 200u) << cc << ": serial numbers vary";
  }
  Rng rng(1);
  EXPECT_FALSE(national_id("DE", birth, Sex::kFemale, rng).has_value()) << "no such number";
  EXPECT_FALSE(national_id("LV", *core::Date::from_ymd(2018, 1, 5), Sex::kFemale, rng))
      << "Latvia's codes after June 2017 carry no birth date";
}

}  // namespace haven::synth
