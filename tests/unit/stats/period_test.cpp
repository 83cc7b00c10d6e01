// Reference periods: years and quarters as SDMX writes them, with the days they cover; anything
// else is refused with a message that says what is accepted.
#include "stats/period.h"

#include <gtest/gtest.h>

namespace haven::stats {
namespace {

TEST(Period, AYearCoversJanuaryToDecember) {
  auto p = parse_period("2026");
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p->frequency, 'A');
  EXPECT_EQ(p->year, 2026);
  EXPECT_EQ(p->first.to_string(), "2026-01-01");
  EXPECT_EQ(p->last.to_string(), "2026-12-31");
}

TEST(Period, AQuarterCoversItsThreeMonths) {
  auto q1 = parse_period("2028-Q1");
  ASSERT_TRUE(q1.ok());
  EXPECT_EQ(q1->frequency, 'Q');
  EXPECT_EQ(q1->last.to_string(), "2028-03-31");
  auto q4 = parse_period("2026-Q4");
  ASSERT_TRUE(q4.ok());
  EXPECT_EQ(q4->first.to_string(), "2026-10-01");
  EXPECT_EQ(q4->last.to_string(), "2026-12-31");
}

TEST(Period, AnythingElseIsRefusedWithWhatIsAccepted) {
  for (const char* bad : {"", "26", "2026-Q0", "2026-Q5", "2026Q1", "2026-q1", "2026-01", "1899",
                          "20x6", "2026-Q12"}) {
    auto p = parse_period(bad);
    ASSERT_FALSE(p.ok()) << bad;
    EXPECT_EQ(p.error().code, core::ErrorCode::kInvalidInput);
    EXPECT_NE(p.error().message.find("2026-Q1"), std::string::npos);
  }
}

}  // namespace
}  // namespace haven::stats
