// Calendar rules a deadline or an age depends on.
#include "core/date.h"

#include <gtest/gtest.h>

namespace haven::core {

TEST(Date, ParsesOnlyRealCalendarDays) {
  EXPECT_TRUE(Date::parse("2024-02-29").has_value());
  EXPECT_FALSE(Date::parse("2023-02-29").has_value());
  EXPECT_FALSE(Date::parse("2026-13-01").has_value());
  EXPECT_FALSE(Date::parse("2026-1-01").has_value());
  EXPECT_FALSE(Date::parse("2026-01-01T00:00").has_value());
  EXPECT_FALSE(Date::parse("").has_value());
  EXPECT_FALSE(Date::parse("abcd-ef-gh").has_value());
  EXPECT_EQ(Date::parse("1900-02-28")->to_string(), "1900-02-28");
}

TEST(Date, DaysSinceEpochRoundTripsAcrossCenturies) {
  for (int64_t d = -800000; d < 800000; d += 997) {
    EXPECT_EQ(Date::from_days(d).days_since_epoch(), d);
  }
  EXPECT_EQ(Date::parse("1970-01-01")->days_since_epoch(), 0);
  EXPECT_EQ(Date::parse("2000-03-01")->days_since_epoch(), 11017);
}

TEST(Date, AddingDaysAndMonthsFollowsTheCalendar) {
  Date d = *Date::parse("2026-12-25");
  EXPECT_EQ(d.plus_days(14).to_string(), "2027-01-08");
  EXPECT_EQ(Date::parse("2026-01-31")->plus_months(1).to_string(), "2026-02-28");
  EXPECT_EQ(Date::parse("2028-01-31")->plus_months(1).to_string(), "2028-02-29");
  EXPECT_EQ(Date::parse("2026-11-30")->plus_months(3).to_string(), "2027-02-28");
}

TEST(Date, AgeCountsWholeYearsAndTurnsOnTheBirthday) {
  Date born = *Date::parse("2008-11-27");
  EXPECT_EQ(born.years_until(*Date::parse("2026-11-26")), 17);
  EXPECT_EQ(born.years_until(*Date::parse("2026-11-27")), 18);
  Date leapling = *Date::parse("2008-02-29");
  EXPECT_EQ(leapling.years_until(*Date::parse("2026-02-28")), 17);
  EXPECT_EQ(leapling.years_until(*Date::parse("2026-03-01")), 18);
}

TEST(Timestamp, FormatsAsRfc3339InUtc) {
  EXPECT_EQ(to_rfc3339({0}), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(to_rfc3339({1795812161123}), "2026-11-27T20:42:41.123Z");
  EXPECT_EQ(Date::of({1795812161123}).to_string(), "2026-11-27");
}

TEST(ManualClock, MovesOnlyWhenTold) {
  ManualClock clock({1000});
  EXPECT_EQ(clock.now().ms, 1000);
  clock.advance_ms(500);
  EXPECT_EQ(clock.now().ms, 1500);
}

}  // namespace haven::core
