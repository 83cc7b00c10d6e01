// Birth-date levels as registration errors produce them.
#include "search/birth_date_agreement.h"

#include <gtest/gtest.h>

namespace haven::search {
namespace {

BirthDate d(std::string_view s, bool estimated = false) {
  return {core::Date::parse(s), estimated};
}

TEST(BirthDateAgreement, Levels) {
  EXPECT_EQ(compare_birth_dates(d("2015-03-07"), d("2015-03-07")), DateAgreement::kExact);
  EXPECT_EQ(compare_birth_dates(d("2015-03-07"), d("2015-07-03")), DateAgreement::kDayMonthSwapped);
  EXPECT_EQ(compare_birth_dates(d("2015-03-07"), d("2016-03-07")), DateAgreement::kYearOffByOne);
  EXPECT_EQ(compare_birth_dates(d("2015-03-07"), d("2015-03-21")), DateAgreement::kWithinDays);
  EXPECT_EQ(compare_birth_dates(d("2015-03-07"), d("2015-09-30")), DateAgreement::kWithinYear);
  EXPECT_EQ(compare_birth_dates(d("2015-03-07"), d("2012-11-30")), DateAgreement::kDisagree);
}

TEST(BirthDateAgreement, AnEstimatedDateWithinAYearIsAYearOff) {
  EXPECT_EQ(compare_birth_dates(d("2010-01-01", true), d("2010-09-15")),
            DateAgreement::kYearOffByOne);
  EXPECT_EQ(compare_birth_dates(d("2010-01-01", true), d("2014-09-15")), DateAgreement::kDisagree);
}

TEST(BirthDateAgreement, MissingIsNotDisagreement) {
  EXPECT_EQ(compare_birth_dates({}, d("2015-03-07")), DateAgreement::kMissing);
  EXPECT_EQ(compare_birth_dates(d("2015-03-07"), {}), DateAgreement::kMissing);
}

TEST(BirthDateAgreement, SameDayAndMonthIsNotASwap) {
  EXPECT_EQ(compare_birth_dates(d("2015-05-05"), d("2015-05-05")), DateAgreement::kExact);
  EXPECT_EQ(compare_birth_dates(d("2015-05-05"), d("2014-05-05")), DateAgreement::kYearOffByOne);
}

}  // namespace
}  // namespace haven::search
